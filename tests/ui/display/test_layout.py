"""The three layouts: nothing clipped or overlapping, the called number at least a tenth of the
screen's shorter side, the layout chosen by the window's size."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.config import Config, Desk
from tests.ui.conftest import NURSE
from tests.ui.display.conftest import observe, settle

SIZES = [((1920, 1080), "wide"), ((1366, 768), "compact"), ((1080, 1920), "portrait")]


def twelve_desks() -> Config:
    desks = [Desk(f"登记{i}", "registration") for i in range(1, 7)]
    desks += [Desk(f"接种{i}", "vaccination") for i in range(1, 7)]
    return Config(desks=(*desks, Desk("留观", "observation")))


def clipped(screen: QWidget) -> list[str]:
    """Visible labels whose text does not fit their box (one line, their own font)."""
    bad = []
    for label in screen.findChildren(QLabel):
        if not label.isVisibleTo(screen) or not label.text():
            continue
        fm = QFontMetrics(label.font())
        box = label.contentsRect()
        if fm.horizontalAdvance(label.text()) > box.width() or fm.height() > box.height():
            bad.append(f"{label.text()!r}: {fm.horizontalAdvance(label.text())}x{fm.height()} in "
                       f"{box.width()}x{box.height()}")  # fmt: skip
        parent = label.parentWidget()
        if not parent.rect().contains(label.geometry()):
            bad.append(f"{label.text()!r} sticks out of its parent")
    return bad


def overlapping(screen: QWidget) -> list[str]:
    """Pairs of visible sibling widgets whose rectangles intersect."""
    bad = []
    for parent in [screen, *screen.findChildren(QWidget)]:
        kids = [w for w in parent.findChildren(QWidget, options=_direct()) if w.isVisibleTo(screen)]
        for a, b in itertools.combinations(kids, 2):
            if a.geometry().intersects(b.geometry()):
                bad.append(f"{_name(a)} {a.geometry()} x {_name(b)} {b.geometry()}")
    return bad


def _direct():
    from PySide6.QtCore import Qt

    return Qt.FindChildOption.FindDirectChildrenOnly


def _name(w: QWidget) -> str:
    return f"{type(w).__name__}({w.text()!r})" if isinstance(w, QLabel) else type(w).__name__


@pytest.mark.parametrize(("size", "layout"), SIZES)
def test_layout_fits_at_each_size(qtbot, engine, clock, day, feed, make_display, size, layout):
    for n in range(30):
        observe(engine, n, reg_desk=f"登记{n % 6 + 1}", vac_desk=f"接种{n % 6 + 1}")
        clock.advance(timedelta(minutes=1))
    for i in range(6):
        t = engine.tickets.issue("A")
        engine.tickets.call(t.id, f"登记{i + 1}", actor=NURSE)
    screen = make_display(twelve_desks(), size)
    feed.poll()
    settle(qtbot, screen)
    assert screen.layout_name == layout
    assert len(screen.desks.desks) == 12
    assert clipped(screen) == []
    assert overlapping(screen) == []
    number = screen.hero.number
    # a tenth of the height in landscape; upright, the same size on the same TV (a tenth of
    # its width): 6.8 cm on a 55-inch set either way
    height = min(screen.height(), screen.width())
    assert number.text() == t.label
    assert number.height() >= 0.1 * height
    assert number.font().pixelSize() >= 0.1 * height
    glyphs = QFontMetrics(number.font()).tightBoundingRect(number.text())
    assert glyphs.height() >= 0.1 * height, (glyphs.height(), height)
    assert screen.observation.shown  # the board shows people at every size
    screen.observation.next_page()
    screen.tick(advance=False)
    assert clipped(screen) == [] and overlapping(screen) == []


def test_layout_follows_a_resize(qtbot, engine, day, make_display):
    screen = make_display()
    assert screen.layout_name == "wide"
    screen.resize(1080, 1920)
    qtbot.waitUntil(lambda: screen.layout_name == "portrait")
    assert screen.hero.number.geometry().right() < screen.hero.destination.geometry().left()
    screen.resize(1366, 768)
    qtbot.waitUntil(lambda: screen.layout_name == "compact")
    assert clipped(screen) == [] and overlapping(screen) == []
