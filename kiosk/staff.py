"""Staff and their PINs: scrypt hashes in the database, wrong PINs rate-limited per person.

After ``MAX_FAILURES`` wrong PINs in a row a person is locked for ``LOCK_MINUTES``; the lock lives in
the database so another terminal cannot be used to keep guessing.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from kiosk import limits
from kiosk.clock import Clock
from kiosk.db.database import Database
from kiosk.db.schema import sites, staff
from kiosk.errors import DomainError, InvalidInput, NotFound

ROLES = ("nurse", "manager")
MAX_FAILURES = 5
LOCK_MINUTES = 5
_N, _R, _P = 2**14, 8, 1


@dataclass(frozen=True)
class StaffMember:
    id: int
    name: str
    role: str


class WrongPin(DomainError):
    code = "wrong_pin"


class Locked(DomainError):
    code = "staff_locked"


def normalise_pin(pin: str) -> str:
    """The PIN in ASCII digits: full-width digits (１２３４, as a Chinese input method types
    them) become 1234; any other character, other scripts' digits among them (١٢٣٤), is refused,
    since a PIN pad or a keyboard in ASCII could never type it at sign-in."""
    ascii_pin = "".join(
        chr(ord(ch) - 0xFF10 + 0x30) if "\uff10" <= ch <= "\uff19" else ch for ch in pin.strip()
    )
    if not all("0" <= ch <= "9" for ch in ascii_pin):
        raise InvalidInput("a PIN is made of the digits 0-9 only", field="pin")
    return ascii_pin


def hash_pin(pin: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${_N}${_R}${_P}${b64(salt).decode()}${b64(digest).decode()}"


def check_pin(pin: str, stored: str) -> bool:
    try:
        _scheme, n, r, p, salt, digest = stored.split("$")
        expected = base64.b64decode(digest)
        got = hashlib.scrypt(
            pin.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=32
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)


class StaffDirectory:
    def __init__(self, db: Database, clock: Clock, site: str) -> None:
        self.db = db
        self.clock = clock
        self.site = site

    def add(self, name: str, pin: str, role: str = "nurse") -> StaffMember:
        name = limits.required(name, "staff")
        pin = normalise_pin(pin)
        if not 4 <= len(pin) <= 12:
            raise InvalidInput("a PIN is 4 to 12 digits", field="pin")
        if role not in ROLES:
            raise InvalidInput(f"role must be one of {', '.join(ROLES)}", field="role")
        pin_hash = hash_pin(pin)

        def work(conn: sa.Connection) -> int:
            if conn.execute(
                sa.select(staff.c.id).where(staff.c.site == self.site, staff.c.name == name)
            ).first():
                raise InvalidInput(f"staff member {name} already exists", field="name")
            return int(
                conn.execute(
                    sa.insert(staff)
                    .values(site=self.site, name=name, role=role, pin_hash=pin_hash)
                    .returning(staff.c.id)
                ).scalar_one()
            )

        return StaffMember(self.db.write(work), name, role)

    def members(self) -> list[StaffMember]:
        with self.db.read() as conn:
            rows = conn.execute(
                sa.select(staff.c.id, staff.c.name, staff.c.role)
                .where(staff.c.site == self.site, staff.c.active.is_(True))
                .order_by(staff.c.name)
            )
            return [StaffMember(r.id, r.name, r.role) for r in rows]

    def sign_in(self, name: str, pin: str) -> StaffMember:
        """The member, if the PIN is right and they are not locked; counts failures."""
        now = self.clock.now()
        with self.db.read() as conn:
            row = conn.execute(
                sa.select(staff).where(
                    staff.c.site == self.site, staff.c.name == name, staff.c.active.is_(True)
                )
            ).first()
        if row is None:
            raise NotFound(f"no staff member {name}", code="unknown_staff")
        if row.locked_until is not None and now < row.locked_until:
            minutes = math.ceil((row.locked_until - now).total_seconds() / 60)
            raise Locked(f"too many wrong PINs: try again in {minutes} min", minutes=minutes)
        ok = check_pin(normalise_pin(pin), row.pin_hash)

        def record(conn: sa.Connection) -> None:
            if ok:
                values: dict[str, object] = {"failed_attempts": 0, "locked_until": None}
            else:
                failures = row.failed_attempts + 1
                values = {"failed_attempts": failures}
                if failures >= MAX_FAILURES:
                    values = {
                        "failed_attempts": 0,
                        "locked_until": now + timedelta(minutes=LOCK_MINUTES),
                    }
            conn.execute(sa.update(staff).where(staff.c.id == row.id).values(**values))

        self.db.write(record)
        if not ok:
            raise WrongPin("wrong PIN")
        return StaffMember(row.id, row.name, row.role)

    def any_pin(self, pin: str) -> StaffMember:
        """Whoever on the staff has this PIN (the kiosk's exit pad has no name field).

        A wrong PIN here is not charged to every member (that would lock the whole staff out from
        one kiosk); instead the pad is locked after ``MAX_FAILURES`` wrong PINs, in the site's row,
        so restarting the program does not clear them. A member who is locked stays locked, and
        says so."""
        now = self.clock.now()
        with self.db.read() as conn:
            pad = conn.execute(
                sa.select(sites.c.pad_failures, sites.c.pad_locked_until).where(
                    sites.c.site == self.site
                )
            ).first()
            rows = conn.execute(
                sa.select(staff).where(staff.c.site == self.site, staff.c.active.is_(True))
            ).all()
        if pad is not None and pad.pad_locked_until is not None and now < pad.pad_locked_until:
            minutes = math.ceil((pad.pad_locked_until - now).total_seconds() / 60)
            raise Locked(f"too many wrong PINs: try again in {minutes} min", minutes=minutes)
        pin = normalise_pin(pin)
        for row in rows:
            if check_pin(pin, row.pin_hash):
                self.db.write(lambda conn: self._set_pad(conn, 0, None))
                return self.sign_in(row.name, pin)  # resets that member's failures, or: Locked

        def failed(conn: sa.Connection) -> None:
            failures = (
                conn.execute(
                    sa.select(sites.c.pad_failures).where(sites.c.site == self.site)
                ).scalar()
                or 0
            ) + 1
            if failures >= MAX_FAILURES:
                self._set_pad(conn, 0, now + timedelta(minutes=LOCK_MINUTES))
            else:
                self._set_pad(conn, failures, None)

        self.db.write(failed)
        raise WrongPin("wrong PIN")

    def _set_pad(self, conn: sa.Connection, failures: int, locked_until: datetime | None) -> None:
        conn.execute(
            sa.update(sites)
            .where(sites.c.site == self.site)
            .values(pad_failures=failures, pad_locked_until=locked_until)
        )
