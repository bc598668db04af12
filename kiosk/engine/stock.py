"""Lots and vials: opening a vial, drawing a dose, recording waste."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kiosk import limits
from kiosk.db.prepared import Prepared
from kiosk.db.schema import UTCDateTime, days, doses, lot_boxes, lots, vials
from kiosk.engine.core import EngineCore, Part
from kiosk.engine.record import RecordOps
from kiosk.errors import InvalidInput, StockError
from kiosk.eventlog import Tx
from kiosk.model import (
    Actor,
    Lot,
    Vial,
)
from kiosk.tracecodes import InvalidTraceCode, TraceCode, parse_trace_code


@dataclass(frozen=True)
class Traced:
    """A box code as a dose records it: canonical code, its lot, whether it was on the list."""

    code: str
    lot_id: int
    listed: bool


class StockOps(Part):
    """Lots and vials of a day: open a vial, draw a dose, waste doses; in-transaction helpers the
    day, care and corrections parts use."""

    def __init__(self, core: EngineCore, record: RecordOps) -> None:
        super().__init__(core)
        self.record = record

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

    def waste(
        self, vial_id: int, doses: int, reason: str, *, actor: Actor, note: str | None = None
    ) -> Vial:
        """Record doses of an opened vial that will not be given (expired after opening, dropped…).
        ``reason`` is one of the day's coded waste reasons (free text on a day opened without
        them), ``note`` what the nurse adds."""
        limits.number(doses, "doses")
        limits.required(reason, "reason")

        def work(tx: Tx) -> None:
            vial = self.vial(tx.conn, vial_id)
            code, why = self.record.coded_reason(tx.conn, self.today(), "waste", reason, note)
            # The check is repeated in the UPDATE: on PostgreSQL a station may draw from this
            # vial between the read and the write.
            wasted = _WASTE(
                tx.conn, {"b_vial": vial_id, "b_doses": doses, "dpv": vial.doses_per_vial}
            ).rowcount
            if wasted != 1:
                left = self.vial(tx.conn, vial_id).doses_left
                raise StockError(f"vial {vial_id} has only {left} doses left", code="too_many")
            tx.event(
                "doses_wasted",
                day=self.today(),
                vial_id=vial_id,
                doses=doses,
                reason=why,
                reason_code=code,
            )

        self.core.write(actor, work)
        with self.db.read() as conn:
            return self.vial(conn, vial_id)

    # --- boxes and their traceability codes ---------------------------------------------------------

    def add_box_codes(self, tx: Tx, lot: Any, codes: list[TraceCode]) -> int:
        """The boxes of ``lot`` by their codes (each holds one vial's doses); a code listed twice
        for the lot is refused, naming it."""
        for code in codes:
            twin = tx.conn.execute(
                sa.select(lot_boxes.c.id).where(
                    lot_boxes.c.site == self.site,
                    lot_boxes.c.lot_id == lot.id,
                    lot_boxes.c.code == code.code,
                )
            ).first()
            if twin is not None:
                raise StockError(
                    f"box code {code.code} is already listed for lot {lot.lot}",
                    code="box_code_twice",
                    box_code=code.code,
                )
            tx.conn.execute(
                sa.insert(lot_boxes).values(
                    site=self.site, lot_id=lot.id, code=code.code, doses=lot.doses_per_vial
                )
            )
        if codes:
            tx.event("box_codes_added", day=lot.day, lot_id=lot.id, lot=lot.lot, boxes=len(codes))
        return len(codes)

    def box_codes(self, lot_id: int) -> list[str]:
        with self.db.read() as conn:
            return list(
                conn.execute(
                    sa.select(lot_boxes.c.code)
                    .where(lot_boxes.c.site == self.site, lot_boxes.c.lot_id == lot_id)
                    .order_by(lot_boxes.c.id)
                ).scalars()
            )

    def trace(self, conn: Connection, text: str, day: date, lot_id: int | None) -> Traced:
        """A scanned box code checked against the day's stock: the lot it belongs to (a listed
        box names its lot; an unlisted one needs ``lot_id``, the lot the nurse picked), and
        whether the box still holds a dose. Refusals say why: a code that is no code, a box of a
        lot not on hand today or expired, a box whose doses are all given."""
        try:
            code = parse_trace_code(text, day)
        except InvalidTraceCode as exc:
            raise InvalidInput(
                f"the box code is not valid: {exc.message}", field="trace_code", problem=exc.code
            ) from None
        listed = _BOXES(conn, {"site": self.site, "code": code.code}).all()
        today = [b for b in listed if b.day == day]
        if listed and not today:
            lot = listed[-1]
            raise StockError(
                f"box code {code.code} belongs to lot {lot.lot} of {lot.day}, not on hand today",
                code="box_not_on_hand",
                lot=lot.lot,
            )
        box = today[0] if today else None
        if box is not None and lot_id is not None and box.lot_id != lot_id:
            raise StockError(
                f"box code {code.code} is of lot {box.lot}, not the lot chosen",
                code="box_other_lot",
                lot=box.lot,
            )
        chosen = box.lot_id if box is not None else lot_id
        if chosen is None:
            raise StockError(
                f"box code {code.code} is on no lot's list: choose the lot", code="box_unlisted"
            )
        lot = self.lot_row(conn, chosen, day)
        expiry = min(lot.expiry, code.expiry) if code.expiry else lot.expiry
        if expiry < day:
            raise StockError(
                f"box code {code.code} is of a lot that expired on {expiry}",
                code="lot_expired",
                lot=lot.lot,
            )
        if box is None and code.lot and code.lot != lot.lot:
            raise StockError(
                f"box code {code.code} names lot {code.lot}, not lot {lot.lot}",
                code="box_other_lot",
                lot=code.lot,
            )
        holds = box.doses if box is not None else lot.doses_per_vial
        given = _GIVEN_FROM_BOX(conn, {"site": self.site, "code": code.code}).scalar_one()
        if given >= holds:
            raise StockError(
                f"box code {code.code}: all {holds} dose(s) of this box are given",
                code="box_used_up",
            )
        return Traced(code.code, lot.id, box is not None)

    def identify_box(self, text: str, lot_id: int | None = None) -> Traced:
        """What a scanned box code means today (a station selects the box's lot with it); the
        refusals of :meth:`trace`."""
        day = self.today()
        with self.db.read() as conn:
            return self.trace(conn, text, day, lot_id)

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
_BOXES = Prepared(
    sa.select(lot_boxes.c.lot_id, lot_boxes.c.doses, lots.c.day, lots.c.lot)
    .select_from(lot_boxes.join(lots, lots.c.id == lot_boxes.c.lot_id))
    .where(lot_boxes.c.site == sa.bindparam("site"), lot_boxes.c.code == sa.bindparam("code"))
    .order_by(lots.c.day, lot_boxes.c.id)
)
_GIVEN_FROM_BOX = Prepared(
    sa.select(sa.func.count()).where(
        doses.c.site == sa.bindparam("site"),
        doses.c.trace_code == sa.bindparam("code"),
        doses.c.voided_at.is_(None),
    )
)
