"""The report's charts, drawn as vector graphics with reportlab.graphics (no raster images, so they
print sharp at any scale): throughput per hour, waits through the day, doses per day. Every label
is in the embedded CJK font."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from kiosk.reports.model import DayLine, HourFigures
from printing.fonts import register_ticket_font

BLUE = colors.HexColor("#2f6db5")
GREEN = colors.HexColor("#3a9a5b")
ORANGE = colors.HexColor("#d9822b")
GREY = colors.HexColor("#9aa3ad")


def _frame(width: float, height: float, caption: str) -> Drawing:
    d = Drawing(width, height)
    if caption:
        d.add(String(0, height - 11, caption, fontName=register_ticket_font(), fontSize=9))
    return d


def _style_axes(chart: VerticalBarChart | HorizontalLineChart, labels: Sequence[str]) -> None:
    font = register_ticket_font()
    chart.categoryAxis.categoryNames = list(labels)
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    values = [v for series in chart.data for v in series if v is not None]
    if not values or max(values) <= 0:  # an empty day: a plain 0-10 scale, not 0-0.01
        chart.valueAxis.valueMax = 10
        chart.valueAxis.valueStep = 2
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#e3e6ea")
    chart.valueAxis.gridStrokeWidth = 0.5


def _legend(d: Drawing, x: float, y: float, items: list[tuple[colors.Color, str]]) -> None:
    legend = Legend()
    legend.x, legend.y = x, y
    legend.fontName = register_ticket_font()
    legend.fontSize = 7
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.boxAnchor = "nw"
    legend.deltax = 110
    legend.dx = legend.dy = 7
    legend.colorNamePairs = items
    d.add(legend)


def throughput_chart(hours: Sequence[HourFigures], width: float, caption: str = "") -> Drawing:
    """Tickets issued and residents vaccinated in each local hour, side by side."""
    height = 160.0
    d = _frame(width, height, caption)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 30, 34, width - 40, height - 50
    chart.data = [[h.issued for h in hours] or [0], [h.vaccinated for h in hours] or [0]]
    chart.bars[0].fillColor = GREY
    chart.bars[1].fillColor = BLUE
    chart.bars.strokeColor = None
    chart.groupSpacing = 4
    _style_axes(chart, [f"{h.hour}:00" for h in hours] or [""])
    d.add(chart)
    _legend(d, 30, 9, [(GREY, "取号 issued"), (BLUE, "接种 vaccinated")])
    return d


def waits_chart(hours: Sequence[HourFigures], width: float, caption: str = "") -> Drawing:
    """The median and p90 wait from the number to the first call, by the hour it was taken."""
    height = 160.0
    d = _frame(width, height, caption)
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = 30, 34, width - 40, height - 50
    chart.data = [
        [h.wait_median_minutes for h in hours] or [0],
        [h.wait_p90_minutes for h in hours] or [0],
    ]
    chart.lines[0].strokeColor = GREEN
    chart.lines[1].strokeColor = ORANGE
    chart.lines.strokeWidth = 1.6
    chart.joinedLines = True
    _style_axes(chart, [f"{h.hour}:00" for h in hours] or [""])
    d.add(chart)
    _legend(d, 30, 9, [(GREEN, "中位数 median (min)"), (ORANGE, "90分位 p90 (min)")])
    return d


def doses_per_day_chart(days: Sequence[DayLine], width: float, caption: str = "") -> Drawing:
    """Doses given on each service day; every n-th day labelled (MM-DD) so labels never clash."""
    height = 180.0
    d = _frame(width, height, caption)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 36, 20, width - 46, height - 28
    chart.data = [[line.doses for line in days] or [0]]
    chart.bars[0].fillColor = BLUE
    chart.bars.strokeColor = None
    chart.barSpacing = 0
    chart.groupSpacing = 1 if len(days) > 20 else 4
    step = max(1, -(-len(days) // 12))
    labels = [f"{x.day:%m-%d}" if i % step == 0 else "" for i, x in enumerate(days)]
    _style_axes(chart, labels or [""])
    chart.categoryAxis.labels.angle = 0
    d.add(chart)
    return d
