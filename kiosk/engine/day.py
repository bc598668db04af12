"""The service day: open, change capacity and stock, close; its status and the cap on issuing."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from kiosk import limits
from kiosk.db.prepared import Prepared
from kiosk.db.schema import UTCDateTime, days, lots, tickets, vials
from kiosk.dose_rules import RuleSet
from kiosk.engine.closing import ClosingOps
from kiosk.engine.core import EngineCore, Part
from kiosk.engine.inventory import InventoryOps, check_lot, parse_box_list
from kiosk.engine.record import RecordOps
from kiosk.engine.stock import StockOps
from kiosk.errors import CapReached, InvalidInput, InvalidTransition, StockError
from kiosk.eventlog import Tx
from kiosk.model import Actor, Counts, DayStatus, LotIn
from kiosk.states import IN_PROGRESS, VACCINATED, State, count_group


def _check_rule(rules: RuleSet | None, lot: LotIn) -> None:
    """A day with dose rules takes only the products it has rules for: a dose of any other could
    not be numbered or checked."""
    if rules is not None and rules.rules and rules.rule(lot.product.strip()) is None:
        known = ", ".join(r.product for r in rules.rules)
        raise StockError(
            f"no dose rule for the product {lot.product.strip()!r} (the rules know: {known})",
            code="unknown_product",
            lot=lot.lot,
        )


def _check_day_numbers(capacity: int, observation_minutes: int, grace_minutes: int) -> None:
    limits.number(capacity, "capacity")
    limits.number(observation_minutes, "observation_minutes")
    limits.number(grace_minutes, "missed_grace_minutes")


class DayOps(Part):
    """The service day and the cap on issuing (DESIGN.md, "The cap on issuing")."""

    def __init__(
        self,
        core: EngineCore,
        stock: StockOps,
        record: RecordOps,
        closing: ClosingOps,
        inventory: InventoryOps,
    ) -> None:
        super().__init__(core)
        self.stock = stock
        self.record = record
        self.closing = closing
        self.inventory = inventory

    # --- opening and changing the day -----------------------------------------------------------

    def open(
        self,
        *,
        capacity: int,
        observation_minutes: int,
        missed_grace_minutes: int,
        lots_in: list[LotIn],
        actor: Actor,
        prefixes: tuple[str, ...] | None = None,
        allergy_extra_minutes: int = 0,
        desks: tuple[str, ...] | None = None,
        rules: RuleSet | None = None,
        fridge_c: float | None = None,
        take: dict[str, int] | None = None,
        day: date | None = None,
        key: str | None = None,
    ) -> DayStatus:
        """Open the service day. ``prefixes`` (the config's categories) are the only ones the
        day issues; what every terminal must agree on is stored in the day row, and ``rules``
        (the config's products and override reasons) as a versioned rule set. ``take`` moves
        vials from the inventory (``{"LOT": vials}``); each of ``lots_in`` is received into the
        inventory and taken at once. A manager's operation, as all that change the day."""
        self.core.require_manager(actor, "opening the day")
        the_day = day or self.today()
        _check_day_numbers(capacity, observation_minutes, missed_grace_minutes)
        if fridge_c is not None:
            limits.temperature(fridge_c)
        limits.number(allergy_extra_minutes, "allergy_extra_minutes")
        stored_prefixes = None
        if prefixes is not None:
            if not prefixes:
                raise InvalidInput("the day needs at least one ticket prefix", field="prefix")
            stored_prefixes = ",".join(sorted({limits.prefix(p) for p in prefixes}))
        stored_desks = (
            None if desks is None else sorted({limits.required(d, "desk") for d in desks})
        )
        seen: set[tuple[str, str]] = set()
        for lot in lots_in:
            check_lot(lot, the_day)
            if (lot.product, lot.lot) in seen:
                raise StockError(f"lot {lot.lot} is entered twice", code="lot_twice", lot=lot.lot)
            seen.add((lot.product, lot.lot))
            _check_rule(rules, lot)

        def work(tx: Tx) -> None:
            exists = tx.conn.execute(
                sa.select(days.c.status).where(days.c.site == self.site, days.c.day == the_day)
            ).scalar()
            if exists is not None:
                raise InvalidTransition(
                    f"service day {the_day} was already opened", code="day_exists"
                )
            version = None if rules is None else self.record.store_rules(tx.conn, rules, tx.now)
            tx.conn.execute(
                sa.insert(days).values(
                    site=self.site,
                    day=the_day,
                    status="open",
                    capacity=capacity,
                    observation_minutes=observation_minutes,
                    missed_grace_minutes=missed_grace_minutes,
                    prefixes=stored_prefixes,
                    allergy_extra_minutes=allergy_extra_minutes,
                    desks=stored_desks,
                    rules_version=version,
                    fridge_open_c=fridge_c,
                    opened_at=tx.now,
                )
            )
            for lot in lots_in:
                self._insert_lot(tx, the_day, lot)
            self._take(tx, the_day, take or {}, rules)
            tx.event(
                "day_opened",
                day=the_day,
                capacity=capacity,
                observation_minutes=observation_minutes,
                missed_grace_minutes=missed_grace_minutes,
                prefixes=stored_prefixes,
                allergy_extra_minutes=allergy_extra_minutes,
                desks=stored_desks,
                rules_version=version,
                lots=[
                    f"{lot.product} {lot.lot} {lot.vials}x{lot.doses_per_vial}" for lot in lots_in
                ],
            )

        self.core.write(actor, work, key=key, replay=lambda c, e: None)
        return self.status(the_day)

    def _insert_lot(self, tx: Tx, day: date, lot: LotIn) -> int:
        """A lot entered with the day: received into the inventory and taken at once."""
        inventory_id = self.inventory.receive_in(tx, lot)
        return self.inventory.take_in(tx, day, inventory_id, lot.vials)

    def _take(self, tx: Tx, day: date, take: dict[str, int], rules: RuleSet | None) -> None:
        for name, count in take.items():
            row = self.inventory.find(tx.conn, name)
            _check_rule(rules, LotIn(row.product, row.lot, row.expiry, row.doses_per_vial, count))
            self.inventory.take_in(tx, day, row.id, count)

    def take(self, take: dict[str, int], *, actor: Actor) -> DayStatus:
        """More vials moved from the inventory into today's stock (``{"LOT": vials}``)."""
        self.core.require_manager(actor, "taking stock into the day")
        day = self.today()

        def work(tx: Tx) -> None:
            row = self.core.day_row(tx.conn, day, lock=True)
            self._take(tx, day, take, self.record.rules_of(tx.conn, row.rules_version))

        self.core.write(actor, work)
        return self.status(day)

    def add_lot(
        self,
        lot: LotIn,
        *,
        actor: Actor,
        box_codes: list[str] | None = None,
        key: str | None = None,
    ) -> DayStatus:
        """A lot added to today's stock (a delivery: received into the inventory and taken at
        once), with the traceability codes of its boxes (one vial each), so a station's scan
        selects it and counts the box's doses."""
        self.core.require_manager(actor, "adding a lot")
        day = self.today()
        check_lot(lot, day)
        codes = parse_box_list(box_codes or [], day)

        def work(tx: Tx) -> None:
            row = self.core.day_row(tx.conn, day, lock=True)
            _check_rule(self.record.rules_of(tx.conn, row.rules_version), lot)
            twin = tx.conn.execute(
                sa.select(lots.c.id).where(
                    lots.c.site == self.site,
                    lots.c.day == day,
                    lots.c.product == lot.product.strip(),
                    lots.c.lot == lot.lot.strip(),
                )
            ).first()
            if twin is not None:
                raise StockError(f"lot {lot.lot} is entered twice", code="lot_twice", lot=lot.lot)
            lot_id = self._insert_lot(tx, day, lot)
            tx.event("lot_added", day=day, lot_id=lot_id, lot=lot.lot, vials=lot.vials)
            self.stock.add_box_codes(tx, self.stock.lot_row(tx.conn, lot_id, day), codes)

        self.core.write(actor, work, key=key, replay=lambda c, e: None)
        return self.status(day)

    def add_vials(self, lot_id: int, vials_added: int, *, actor: Actor) -> DayStatus:
        self.core.require_manager(actor, "adding vials")
        limits.number(vials_added, "vials_added")
        day = self.today()

        def work(tx: Tx) -> None:
            self.core.day_row(tx.conn, day, lock=True)
            lot = self.stock.lot_row(tx.conn, lot_id, day)
            if lot.inventory_id is None:  # a lot from before the inventory
                tx.conn.execute(
                    sa.update(lots)
                    .where(lots.c.id == lot.id)
                    .values(vials=lots.c.vials + vials_added)
                )
            else:  # a delivery of more vials of the lot: received and taken at once
                same = LotIn(lot.product, lot.lot, lot.expiry, lot.doses_per_vial, vials_added,
                             lot.use_within_minutes)  # fmt: skip
                self.inventory.receive_in(tx, same)
                self.inventory.take_in(tx, day, lot.inventory_id, vials_added)
            tx.event("vials_added", day=day, lot_id=lot.id, lot=lot.lot, vials=vials_added)

        self.core.write(actor, work)
        return self.status(day)

    def add_desk(self, desk: str, *, actor: Actor) -> DayStatus:
        """Let one more desk or station call today (a day opened with a list of desks)."""
        self.core.require_manager(actor, "adding a desk")
        name = limits.required(desk, "desk")
        day = self.today()

        def work(tx: Tx) -> None:
            row = self.core.day_row(tx.conn, day, lock=True)
            if row.desks is None or name in row.desks:
                return  # any desk may call, or this one already may
            tx.conn.execute(
                sa.update(days)
                .where(days.c.site == self.site, days.c.day == day)
                .values(desks=sorted([*row.desks, name]))
            )
            tx.event("desk_added", day=day, desk=name)

        self.core.write(actor, work)
        return self.status(day)

    def set_capacity(self, capacity: int, *, actor: Actor) -> DayStatus:
        self.core.require_manager(actor, "changing the capacity")
        day = self.today()
        limits.number(capacity, "capacity")

        def work(tx: Tx) -> None:
            row = self.core.day_row(tx.conn, day, lock=True)
            tx.conn.execute(
                sa.update(days)
                .where(days.c.site == self.site, days.c.day == day)
                .values(capacity=capacity)
            )
            tx.event("capacity_set", day=day, capacity=capacity, previous=row.capacity)

        self.core.write(actor, work)
        return self.status(day)

    def close(
        self,
        *,
        actor: Actor,
        day: date | None = None,
        acknowledge: bool = False,
        fridge_c: float | None = None,
    ) -> DayStatus:
        """Close the day once it balances (:mod:`kiosk.engine.closing`): whoever is still
        waiting or called becomes ``unserved``; missed stay."""
        the_day = day or self.today()
        self.closing.close(actor=actor, day=the_day, acknowledge=acknowledge, fridge_c=fridge_c)
        return self.status(the_day)

    # --- the cap -----------------------------------------------------------------------------------

    def status(self, day: date | None = None) -> DayStatus:
        the_day = day or self.today()
        with self.db.read() as conn:
            return self._status(conn, the_day, self.clock.now())

    def _status(self, conn: Connection, day: date, now: datetime) -> DayStatus:
        row = self.core.day_row(conn, day, open_only=False)
        counts = self._counts(conn, day, now)
        lot_list = self.stock.lots(conn, day)
        stock = sum(lot.doses for lot in lot_list)
        used = sum(lot.doses_used for lot in lot_list)
        wasted = sum(lot.doses_wasted for lot in lot_list)
        opened = self.stock.open_vials(conn, day)
        expired_vials = tuple(v for v in opened if now >= v.use_by)
        expired = sum(v.doses_left for v in expired_vials)
        reason = _closed_reason(
            row.status,
            row.capacity,
            counts.vaccinated,
            counts.reserved,
            stock,
            used + wasted + expired,
        )
        return DayStatus(
            day=day,
            status=row.status,
            capacity=row.capacity,
            observation_minutes=row.observation_minutes,
            missed_grace_minutes=row.missed_grace_minutes,
            stock=stock,
            doses_used=used,
            doses_wasted=wasted,
            counts=counts,
            lots=tuple(lot_list),
            open_vials=tuple(v for v in opened if now < v.use_by),
            expired_vials=expired_vials,
            can_issue=reason is None,
            closed_reason=reason,
            prefixes=tuple(row.prefixes.split(",")) if row.prefixes else None,
            allergy_extra_minutes=row.allergy_extra_minutes,
            desks=tuple(row.desks) if row.desks is not None else None,
        )

    def _counts(self, conn: Connection, day: date, now: datetime) -> Counts:
        in_grace = sa.case((tickets.c.missed_until > now, 1), else_=0)
        rows = conn.execute(
            sa.select(tickets.c.state, sa.func.count(), sa.func.sum(in_grace))
            .where(tickets.c.site == self.site, tickets.c.day == day)
            .group_by(tickets.c.state)
        ).all()
        groups: dict[str, int] = {}
        per_state: dict[str, int] = {}
        reserved = 0
        for state_value, n, n_in_grace in rows:
            state = State(state_value)
            per_state[state.value] = n
            group = count_group(state)
            groups[group] = groups.get(group, 0) + n
            if state in IN_PROGRESS:
                reserved += n
            elif state == State.MISSED:
                reserved += int(n_in_grace or 0)
        return Counts(
            issued=sum(groups.values()),
            vaccinated=groups.get("vaccinated", 0),
            in_progress=groups.get("in_progress", 0),
            deferred=groups.get("deferred", 0),
            cancelled=groups.get("cancelled", 0),
            missed=groups.get("missed", 0),
            unserved=groups.get("unserved", 0),
            reserved=reserved,
            waiting_registration=per_state.get(State.WAITING_REGISTRATION.value, 0),
            waiting_vaccination=per_state.get(State.WAITING_VACCINATION.value, 0),
            observing=per_state.get(State.OBSERVING.value, 0),
            left_early=per_state.get(State.LEFT_EARLY.value, 0),
        )

    def require_room(
        self, conn: Connection, day: date, now: datetime, prefix: str | None = None
    ) -> None:
        """Raise :class:`CapReached` unless one more dose can be reserved on ``day`` (and, with
        ``prefix``, :class:`InvalidInput` unless the day issues it). Issuing and reinstating
        serialise on the day row; one query then reads it with the figures the cap needs (the
        same as :meth:`status`, only those)."""
        if conn.dialect.name != "sqlite":
            # PostgreSQL: lock the day row first. A statement that waited for a lock still reads
            # the snapshot it started with, so the figures must come from a later statement.
            # (SQLite's BEGIN IMMEDIATE already serialises every writer.)
            self.core.day_row(conn, day, lock=True, open_only=False)
        row = _DAY_ROOM(conn, {"site": self.site, "day": day, "now": now}).first()
        self.core.check_day(row, day)
        if prefix is not None and row.prefixes and prefix not in row.prefixes.split(","):
            raise InvalidInput(
                f"the day issues no prefix {prefix} (its prefixes: {row.prefixes})",
                field="prefix",
            )
        reserved = row.in_progress + row.missed_in_grace
        reason = _closed_reason(
            row.status,
            row.capacity,
            row.vaccinated,
            reserved,
            row.stock,
            row.spent + row.expired_left,
        )
        if reason is not None:
            raise CapReached(f"no more numbers today ({reason})", reason=reason)


def _closed_reason(
    status: str, capacity: int, vaccinated: int, reserved: int, stock: int, spent: int
) -> str | None:
    """Why no number may be issued, or None: the cap of DESIGN.md, in one place."""
    if status != "open":
        return "day_closed"
    if capacity == 0:
        return "paused"
    if vaccinated + reserved >= capacity:
        return "capacity"
    if spent + reserved >= stock:
        return "stock"
    return None


def _tickets_where(condition: sa.ColumnElement[bool]) -> sa.ScalarSelect[Any]:
    return (
        sa.select(sa.func.count())
        .where(
            tickets.c.site == sa.bindparam("site"),
            tickets.c.day == sa.bindparam("day"),
            condition,
        )
        .scalar_subquery()
    )


def _state_in(states: frozenset[State]) -> sa.ColumnElement[bool]:
    """``state IN ('a', 'b')`` with the (fixed) states written into the SQL, not bound."""
    return tickets.c.state.in_([sa.literal_column(f"'{s.value}'") for s in sorted(states)])


_DAY_ROOM_STATEMENT = sa.select(
    days.c.status,
    days.c.capacity,
    days.c.prefixes,
    _tickets_where(_state_in(VACCINATED)).label("vaccinated"),
    _tickets_where(_state_in(IN_PROGRESS)).label("in_progress"),
    _tickets_where(
        sa.and_(
            tickets.c.state == sa.literal_column(f"'{State.MISSED.value}'"),
            tickets.c.missed_until > sa.bindparam("now", type_=UTCDateTime()),
        )
    ).label("missed_in_grace"),
    sa.select(sa.func.coalesce(sa.func.sum(lots.c.vials * lots.c.doses_per_vial), 0))
    .where(lots.c.site == sa.bindparam("site"), lots.c.day == sa.bindparam("day"))
    .scalar_subquery()
    .label("stock"),
    sa.select(sa.func.coalesce(sa.func.sum(vials.c.doses_drawn + vials.c.doses_wasted), 0))
    .where(vials.c.site == sa.bindparam("site"), vials.c.day == sa.bindparam("day"))
    .scalar_subquery()
    .label("spent"),
    sa.select(
        sa.func.coalesce(
            sa.func.sum(lots.c.doses_per_vial - vials.c.doses_drawn - vials.c.doses_wasted), 0
        )
    )
    .select_from(vials.join(lots, lots.c.id == vials.c.lot_id))
    .where(
        vials.c.site == sa.bindparam("site"),
        vials.c.day == sa.bindparam("day"),
        vials.c.use_by <= sa.bindparam("now", type_=UTCDateTime()),
    )
    .scalar_subquery()
    .label("expired_left"),
).where(days.c.site == sa.bindparam("site"), days.c.day == sa.bindparam("day"))
_DAY_ROOM = Prepared(_DAY_ROOM_STATEMENT)
