"""Anonymous daily figures as charts: the sums behind them, and SVG drawn by pygal.

Drawn on the server as SVG (pygal, pure Python, no numpy): the page needs no JavaScript to
show a chart, an SVG stays sharp at any zoom, and it is served as an <img> with a text
alternative while the same numbers are in a table beside it for screen readers. Loaded as an
image, the SVG runs no script, so a kiosk name in a label can do nothing but be shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db.models import Sum
from django.utils import timezone

from hub.core.models import DailyCounter

COUNTERS = ("sessions", "searches", "offers_printed", "offers_scanned", "cvs_made", "help_requests")


def period(days: int, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    today = today or timezone.localdate()
    return today - dt.timedelta(days=days - 1), today


def per_day(name: str, days: int, today: dt.date | None = None) -> list[tuple[str, int]]:
    first, last = period(days, today)
    sums = dict(
        DailyCounter.objects.filter(name=name, day__range=(first, last))
        .values_list("day")
        .annotate(total=Sum("value"))
        .values_list("day", "total")
    )
    return [
        ((first + dt.timedelta(days=i)).isoformat(), int(sums.get(first + dt.timedelta(days=i), 0)))
        for i in range(days)
    ]


def per_kiosk(name: str, days: int, today: dt.date | None = None) -> list[tuple[str, int]]:
    first, last = period(days, today)
    rows = (
        DailyCounter.objects.filter(name=name, day__range=(first, last))
        .values_list("kiosk__name")
        .annotate(total=Sum("value"))
        .order_by("-total", "kiosk__name")
        .values_list("kiosk__name", "total")
    )
    return [(str(kiosk), int(total)) for kiosk, total in rows]


def per_language(days: int, today: dt.date | None = None) -> list[tuple[str, int]]:
    first, last = period(days, today)
    rows = (
        DailyCounter.objects.filter(name__startswith="language_", day__range=(first, last))
        .values_list("name")
        .annotate(total=Sum("value"))
        .order_by("-total", "name")
        .values_list("name", "total")
    )
    return [(str(name).removeprefix("language_"), int(total)) for name, total in rows]


def svg(title: str, rows: Sequence[tuple[str, int]], horizontal: bool = False) -> bytes:
    import pygal
    from pygal.style import Style

    style = Style(
        # Dark text on white and a dark blue bar: contrast above 7:1 (WCAG AAA).
        background="#ffffff",
        plot_background="#ffffff",
        foreground="#1a1a1a",
        foreground_strong="#000000",
        foreground_subtle="#595959",
        colors=("#0b3d91",),
        font_family="DejaVu Sans, Arial, sans-serif",
        title_font_size=20,
        label_font_size=14,
        major_label_font_size=14,
        value_font_size=14,
    )
    chart_type = pygal.HorizontalBar if horizontal else pygal.Bar
    chart = chart_type(
        style=style,
        width=860,
        height=max(320, 40 * len(rows) + 120) if horizontal else 380,
        show_legend=False,
        js=[],  # no script from anywhere: the chart is an image
        print_values=True,
        x_label_rotation=0 if horizontal else 30,
        truncate_label=-1,
        min_scale=1,
        max_scale=8,
        no_data_text="-",
    )
    chart.title = title
    chart.x_labels = [label for label, _ in rows]
    chart.add(title, [value for _, value in rows])
    return bytes(chart.render())
