"""The actions' words exist in both languages with the same placeholders (a missing one would be a KeyError at the
moment a colleague needs the reply)."""

from __future__ import annotations

import string

from bot.texts import catalog


def _flat(node: dict, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in node.items():
        if isinstance(value, dict):
            out.update(_flat(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = str(value)
    return out


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_action_text_is_in_both_languages_with_the_same_placeholders() -> None:
    zh, en = _flat(catalog("zh")["actions"]), _flat(catalog("en")["actions"])
    assert set(zh) == set(en)
    assert {k: _fields(v) for k, v in zh.items()} == {k: _fields(v) for k, v in en.items()}
