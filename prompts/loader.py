"""Read prompt files shipped in this package (prompts/<name>), through importlib.resources."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def load_prompt(name: str) -> str:
    """The text of prompts/<name> (e.g. "llm/system.md"), UTF-8, trailing whitespace stripped.

    Raises FileNotFoundError for a file that does not exist, and ValueError for a name that tries to
    leave the package.
    """
    parts = name.split("/")
    if not name or any(part in ("", ".", "..") for part in parts):
        raise ValueError(f"bad prompt name {name!r}")
    return resources.files("prompts").joinpath(*parts).read_text(encoding="utf-8").rstrip()
