"""Charts drawn at send time: PNG bytes from a Reply's chart, English texts where no CJK font is installed."""

from __future__ import annotations

from bot.charts import chart_text, render_png
from bot.reply import Chart

CHART = Chart(title="近12个月回款（元）", labels=["2026-10", "2026-11"], series={"回款": [1200.5, 3400.0]},
              english={"近12个月回款（元）": "Collections, last 12 months (CNY)", "回款": "Collected"})


def test_a_chart_renders_as_a_png() -> None:
    png = render_png(CHART)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 2000


def test_grouped_bars_and_lines_render_too() -> None:
    two = CHART.model_copy(update={"series": {"a": [1.0, 2.0], "b": [3.0, 4.0]}})
    assert render_png(two).startswith(b"\x89PNG")
    assert render_png(two.model_copy(update={"kind": "line"})).startswith(b"\x89PNG")


def test_without_a_cjk_font_the_english_texts_are_drawn() -> None:
    assert chart_text(CHART, "近12个月回款（元）", None) == "Collections, last 12 months (CNY)"
    assert chart_text(CHART, "2026-10", None) == "2026-10"
    assert chart_text(CHART, "上海明远 Ltd", None) == "Ltd"  # no English given: the CJK characters are left out
    assert chart_text(CHART, "近12个月回款（元）", "Noto Sans CJK SC") == "近12个月回款（元）"

