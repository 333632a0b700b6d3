"""The paraphrase set (data/actions_paraphrases.yaml) against a real database firm (firm.py).

- `tuning`: sentences the rules were tuned on — every one must resolve exactly to its target;
- `held_out`: written before the rules were tuned on them — none may resolve to a wrong target (a correct
  target or a question back is fine); the share resolved correctly is reported in the file's header;
- `not_actions`: questions, nonsense, workflow moves, 确认/取消 — never an action.
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from pathlib import Path

import pytest
import yaml

from bot.understand.actions import ActionUnderstood
from tests.bot.understand.actions.firm import CLIENTS, CONTRACTS, INVOICES, STAFF

DATA = yaml.safe_load((Path(__file__).parent / "data" / "actions_paraphrases.yaml").read_text(encoding="utf-8"))
NAMES = {cid: name for cid, name, *_ in CLIENTS}
INVOICE_NO = {iid: number for iid, number, *_ in INVOICES}
CONTRACT_NO = {kid: number for kid, number, *_ in CONTRACTS}
STAFF_NAMES = {sid: name for sid, name, *_ in STAFF}


def _plain(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[union-attr]
    return value


def flatten(result: ActionUnderstood) -> dict:
    """The result as the data file writes targets: names and numbers instead of ids."""
    out: dict = {"intent": result.intent}
    if result.needs is not None:
        out["needs"] = f"{result.needs.kind}:{result.needs.part}"
        return out
    assert result.command is not None
    for key, value in result.command.model_dump().items():
        if key == "kind" or value in (None, (), [], False):
            continue
        if key == "client_id":
            out["client"] = NAMES[value]
        elif key == "invoice_id":
            out["invoice"] = INVOICE_NO[value]
        elif key == "invoice_ids":
            out["invoices"] = [INVOICE_NO[v] for v in value]
        elif key == "contract_id":
            out["contract"] = CONTRACT_NO[value]
        elif key == "owner_id":
            out["owner"] = STAFF_NAMES[value]
        elif key == "on":
            out["date"] = _plain(value)  # "on" is a boolean key in YAML
        else:
            out[key] = _plain(value)
    return out


def matches(got: dict, expect: dict) -> bool:
    for key, want in expect.items():
        if key == "as":
            continue
        have = got.get(key, [] if want == [] else None)
        if key in ("amount",) and have is not None:
            have, want = Decimal(str(have)), Decimal(str(want))
        if key in ("summary", "comment", "note"):  # said in so many words: the expected words must be in it
            if not all(word in (have or "") for word in str(want).split()):
                return False
            continue
        if isinstance(want, list) and isinstance(have, list):
            if sorted(map(str, want)) != sorted(map(str, have)):
                return False
        elif str(have) != str(want) if not isinstance(want, bool) else have != want:
            return False
    return "needs" in expect or "needs" not in got  # a question back is never a resolved target


def _cases(part: str) -> list:
    return [pytest.param(case["text"], case["expect"], id=f"{part}-{n}") for n, case in enumerate(DATA[part])]


@pytest.mark.parametrize(("text", "expect"), _cases("tuning"))
def test_tuning_sentence_resolves_to_its_target(act, text: str, expect: dict) -> None:
    result = act(text, as_=expect.get("as", "admin"))
    assert result is not None, text
    got = flatten(result)
    assert matches(got, expect), (text, got)


@pytest.mark.parametrize(("text", "expect"), _cases("held_out"))
def test_held_out_sentence_never_resolves_to_a_wrong_target(act, text: str, expect: dict) -> None:
    result = act(text, as_=expect.get("as", "admin"))
    if result is None or result.needs is not None:
        return  # not understood, or asked back: honest, counted against the accuracy in the header
    got = flatten(result)
    assert matches(got, expect), (text, got)


@pytest.mark.parametrize("text", DATA["not_actions"])
def test_not_an_action(act, text: str) -> None:
    assert act(text) is None


def test_the_set_is_as_large_as_promised() -> None:
    assert len(DATA["tuning"]) + len(DATA["held_out"]) >= 300
    assert len(DATA["held_out"]) >= 80
    assert len(DATA["not_actions"]) >= 100
