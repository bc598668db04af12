"""Lots and vials: opening a vial, drawing a dose, recording waste."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kiosk import limits
from kiosk.db.prepared import Prepared
from kiosk.db.schema import UTCDateTime, days, lots, vials
from kiosk.engine.core import Part
from kiosk.errors import (
    StockError,
)
from kiosk.eventlog import Tx
from kiosk.model import (
    Actor,
    Lot,
    Vial,
)


class StockOps(Part):
    """Lots and vials of a day: open a vial, draw a dose, waste doses; in-transaction helpers the
    day, care and corrections parts use."""

    def open_vial(self, lot_id: int, *, actor: Actor) -> Vial:
        day = self.today()

        def work(tx: Tx) -> int:
            self.core.day_row(tx.conn, day, lock=True)
            return self._open_vial(tx, self.lot_row(tx.conn, lot_id, day))

        vial_id = self.core.write(actor, work)
        with self.db.read() as conn:
            return self.vial(conn, vial_id)

    def _open_vial(self, tx: Tx, lot: Any) -> int:
        """Open the next vial of ``lot`` (a row of the lots table)."""
        if lot.expiry < self.local(tx.now).date():
            raise StockError(f"lot {lot.lot} expired on {lot.expiry}", code="lot_expired")
        _LOCK_LOT(tx.conn, {"lot_id": lot.id})  # PostgreSQL: one opener at a time counts the vials
        opened = _VIALS_OPENED(tx.conn, {"lot_id": lot.id}).scalar_one()
        if opened >= lot.vials:
            raise StockError(f"lot {lot.lot} has no unopened vial left", code="no_vials")
        vial_id = int(
            _INSERT_VIAL(
                tx.conn,
                {
                    "v_site": self.site,
                    "v_day": lot.day,
                    "v_lot_id": lot.id,
                    "v_opened_at": tx.now,
                    "v_use_by": tx.now + timedelta(minutes=lot.use_within_minutes),
                },
            ).scalar_one()
        )
        tx.event("vial_opened", day=lot.day, lot_id=lot.id, vial_id=vial_id, lot=lot.lot)
        return vial_id

    def waste(self, vial_id: int, doses: int, reason: str, *, actor: Actor) -> Vial:
        """Record doses of an opened vial that will not be given (expired after opening, dropped…)."""
        limits.number(doses, "doses")
        why = limits.required(reason, "reason")

        def work(tx: Tx) -> None:
            vial = self.vial(tx.conn, vial_id)
            # The check is repeated in the UPDATE: on PostgreSQL a station may draw from this
            # vial between the read and the write.
            wasted = _WASTE(
                tx.conn, {"b_vial": vial_id, "b_doses": doses, "dpv": vial.doses_per_vial}
            ).rowcount
            if wasted != 1:
                left = self.vial(tx.conn, vial_id).doses_left
                raise StockError(f"vial {vial_id} has only {left} doses left", code="too_many")
            tx.event("doses_wasted", vial_id=vial_id, doses=doses, reason=why)

        self.core.write(actor, work)
        with self.db.read() as conn:
            return self.vial(conn, vial_id)

    def lot_row(self, conn: Connection, lot_id: int, day: date) -> Any:
        row = _LOT_ROW(conn, {"site": self.site, "lot_id": lot_id, "day": day}).first()
        if row is None:
            raise StockError(f"no lot {lot_id} in the stock of {day}", code="unknown_lot")
        return row

    def lots(self, conn: Connection, day: date | None) -> list[Lot]:
        used = (
            sa.select(
                vials.c.lot_id,
                sa.func.count().label("opened"),
                sa.func.sum(vials.c.doses_drawn).label("used"),
                sa.func.sum(vials.c.doses_wasted).label("wasted"),
            )
            .where(vials.c.site == self.site, *([vials.c.day == day] if day else []))
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

    def vial(self, conn: Connection, vial_id: int) -> Vial:
        r = conn.execute(
            sa.select(vials, lots.c.doses_per_vial)
            .select_from(vials.join(lots, lots.c.id == vials.c.lot_id))
            .where(vials.c.site == self.site, vials.c.id == vial_id)
        ).first()
        if r is None:
            raise StockError(f"no vial {vial_id}", code="unknown_vial")
        return _vial_of(r)

    def open_vials(self, conn: Connection, day: date) -> list[Vial]:
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

    def draw_dose(self, tx: Tx, lot: Any, vial_id: int | None) -> Vial:
        """Draw one dose of ``lot`` (its row, from :meth:`_lot_row`) from ``vial_id`` or the
        oldest usable open vial, opening one when none is; returns the vial after the draw.

        The draw itself re-checks that the vial has a dose left and is within its use-by, so two
        stations drawing the last dose of one vial at once (PostgreSQL) cannot overdraw it."""
        if lot.expiry < self.local(tx.now).date():
            raise StockError(f"lot {lot.lot} expired on {lot.expiry}", code="lot_expired")
        params = {"dpv": lot.doses_per_vial, "now": tx.now}
        if vial_id is not None:
            row = _DRAW_FROM(tx.conn, {**params, "b_vial": vial_id, "b_lot": lot.id}).first()
            if row is None:  # say why (reading the vial only then)
                vial = self.vial(tx.conn, vial_id)
                if vial.lot_id != lot.id:
                    raise StockError(f"vial {vial_id} is not from lot {lot.lot}", code="wrong_lot")
                if tx.now >= vial.use_by:
                    raise StockError(
                        f"vial {vial_id} was opened at {vial.opened_at:%H:%M} and is past its"
                        " use-by",
                        code="vial_expired",
                    )
                raise StockError(f"vial {vial_id} is empty", code="vial_empty")
        else:
            row = _DRAW_USABLE(tx.conn, {**params, "b_lot": lot.id}).first()
            if row is None and tx.conn.dialect.name != "sqlite":
                # PostgreSQL: another station may be drawing the last dose or opening a vial of
                # this lot right now. Openers take turns on the lot row; once it is ours, what
                # they committed is visible to a second pick.
                _LOCK_LOT(tx.conn, {"lot_id": lot.id})
                row = _DRAW_USABLE(tx.conn, {**params, "b_lot": lot.id}).first()
            if row is None:
                opened = self._open_vial(tx, lot)
                row = _DRAW_FROM(tx.conn, {**params, "b_vial": opened, "b_lot": lot.id}).one()
        return Vial(
            id=row.id,
            lot_id=row.lot_id,
            opened_at=row.opened_at,
            use_by=row.use_by,
            doses_per_vial=lot.doses_per_vial,
            doses_drawn=row.doses_drawn,
            doses_wasted=row.doses_wasted,
        )


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


_LOT_ROW = Prepared(
    sa.select(
        lots,
        days.c.observation_minutes.label("day_observation_minutes"),
        days.c.rules_version.label("day_rules_version"),
    )
    .select_from(lots.join(days, sa.and_(days.c.site == lots.c.site, days.c.day == lots.c.day)))
    .where(
        lots.c.site == sa.bindparam("site"),
        lots.c.id == sa.bindparam("lot_id"),
        lots.c.day == sa.bindparam("day"),
    )
)
# FOR NO KEY UPDATE: tickets pointing at the lot (FOR KEY SHARE through their foreign key) do
# not make an opener wait.
_LOCK_LOT = Prepared(
    sa.select(lots.c.id).where(lots.c.id == sa.bindparam("lot_id")).with_for_update(key_share=True)
)
_VIALS_OPENED = Prepared(sa.select(sa.func.count()).where(vials.c.lot_id == sa.bindparam("lot_id")))
_INSERT_VIAL = Prepared(
    sa.insert(vials)
    .values(
        {
            c: sa.bindparam(f"v_{c}", type_=vials.c[c].type)
            for c in ("site", "day", "lot_id", "opened_at", "use_by")
        }
    )
    .returning(vials.c.id)
)


_NOW = sa.bindparam("now", type_=UTCDateTime())
_DPV = sa.bindparam("dpv", type_=sa.Integer())
_usable = vials.alias("usable")
_DRAW_USABLE = Prepared(
    sa.update(vials)
    .where(
        vials.c.id
        == sa.select(_usable.c.id)
        .where(
            _usable.c.lot_id == sa.bindparam("b_lot"),
            _usable.c.doses_drawn + _usable.c.doses_wasted < _DPV,
            _usable.c.use_by > _NOW,
        )
        .order_by(_usable.c.opened_at, _usable.c.id)
        .limit(1)
        .scalar_subquery(),
        vials.c.doses_drawn + vials.c.doses_wasted < _DPV,
        vials.c.use_by > _NOW,
    )
    .values(doses_drawn=vials.c.doses_drawn + 1)
    .returning(*vials.c)
)
"""One dose from the oldest usable open vial of a lot, in one statement."""
_DRAW_FROM = Prepared(
    sa.update(vials)
    .where(
        vials.c.id == sa.bindparam("b_vial"),
        vials.c.lot_id == sa.bindparam("b_lot"),
        vials.c.doses_drawn + vials.c.doses_wasted < _DPV,
        vials.c.use_by > _NOW,
    )
    .values(doses_drawn=vials.c.doses_drawn + 1)
    .returning(*vials.c)
)
"""One dose from a given vial of the lot, if it has one left and is within its use-by."""
_WASTE = Prepared(
    sa.update(vials)
    .where(
        vials.c.id == sa.bindparam("b_vial"),
        vials.c.doses_drawn + vials.c.doses_wasted + sa.bindparam("b_doses", type_=sa.Integer())
        <= _DPV,
    )
    .values(doses_wasted=vials.c.doses_wasted + sa.bindparam("b_doses", type_=sa.Integer()))
)
"""Waste doses of a vial, if it still has that many left."""
