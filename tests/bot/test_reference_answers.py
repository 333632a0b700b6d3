"""The acceptance test: every reference question of tests/data/sample-firm-answers.json, asked as the given
staff member through the same path as `zhangfang ask --json`, matches the reference answer."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from bot.conversation import handle
from bot.messages import IncomingMessage
from tests.conftest import SAMPLE_ANSWERS

REFERENCE = json.loads(SAMPLE_ANSWERS.read_text(encoding="utf-8"))
QUESTIONS = REFERENCE["questions"]


def ask(app, question: str, as_name: str) -> dict[str, Any]:
    reply = handle(app, IncomingMessage(platform="cli", chat_id="", sender_id=as_name, text=question))
    return json.loads(json.dumps(reply.data, ensure_ascii=False))  # exactly what --json prints


def check(case: dict[str, Any], answer: dict[str, Any]) -> None:
    kind, expected, items = case["kind"], case["expected"], answer["items"]
    if kind == "unknown":
        assert answer["intent"] == "unknown" and items == []
        return
    assert answer["intent"] != "unknown", answer["text"]
    if kind == "set":
        assert {i["client"] for i in items} == set(expected)
    elif kind == "list":
        assert [i["client"] for i in items] == expected
    elif kind == "first":
        assert items and items[0]["client"] == expected
    elif kind == "contracts":
        assert {i["contract_no"] for i in items} == set(expected)
    elif kind == "invoices":
        assert {i["invoice_no"] for i in items} == set(expected)
    elif kind == "value":
        if isinstance(expected, str):
            assert answer["value"] == expected
        else:
            assert answer["value"] is not None and math.isclose(answer["value"], expected, abs_tol=0.005)
    else:  # pragma: no cover - a new kind in the reference file must be handled here
        pytest.fail(f"unknown comparison kind {kind}")


@pytest.mark.parametrize("case", QUESTIONS, ids=[f"{i:02d}-{q['question']}" for i, q in enumerate(QUESTIONS)])
def test_reference_answer(sample_app, case: dict[str, Any]) -> None:
    answer = ask(sample_app, case["question"], case["ask_as"])
    check(case, answer)
    if case.get("suggested_intent") and case["kind"] != "unknown":
        assert answer["intent"] == case["suggested_intent"]
