"""The font the charts draw Chinese in.

The project installs its own: Noto Sans SC (SIL Open Font License 1.1), shipped as a plain font file by the
`pylopdf-fonts-zh-cn` package from the registry, so a fresh `pip install -e .` draws Chinese labels on any
machine. It is registered with matplotlib's font manager the first time a chart is drawn (not at import).
Where that package is missing, an installed CJK family is used (Noto Sans CJK, Source Han, WenQuanYi, …, or
one fontconfig lists for Chinese); where there is none, `cjk_font()` is None and the charts draw their English
texts instead (bot/charts.py).
"""

from __future__ import annotations

import shutil
import subprocess
from functools import cache
from pathlib import Path

CJK_FAMILIES = ("Noto Sans SC", "Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "Source Han Sans CN",
                "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "SimHei", "Microsoft YaHei", "PingFang SC",
                "Hiragino Sans GB", "Heiti SC", "STHeiti", "AR PL UMing CN", "AR PL UKai CN", "Droid Sans Fallback",
                "Noto Sans CJK JP", "Noto Sans CJK TC")


def bundled_font() -> Path | None:
    """The Noto Sans SC file the project's dependencies install, or None when the package is not there."""
    try:
        from pylopdf_fonts_zh_cn import sans_path
    except ImportError:
        return None
    path = Path(sans_path())
    return path if path.is_file() else None


@cache
def cjk_font() -> str | None:
    """The family name charts use for Chinese: the bundled Noto Sans SC (registered here, once), else an installed
    CJK family, else None."""
    from matplotlib import font_manager

    path = bundled_font()
    if path is not None:
        font_manager.fontManager.addfont(str(path))
        return font_manager.FontProperties(fname=str(path)).get_name()
    installed = {font.name for font in font_manager.fontManager.ttflist}
    for family in (*CJK_FAMILIES, *sorted(_fontconfig_chinese())):
        if family in installed:
            return family
    return None


def font_file(family: str) -> str:
    """The file matplotlib draws `family` from (no fallback to another family: an unknown one raises)."""
    from matplotlib import font_manager

    return font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)


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
