"""Lots and vials: opening a vial, drawing a dose, recording waste."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kiosk.db.schema import UTCDateTime, days, lots, vials
from kiosk.engine_base import EngineBase
from kiosk.errors import (
    InvalidInput,
    StockError,
)
from kiosk.eventlog import Tx
from kiosk.model import (
    Actor,
    Lot,
    Vial,
)


class StockOps(EngineBase):
    def open_vial(self, lot_id: int, *, actor: Actor) -> Vial:
        day = self.today()

        def work(tx: Tx) -> int:
            self._day_row(tx.conn, day, lock=True)
            return self._open_vial(tx, self._lot_row(tx.conn, lot_id, day))

        vial_id = self._write(actor, work)
        with self.db.read() as conn:
            return self._vial(conn, vial_id)

    def _open_vial(self, tx: Tx, lot: Any) -> int:
        """Open the next vial of ``lot`` (a row of the lots table)."""
        if lot.expiry < self.local(tx.now).date():
            raise StockError(f"lot {lot.lot} expired on {lot.expiry}", code="lot_expired")
        opened = tx.conn.execute(_VIALS_OPENED, {"lot_id": lot.id}).scalar_one()
        if opened >= lot.vials:
            raise StockError(f"lot {lot.lot} has no unopened vial left", code="no_vials")
        vial_id = int(
            tx.conn.execute(
                sa.insert(vials)
                .values(
                    site=self.site,
                    day=lot.day,
                    lot_id=lot.id,
                    opened_at=tx.now,
                    use_by=tx.now + timedelta(minutes=lot.use_within_minutes),
                )
                .returning(vials.c.id)
            ).scalar_one()
        )
        tx.event("vial_opened", day=lot.day, lot_id=lot.id, vial_id=vial_id, lot=lot.lot)
        return vial_id

    def waste(self, vial_id: int, doses: int, reason: str, *, actor: Actor) -> Vial:
        """Record doses of an opened vial that will not be given (expired after opening, dropped…)."""
        if doses < 1:
            raise InvalidInput("wasted doses must be at least 1", field="doses")
        if not reason.strip():
            raise InvalidInput("say why the doses were wasted", field="reason")

        def work(tx: Tx) -> None:
            vial = self._vial(tx.conn, vial_id)
            if doses > vial.doses_left:
                raise StockError(
                    f"vial {vial_id} has only {vial.doses_left} doses left", code="too_many"
                )
            tx.conn.execute(
                sa.update(vials)
                .where(vials.c.id == vial_id)
                .values(doses_wasted=vials.c.doses_wasted + doses)
            )
            tx.event("doses_wasted", vial_id=vial_id, doses=doses, reason=reason.strip())

        self._write(actor, work)
        with self.db.read() as conn:
            return self._vial(conn, vial_id)

    def _lot(self, conn: Connection, lot_id: int, day: date | None = None) -> Lot:
        for lot in self._lots(conn, day):
            if lot.id == lot_id:
                return lot
        raise StockError(f"no lot {lot_id} in today's stock", code="unknown_lot")

    def _lot_row(self, conn: Connection, lot_id: int, day: date) -> Any:
        row = conn.execute(_LOT_ROW, {"site": self.site, "lot_id": lot_id, "day": day}).first()
        if row is None:
            raise StockError(f"no lot {lot_id} in the stock of {day}", code="unknown_lot")
        return row

    def _lots(self, conn: Connection, day: date | None) -> list[Lot]:
        used = (
            sa.select(
                vials.c.lot_id,
                sa.func.count().label("opened"),
                sa.func.sum(vials.c.doses_drawn).label("used"),
                sa.func.sum(vials.c.doses_wasted).label("wasted"),
            )
            .where(vials.c.site == self.site)
            .group_by(vials.c.lot_id)
            .subquery()
        )
        q = (
            sa.select(lots, used.c.opened, used.c.used, used.c.wasted)
            .select_from(lots.outerjoin(used, used.c.lot_id == lots.c.id))
            .where(lots.c.site == self.site)
            .order_by(lots.c.expiry, lots.c.id)
        )
        if day is not None:
            q = q.where(lots.c.day == day)
        return [
            Lot(
                id=r.id,
                product=r.product,
                lot=r.lot,
                expiry=r.expiry,
                doses_per_vial=r.doses_per_vial,
                vials=r.vials,
                use_within_minutes=r.use_within_minutes,
                vials_opened=int(r.opened or 0),
                doses_used=int(r.used or 0),
                doses_wasted=int(r.wasted or 0),
            )
            for r in conn.execute(q)
        ]

    def _vial(self, conn: Connection, vial_id: int) -> Vial:
        r = conn.execute(
            sa.select(vials, lots.c.doses_per_vial)
            .select_from(vials.join(lots, lots.c.id == vials.c.lot_id))
            .where(vials.c.site == self.site, vials.c.id == vial_id)
        ).first()
        if r is None:
            raise StockError(f"no vial {vial_id}", code="unknown_vial")
        return _vial_of(r)

    def _open_vials(self, conn: Connection, day: date) -> list[Vial]:
        rows = conn.execute(
            sa.select(vials, lots.c.doses_per_vial)
            .select_from(vials.join(lots, lots.c.id == vials.c.lot_id))
            .where(
                vials.c.site == self.site,
                vials.c.day == day,
                vials.c.doses_drawn + vials.c.doses_wasted < lots.c.doses_per_vial,
            )
            .order_by(vials.c.opened_at, vials.c.id)
        )
        return [_vial_of(r) for r in rows]

    def _draw_dose(self, tx: Tx, lot: Any, vial_id: int | None) -> Vial:
        """Draw one dose of ``lot`` (its row, from :meth:`_lot_row`) from ``vial_id`` or the
        oldest usable open vial, opening one when none is."""
        lot_id = lot.id
        if lot.expiry < self.local(tx.now).date():
            raise StockError(f"lot {lot.lot} expired on {lot.expiry}", code="lot_expired")
        if vial_id is not None:
            vial = self._vial(tx.conn, vial_id)
            if vial.lot_id != lot_id:
                raise StockError(f"vial {vial_id} is not from lot {lot.lot}", code="wrong_lot")
            if tx.now >= vial.use_by:
                raise StockError(
                    f"vial {vial_id} was opened at {vial.opened_at:%H:%M} and is past its use-by",
                    code="vial_expired",
                )
            if vial.doses_left < 1:
                raise StockError(f"vial {vial_id} is empty", code="vial_empty")
        else:
            row = tx.conn.execute(_USABLE_VIAL, {"lot_id": lot_id, "now": tx.now}).first()
            vial = _vial_of(row) if row else self._vial(tx.conn, self._open_vial(tx, lot))
        tx.conn.execute(_DRAW, {"vial_id": vial.id})
        return vial


def _vial_of(r: Any) -> Vial:
    return Vial(
        id=r.id,
        lot_id=r.lot_id,
        opened_at=r.opened_at,
        use_by=r.use_by,
        doses_per_vial=r.doses_per_vial,
        doses_drawn=r.doses_drawn,
        doses_wasted=r.doses_wasted,
    )


_LOT_ROW = (
    sa.select(lots, days.c.observation_minutes.label("day_observation_minutes"))
    .select_from(lots.join(days, sa.and_(days.c.site == lots.c.site, days.c.day == lots.c.day)))
    .where(
        lots.c.site == sa.bindparam("site"),
        lots.c.id == sa.bindparam("lot_id"),
        lots.c.day == sa.bindparam("day"),
    )
)
_VIALS_OPENED = sa.select(sa.func.count()).where(vials.c.lot_id == sa.bindparam("lot_id"))


_USABLE_VIAL = (
    sa.select(vials, lots.c.doses_per_vial)
    .select_from(vials.join(lots, lots.c.id == vials.c.lot_id))
    .where(
        vials.c.lot_id == sa.bindparam("lot_id"),
        vials.c.doses_drawn + vials.c.doses_wasted < lots.c.doses_per_vial,
        vials.c.use_by > sa.bindparam("now", type_=UTCDateTime()),
    )
    .order_by(vials.c.opened_at, vials.c.id)
    .limit(1)
)
_DRAW = (
    sa.update(vials)
    .where(vials.c.id == sa.bindparam("vial_id"))
    .values(doses_drawn=vials.c.doses_drawn + 1)
)
