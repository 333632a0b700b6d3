"""The charts' Chinese: the font the project installs resolves to a CJK face, every character of a chart's labels
has a real glyph in it (not the empty box, .notdef), and a rendered chart draws them without a missing glyph."""

from __future__ import annotations

import warnings
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from matplotlib.ft2font import FT2Font

from bot.chart_build import breakdown_chart, pie_chart, trend_chart
from bot.chart_font import bundled_font, cjk_font, font_file
from bot.charts import chart_text, render_png
from bot.reply import Chart
from tests.bot.jobs.support import at, generated, plan

LABELS = ["戴波", "王芳", "上海明远贸易有限公司", "未填", "逾期金额（按负责人）", "近12个月回款", "其他（3项）",
          "高风险", "各行业客户占比", "¥12,000"]


def glyph_bitmap(font: FT2Font, char: str) -> np.ndarray:
    font.clear()
    font.set_size(24, 72)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the private-use character is missing on purpose
        font.set_text(char, 0.0)
    font.draw_glyphs_to_bitmap()
    return np.asarray(font.get_image()).copy()


def drawn_without_missing_glyphs(chart: Chart) -> list[str]:
    """Render the chart; the warnings matplotlib gives for characters its fonts cannot draw."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = render_png(chart)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5000
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


def test_the_project_installs_its_own_cjk_font() -> None:
    path = bundled_font()
    assert path is not None and path.name == "NotoSansSC-Regular.otf" and path.stat().st_size > 1_000_000


def test_the_chart_font_resolves_to_that_cjk_face() -> None:
    family = cjk_font()
    assert family == "Noto Sans SC"
    drawn_from = Path(font_file(family))
    assert drawn_from == bundled_font()
    face = FT2Font(str(drawn_from))
    assert face.family_name == "Noto Sans SC" and face.num_glyphs > 20000


def test_every_label_character_has_a_real_glyph() -> None:
    face = FT2Font(font_file(cjk_font() or ""))
    characters = sorted({c for text in LABELS for c in text if not c.isspace()})
    missing = [c for c in characters if face.get_char_index(ord(c)) == 0]
    assert missing == []
    tofu = glyph_bitmap(face, "\U000f0000")  # a private-use character: no font has it, drawn as .notdef
    drawn = {c: glyph_bitmap(face, c) for c in "账房回款逾期"}
    for char, bitmap in drawn.items():
        assert bitmap.any(), char
        assert bitmap.shape != tofu.shape or not np.array_equal(bitmap, tofu), f"{char} is drawn as a box"
    assert not np.array_equal(drawn["回"], drawn["款"])


@pytest.mark.parametrize("chart", [
    breakdown_chart("逾期金额（按负责人）", [("王芳", 12000.0), ("戴波", 8600.5), ("未填", 0.0)], "zh", unit="money"),
    pie_chart("各行业客户占比", [("贸易", 12.0), ("制造业", 8.0), ("高风险", 3.0)], "zh"),
    trend_chart("近12个月回款", [("2026-01", 35200.0), ("2026-02", 0.0), ("2026-03", 1200.5)], "回款", unit="money"),
], ids=["barh", "pie", "line"])
def test_a_chart_with_chinese_labels_is_drawn_without_missing_glyphs(chart: Chart) -> None:
    assert drawn_without_missing_glyphs(chart) == []


def test_the_check_above_does_catch_missing_glyphs() -> None:
    """The same check fails for a character the CJK font lacks (here a private-use one): it can fail."""
    chart = breakdown_chart("逾期金额\U000f0001", [("王芳", 1.0)], "zh")
    assert drawn_without_missing_glyphs(chart) != []


def test_the_digest_chart_is_the_trend_line_drawn_with_its_chinese_texts(make_app) -> None:
    app = make_app()
    generated(app, 40, date(2026, 12, 11))
    [draft, *_] = plan(app, at(date(2026, 12, 14)), "digest")
    chart = draft.reply.chart
    assert chart is not None and chart.kind == "line" and chart.unit == "money"
    assert chart.title.startswith("近12个月回款") and list(chart.series) == ["回款"]
    assert drawn_without_missing_glyphs(chart) == []
    assert chart_text(chart, chart.title, cjk_font()) == chart.title  # drawn in Chinese, not its English


def test_nothing_is_loaded_or_registered_at_import_time() -> None:
    """Importing the chart modules loads neither matplotlib nor the font: that happens when a chart is drawn."""
    import subprocess
    import sys

    code = ("import sys, bot.charts, bot.chart_build, bot.chart_font; "
            "print('matplotlib' in sys.modules, bot.chart_font.cjk_font.cache_info().currsize)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.stdout.split() == ["False", "0"]
