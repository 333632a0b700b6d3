"""The one place user-facing strings come from: prompts/texts/{zh,en}.yaml, loaded lazily and cached."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any, Literal

from domain.yamlfile import load_yaml

Locale = Literal["zh", "en"]
LOCALES: tuple[Locale, ...] = ("zh", "en")


@cache
def catalog(locale: Locale) -> dict[str, Any]:
    text = resources.files("prompts").joinpath("texts", f"{locale}.yaml").read_text(encoding="utf-8")
    return load_yaml(text)


def lookup(locale: Locale, key: str) -> Any:
    node: Any = catalog(locale)
    for part in key.split("."):
        node = node[part]
    return node


def t(locale: Locale, key: str, **values: object) -> str:
    """The sentence `key` (dotted path) in `locale`, with {placeholders} filled."""
    template = lookup(locale, key)
    return str(template).format(**values) if values else str(template)


def maybe(locale: Locale, key: str, **values: object) -> str | None:
    try:
        return t(locale, key, **values)
    except (KeyError, TypeError):
        return None


def label(locale: Locale, key: str) -> str:
    return catalog(locale)["labels"].get(key, key)


def value_name(locale: Locale, kind: str, value: object) -> str:
    """A stored enum value in words: ('tier', 'high_risk') → 高风险 / High risk."""
    names = catalog(locale)["values"].get(kind, {})
    return str(names.get(str(value), value))
