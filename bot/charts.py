"""A Reply's chart as a PNG, drawn at send time by the platform senders (`render_png(reply.chart)`), so that the
Reply itself stays plain JSON in the outbox.

matplotlib with the Agg backend (no display). Chinese text needs a CJK font: the renderer uses the first one it
finds installed (Noto Sans/Serif CJK, Source Han, WenQuanYi, SimHei, Microsoft YaHei, PingFang, …). Where none is
installed it draws the chart's English texts instead (Chart.english maps each text to its English), and any text
still containing characters the font cannot draw is left out rather than drawn as empty boxes.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from functools import cache
from typing import TYPE_CHECKING

from bot.reply import Chart

if TYPE_CHECKING:
    from matplotlib.axes import Axes

CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "Noto Serif CJK SC", "Source Han Sans SC", "Source Han Sans CN",
                "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "SimHei", "Microsoft YaHei", "PingFang SC",
                "Hiragino Sans GB", "Heiti SC", "STHeiti", "AR PL UMing CN", "AR PL UKai CN", "Droid Sans Fallback",
                "Noto Sans CJK JP", "Noto Sans CJK TC")
CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")
COLORS = ("#2f6fde", "#e8833a", "#3aa06b", "#c0504d", "#8064a2")


@cache
def cjk_font() -> str | None:
    """The family name of an installed font that can draw Chinese (a known family, else one fontconfig lists for
    `fc-list :lang=zh`), or None."""
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    for family in (*CJK_FAMILIES, *sorted(_fontconfig_chinese())):
        if family in installed:
            return family
    return None


def _fontconfig_chinese() -> set[str]:
    """Family names fontconfig says cover Chinese (empty when fc-list is not installed)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return set()
    try:
        done = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return set()
    return {name.strip() for line in done.stdout.splitlines() for name in line.split(",") if name.strip()}


def chart_text(chart: Chart, text: str, font: str | None) -> str:
    """`text` as it can be drawn: itself with a CJK font, else its English (or with the CJK characters dropped)."""
    if font is not None or not CJK.search(text):
        return text
    english = chart.english.get(text)
    if english is not None:
        return english
    return CJK.sub("", text).strip(" ·:：()（）")


def render_png(chart: Chart, *, width: float = 8.0, height: float = 4.0, dpi: int = 110) -> bytes:
    """The chart as PNG bytes (a bar chart, grouped when it has several series, or lines), drawn by Agg."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    font = cjk_font()
    style = {"axes.unicode_minus": False}
    if font is not None:
        style["font.sans-serif"] = [font, *matplotlib.rcParams["font.sans-serif"]]
    with matplotlib.rc_context(style):
        figure = Figure(figsize=(width, height), dpi=dpi)
        canvas = FigureCanvasAgg(figure)
        axes = figure.subplots()
        _draw(axes, chart, font)
        axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
        figure.tight_layout()
        buffer = io.BytesIO()
        canvas.print_png(buffer)
    return buffer.getvalue()


def _draw(axes: Axes, chart: Chart, font: str | None) -> None:
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
    axes.set_title(chart_text(chart, chart.title, font))
    axes.spines[["top", "right"]].set_visible(False)
    if len(chart.series) > 1:
        axes.legend(frameon=False)
