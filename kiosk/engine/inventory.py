"""The site's inventory: vaccine lots on hand that carry over from day to day.

Deliveries are received into the inventory (``stock receive``); a day takes vials from it
(``day open --take LOT=VIALS``); at close the day's unopened vials return to it. A lot entered
with the day (``--lot``) is received and taken at once. Every movement is an event
(``stock_received``, ``stock_taken``, ``stock_returned``) naming the inventory lot and the vials,
so the inventory at any past moment is the sum of the events up to it
(:meth:`InventoryOps.recomputed`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kiosk import limits
from kiosk.db.schema import events, inventory, inventory_boxes, lot_boxes, lots
from kiosk.db.schema import vials as vials_table
from kiosk.engine.core import EngineCore, Part
from kiosk.errors import InvalidInput, StockError
from kiosk.eventlog import Tx
from kiosk.model import Actor, LotIn
from kiosk.tracecodes import InvalidTraceCode, TraceCode, parse_trace_code


@dataclass(frozen=True)
class InventoryLot:
    id: int
    product: str
    lot: str
    expiry: date
    doses_per_vial: int
    vials: int  # unopened, on hand
    use_within_minutes: int

    def expired(self, on: date) -> bool:
        return self.expiry < on


class InventoryOps(Part):
    """Receive lots, list what is on hand, and move vials between the inventory and a day."""

    def __init__(self, core: EngineCore) -> None:
        super().__init__(core)

    # --- reading ----------------------------------------------------------------------------------

    def on_hand(self, *, include_empty: bool = False) -> list[InventoryLot]:
        """Every lot with unopened vials on hand, by expiry (the first to expire first)."""
        with self.db.read() as conn:
            rows = conn.execute(
                sa.select(inventory)
                .where(
                    inventory.c.site == self.site,
                    *([] if include_empty else [inventory.c.vials > 0]),
                )
                .order_by(inventory.c.expiry, inventory.c.product, inventory.c.lot)
            ).all()
        return [_lot(r) for r in rows]

    def recomputed(self) -> dict[int, int]:
        """Each inventory lot's vials as its movement events add up (received - taken +
        returned): what the stored inventory must equal."""
        totals: dict[int, int] = {}
        signs = {"stock_received": 1, "stock_taken": -1, "stock_returned": 1}
        with self.db.read() as conn:
            for kind, payload in conn.execute(
                sa.select(events.c.kind, events.c.payload)
                .where(events.c.site == self.site, events.c.kind.in_(list(signs)))
                .order_by(events.c.seq)
            ):
                key = int(payload["inventory_id"])
                totals[key] = totals.get(key, 0) + signs[kind] * int(payload["vials"])
        return totals

    # --- moving -----------------------------------------------------------------------------------

    def receive(
        self, lot: LotIn, *, actor: Actor, box_codes: list[str] | None = None
    ) -> InventoryLot:
        """A delivery: its vials added to the lot on hand (the same product and lot must have the
        same expiry and vial size) or a new lot. An expired lot is refused. ``box_codes``, the
        traceability codes of its boxes, go with the vials into each day that takes them."""
        self.core.require_manager(actor, "receiving stock")
        check_lot(lot, self.today())
        codes = parse_box_list(box_codes or [], self.today())

        def work(tx: Tx) -> int:
            inventory_id = self.receive_in(tx, lot)
            for code in codes:
                known = tx.conn.execute(
                    sa.select(inventory_boxes.c.id).where(
                        inventory_boxes.c.site == self.site,
                        inventory_boxes.c.inventory_id == inventory_id,
                        inventory_boxes.c.code == code.code,
                    )
                ).first()
                if known is None:
                    tx.conn.execute(
                        sa.insert(inventory_boxes).values(
                            site=self.site, inventory_id=inventory_id, code=code.code
                        )
                    )
            return inventory_id

        inventory_id = self.core.write(actor, work)
        with self.db.read() as conn:
            return _lot(self._row(conn, inventory_id))

    def receive_in(self, tx: Tx, lot: LotIn, vials: int | None = None) -> int:
        """Inside a transaction: ``vials`` (default the lot's) received; the inventory lot's id."""
        count = lot.vials if vials is None else vials
        product, number = lot.product.strip(), lot.lot.strip()
        row = tx.conn.execute(
            sa.select(inventory)
            .where(
                inventory.c.site == self.site,
                inventory.c.product == product,
                inventory.c.lot == number,
            )
            .with_for_update()
        ).first()
        if row is not None:
            if (row.expiry, row.doses_per_vial) != (lot.expiry, lot.doses_per_vial):
                raise StockError(
                    f"lot {number} is on hand with expiry {row.expiry} and"
                    f" {row.doses_per_vial} dose(s) per vial, not {lot.expiry} and"
                    f" {lot.doses_per_vial}",
                    code="lot_mismatch",
                    lot=number,
                )
            self._add(tx, row.id, count)
            inventory_id = int(row.id)
        else:
            inventory_id = int(
                tx.conn.execute(
                    sa.insert(inventory)
                    .values(
                        site=self.site,
                        product=product,
                        lot=number,
                        expiry=lot.expiry,
                        doses_per_vial=lot.doses_per_vial,
                        use_within_minutes=lot.use_within_minutes,
                        vials=count,
                        received_at=tx.now,
                        updated_at=tx.now,
                    )
                    .returning(inventory.c.id)
                ).scalar_one()
            )
        tx.event(
            "stock_received", inventory_id=inventory_id, product=product, lot=number, vials=count
        )
        return inventory_id

    def find(self, conn: Connection, text: str) -> Any:
        """The inventory lot named ``LOT`` or ``PRODUCT/LOT`` (when two products share a lot
        number); refused when unknown or ambiguous."""
        product, _, number = text.strip().rpartition("/")
        q = sa.select(inventory).where(inventory.c.site == self.site, inventory.c.lot == number)
        if product:
            q = q.where(inventory.c.product == product)
        rows = conn.execute(q.with_for_update()).all()
        if not rows:
            raise StockError(f"lot {text.strip()} is not in the inventory", code="unknown_lot")
        if len(rows) > 1:
            names = ", ".join(f"{r.product}/{r.lot}" for r in rows)
            raise StockError(
                f"lot {number} is on hand for several products: name one ({names})",
                code="lot_ambiguous",
            )
        return rows[0]

    def take_in(self, tx: Tx, day: date, inventory_id: int, vials: int) -> int:
        """Inside a transaction: ``vials`` unopened vials moved from the inventory into the day's
        stock (the day's lot, created when new); the day's lot id."""
        limits.number(vials, "vials_added")
        row = self._row(tx.conn, inventory_id, lock=True)
        if row.expiry < day:
            raise StockError(
                f"lot {row.lot} expired on {row.expiry}: it cannot be taken into the day",
                code="lot_expired",
                lot=row.lot,
            )
        if row.vials < vials:
            raise StockError(
                f"lot {row.lot} has {row.vials} vial(s) on hand, not {vials}",
                code="not_enough_stock",
                lot=row.lot,
            )
        self._add(tx, inventory_id, -vials)
        existing = tx.conn.execute(
            sa.select(lots.c.id).where(
                lots.c.site == self.site,
                lots.c.day == day,
                lots.c.product == row.product,
                lots.c.lot == row.lot,
            )
        ).scalar()
        if existing is not None:
            tx.conn.execute(
                sa.update(lots).where(lots.c.id == existing).values(vials=lots.c.vials + vials)
            )
            lot_id = int(existing)
        else:
            lot_id = int(
                tx.conn.execute(
                    sa.insert(lots)
                    .values(
                        site=self.site,
                        day=day,
                        product=row.product,
                        lot=row.lot,
                        expiry=row.expiry,
                        doses_per_vial=row.doses_per_vial,
                        vials=vials,
                        use_within_minutes=row.use_within_minutes,
                        inventory_id=inventory_id,
                    )
                    .returning(lots.c.id)
                ).scalar_one()
            )
        self._boxes_into(tx, inventory_id, lot_id, row.doses_per_vial)
        tx.event(
            "stock_taken",
            day=day,
            inventory_id=inventory_id,
            lot_id=lot_id,
            lot=row.lot,
            vials=vials,
        )
        return lot_id

    def _boxes_into(self, tx: Tx, inventory_id: int, lot_id: int, doses: int) -> None:
        """The lot's listed box codes, known to the day's lot (a station's scan finds them)."""
        listed = set(
            tx.conn.execute(
                sa.select(lot_boxes.c.code).where(lot_boxes.c.lot_id == lot_id)
            ).scalars()
        )
        for code in tx.conn.execute(
            sa.select(inventory_boxes.c.code).where(
                inventory_boxes.c.site == self.site, inventory_boxes.c.inventory_id == inventory_id
            )
        ).scalars():
            if code not in listed:
                tx.conn.execute(
                    sa.insert(lot_boxes).values(
                        site=self.site, lot_id=lot_id, code=code, doses=doses
                    )
                )

    def return_unopened(self, tx: Tx, day: date) -> int:
        """Inside the close: each of the day's lots gives its unopened vials back to the
        inventory (recorded on the lot as returned); the vials returned."""

        opened = (
            sa.select(sa.func.count()).where(vials_table.c.lot_id == lots.c.id).scalar_subquery()
        )
        rows = tx.conn.execute(
            sa.select(
                lots.c.id, lots.c.lot, lots.c.vials, lots.c.inventory_id, opened.label("opened")
            )
            .where(lots.c.site == self.site, lots.c.day == day, lots.c.inventory_id.is_not(None))
            .with_for_update()
        ).all()
        total = 0
        for r in rows:
            unopened = r.vials - r.opened
            if unopened <= 0:
                continue
            self._add(tx, r.inventory_id, unopened)
            tx.conn.execute(
                sa.update(lots).where(lots.c.id == r.id).values(vials_returned=unopened)
            )
            tx.event(
                "stock_returned",
                day=day,
                inventory_id=r.inventory_id,
                lot_id=r.id,
                lot=r.lot,
                vials=unopened,
            )
            total += unopened
        return total

    def take_back(self, tx: Tx, day: date) -> None:
        """A reopened day takes back the vials its close returned (refused when they have been
        taken by another day since)."""
        rows = tx.conn.execute(
            sa.select(lots.c.id, lots.c.lot, lots.c.inventory_id, lots.c.vials_returned).where(
                lots.c.site == self.site, lots.c.day == day, lots.c.vials_returned > 0
            )
        ).all()
        for r in rows:
            row = self._row(tx.conn, r.inventory_id, lock=True)
            if row.vials < r.vials_returned:
                raise StockError(
                    f"lot {r.lot}'s {r.vials_returned} returned vial(s) are no longer on hand",
                    code="not_enough_stock",
                    lot=r.lot,
                )
            self._add(tx, r.inventory_id, -r.vials_returned)
            tx.conn.execute(sa.update(lots).where(lots.c.id == r.id).values(vials_returned=0))
            tx.event(
                "stock_taken",
                day=day,
                inventory_id=r.inventory_id,
                lot_id=r.id,
                lot=r.lot,
                vials=r.vials_returned,
                reopened=True,
            )

    def _add(self, tx: Tx, inventory_id: int, vials: int) -> None:
        """``vials`` more (or, negative, fewer) unopened vials of the lot on hand."""
        tx.conn.execute(
            sa.update(inventory)
            .where(inventory.c.id == inventory_id)
            .values(vials=inventory.c.vials + vials, updated_at=tx.now)
        )

    def _row(self, conn: Connection, inventory_id: int, *, lock: bool = False) -> Any:
        q = sa.select(inventory).where(
            inventory.c.site == self.site, inventory.c.id == inventory_id
        )
        row = conn.execute(q.with_for_update() if lock else q).first()
        if row is None:
            raise StockError(f"no inventory lot {inventory_id}", code="unknown_lot")
        return row


def parse_box_list(texts: list[str], day: date) -> list[TraceCode]:
    """Box codes as a lot lists them (kiosk.tracecodes); the first bad one refused by its place."""
    codes = []
    for i, text in enumerate(texts, start=1):
        try:
            codes.append(parse_trace_code(text, day))
        except InvalidTraceCode as exc:
            raise InvalidInput(
                f"box code {i} is not valid: {exc.message}", field="trace_code", problem=exc.code
            ) from None
    return codes


def check_lot(lot: LotIn, day: date) -> None:
    limits.required(lot.product, "product")
    limits.required(lot.lot, "lot")
    limits.number(lot.doses_per_vial, "doses_per_vial")
    limits.number(lot.vials, "vials")
    limits.number(lot.use_within_minutes, "use_within_minutes")
    if lot.expiry < day:
        raise StockError(f"lot {lot.lot} expired on {lot.expiry}", code="lot_expired", lot=lot.lot)


def _lot(row: Any) -> InventoryLot:
    return InventoryLot(
        row.id, row.product, row.lot, row.expiry, row.doses_per_vial, row.vials,
        row.use_within_minutes,
    )  # fmt: skip
