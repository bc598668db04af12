from __future__ import annotations

from datetime import timedelta

import pytest

from kiosk.clock import FakeClock
from kiosk.db.database import Database
from kiosk.errors import InvalidInput
from kiosk.staff import MAX_FAILURES, Locked, StaffDirectory, WrongPin, check_pin, hash_pin


@pytest.fixture
def directory(db: Database, clock: FakeClock) -> StaffDirectory:
    d = StaffDirectory(db, clock, "main")
    d.add("王护士", "2468")
    d.add("李医生", "1357", "manager")
    return d


def test_pins_are_stored_as_salted_scrypt_hashes() -> None:
    a, b = hash_pin("2468"), hash_pin("2468")
    assert a != b and a.startswith("scrypt$") and "2468" not in a
    assert check_pin("2468", a) and not check_pin("2469", a)
    assert not check_pin("2468", "garbage")


def test_sign_in_and_refusals(directory: StaffDirectory) -> None:
    assert directory.sign_in("王护士", "2468").role == "nurse"
    with pytest.raises(WrongPin):
        directory.sign_in("王护士", "0000")
    with pytest.raises(InvalidInput):
        directory.add("王护士", "1111")
    with pytest.raises(InvalidInput):
        directory.add("赵护士", "12")


def test_wrong_pins_lock_the_member_for_a_while(
    directory: StaffDirectory, clock: FakeClock
) -> None:
    for _ in range(MAX_FAILURES):
        with pytest.raises(WrongPin):
            directory.sign_in("王护士", "0000")
    with pytest.raises(Locked) as locked:
        directory.sign_in("王护士", "2468")
    assert locked.value.details["minutes"] == 5
    clock.advance(timedelta(minutes=4, seconds=30))
    with pytest.raises(Locked) as locked:
        directory.sign_in("王护士", "2468")
    assert locked.value.details["minutes"] == 1
    clock.advance(timedelta(seconds=31))
    assert directory.sign_in("王护士", "2468").name == "王护士"
    assert directory.sign_in("李医生", "1357").name == "李医生"  # others were never locked


def test_kiosk_pad_wrong_pins_lock_the_pad_not_the_staff(
    directory: StaffDirectory, clock: FakeClock
) -> None:
    assert directory.any_pin("1357").name == "李医生"
    for _ in range(MAX_FAILURES):
        with pytest.raises(WrongPin):
            directory.any_pin("9999")
    with pytest.raises(Locked):
        directory.any_pin("2468")
    assert directory.sign_in("王护士", "2468").name == "王护士"  # at a console: not locked
    clock.advance(timedelta(minutes=5))
    assert directory.any_pin("2468").name == "王护士"


def test_full_width_pin_digits_are_the_ascii_ones(directory: StaffDirectory) -> None:
    directory.add("李护士", "１２３４")  # typed with a Chinese input method on
    assert directory.sign_in("李护士", "1234").name == "李护士"
    assert directory.sign_in("李护士", "１２３４").name == "李护士"


@pytest.mark.parametrize("pin", ["١٢٣٤", "१२३४", "12a4", "12 34"])
def test_pins_a_pad_cannot_type_are_refused(directory: StaffDirectory, pin: str) -> None:
    with pytest.raises(InvalidInput, match="digits 0-9") as refused:
        directory.add("赵护士", pin)
    assert refused.value.details["field"] == "pin"
    assert "赵护士" not in [m.name for m in directory.members()]


def test_the_pad_lock_survives_a_restart(
    directory: StaffDirectory, db: Database, clock: FakeClock
) -> None:
    for _ in range(MAX_FAILURES):
        with pytest.raises(WrongPin):
            directory.any_pin("0000")
    restarted = StaffDirectory(db, clock, "main")  # the program started again
    with pytest.raises(Locked):
        restarted.any_pin("2468")
    clock.advance(timedelta(minutes=6))
    assert restarted.any_pin("2468").name == "王护士"
