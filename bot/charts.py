"""A Reply's chart as a PNG, drawn at send time by the platform senders (`render_png(reply.chart)`), so that the
Reply itself stays plain JSON in the outbox.

matplotlib with the Agg backend (no display). Chinese is drawn in the project's own CJK font (bot/chart_font.py,
Noto Sans SC from the `pylopdf-fonts-zh-cn` package). Only where no CJK font can be found at all are the chart's
English texts drawn instead (Chart.english maps each text to its English), and any text still containing
characters the font cannot draw is left out rather than drawn as empty boxes.

Kinds: "bar" (upright, for periods), "barh" (horizontal, largest on top: a breakdown), "line" (a trend),
"pie" (shares). Money axes read ¥12,000 (Chart.currency), ratios 35%, counts 12.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from bot.chart_font import cjk_font
from bot.reply import Chart

if TYPE_CHECKING:
    from matplotlib.axes import Axes

CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")
COLORS = ("#2f6fde", "#e8833a", "#3aa06b", "#c0504d", "#8064a2", "#4bacc6", "#9bbb59", "#f79646", "#7f7f7f")


def chart_text(chart: Chart, text: str, font: str | None) -> str:
    """`text` as it can be drawn: itself with a CJK font, else its English (or with the CJK characters dropped)."""
    if font is not None or not CJK.search(text):
        return text
    english = chart.english.get(text)
    if english is not None:
        return english
    return CJK.sub("", text).strip(" ·:：()（）")


def tick(chart: Chart, value: float) -> str:
    """A value-axis label: ¥12,000 for money, 35% for a ratio, 12 for a count (no fractions of a count)."""
    if chart.unit == "money":
        sign = "-" if value < 0 else ""
        return f"{sign}{chart.currency}{abs(value):,.0f}"
    if chart.unit == "ratio":
        return f"{value * 100:.0f}%"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def render_png(chart: Chart, *, width: float = 8.0, height: float = 4.5, dpi: int = 110) -> bytes:
    """The chart as PNG bytes, drawn by Agg."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    font = cjk_font()
    style: dict[str, object] = {"axes.unicode_minus": False}
    if font is not None:
        style["font.sans-serif"] = [font, *matplotlib.rcParams["font.sans-serif"]]
        style["font.family"] = "sans-serif"
    if chart.kind == "barh":
        height = max(height, 1.2 + 0.38 * len(chart.labels))
    with matplotlib.rc_context(style):
        figure = Figure(figsize=(width, height), dpi=dpi)
        canvas = FigureCanvasAgg(figure)
        axes = figure.subplots()
        {"pie": _pie, "barh": _barh}.get(chart.kind, _columns)(axes, chart, font)
        axes.set_title(chart_text(chart, chart.title, font))
        figure.tight_layout()
        buffer = io.BytesIO()
        canvas.print_png(buffer)
    return buffer.getvalue()


def _value_axis(axis: object, chart: Chart) -> None:
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda value, _: tick(chart, value)))  # type: ignore[attr-defined]


def _columns(axes: Axes, chart: Chart, font: str | None) -> None:
    """Upright bars (grouped when there are several series) or lines, one position per label."""
    labels = [chart_text(chart, label, font) for label in chart.labels]
    positions = list(range(len(labels)))
    count = max(1, len(chart.series))
    bar_width = 0.8 / count
    for index, (name, values) in enumerate(chart.series.items()):
        color = COLORS[index % len(COLORS)]
        label = chart_text(chart, name, font) or f"series {index + 1}"
        if chart.kind == "line":
            axes.plot(positions, values, marker="o", color=color, label=label)
        else:
            offset = (index - (count - 1) / 2) * bar_width
            axes.bar([p + offset for p in positions], values, width=bar_width, color=color, label=label)
    tilt = len(labels) > 6
    axes.set_xticks(positions, labels, rotation=45 if tilt else 0, ha="right" if tilt else "center")
    _value_axis(axes.yaxis, chart)
    if chart.kind == "line":
        axes.set_ylim(bottom=min(0.0, *(v for values in chart.series.values() for v in values)))
    axes.grid(axis="y", alpha=0.3)
    axes.spines[["top", "right"]].set_visible(False)
    if len(chart.series) > 1:
        axes.legend(frameon=False)


def _barh(axes: Axes, chart: Chart, font: str | None) -> None:
    """Horizontal bars, the first label on top, each bar with its value written at its end."""
    labels = [chart_text(chart, label, font) for label in chart.labels]
    values = next(iter(chart.series.values()), [])
    positions = list(range(len(labels)))[::-1]
    bars = axes.barh(positions, values, color=COLORS[0], height=0.6)
    axes.set_yticks(positions, labels)
    axes.bar_label(bars, labels=[tick(chart, v) for v in values], padding=3, fontsize=8)
    _value_axis(axes.xaxis, chart)
    axes.set_xlim(right=max([0.0, *values]) * 1.18 or 1.0)
    axes.grid(axis="x", alpha=0.3)
    axes.spines[["top", "right"]].set_visible(False)


def _pie(axes: Axes, chart: Chart, font: str | None) -> None:
    """Slices with their share in percent, the labels in a legend beside the pie."""
    labels = [chart_text(chart, label, font) for label in chart.labels]
    values = [max(0.0, v) for v in next(iter(chart.series.values()), [])]
    if not any(values):
        axes.axis("off")
        return
    wedges, _texts, _autotexts = axes.pie(values, colors=[COLORS[i % len(COLORS)] for i in range(len(values))],
                                          autopct=lambda pct: f"{pct:.1f}%" if pct >= 3 else "", startangle=90,
                                          counterclock=False, pctdistance=0.75,
                                          wedgeprops={"linewidth": 1, "edgecolor": "white"})
    axes.legend(wedges, [f"{label}  {tick(chart, v)}" for label, v in zip(labels, values, strict=True)],
                loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False, fontsize=9)
    axes.set_aspect("equal")
