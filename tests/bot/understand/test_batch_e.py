"""Batch E (blind, 2026-12-07): every wrong answer it found, and the gates it showed too eager — each rule with
what it now lets through and what it still refuses (true negations, true two-question messages, unknown names).
"""

from __future__ import annotations

import pytest

from bot.understand.generalise import interpret

from .conftest import ADMIN, TODAY


@pytest.fixture
def read(firm):
    def _read(text: str, viewer=ADMIN):
        return interpret(text, today=TODAY, viewer=viewer, index=firm)

    return _read


def fields(outcome) -> dict:
    return outcome.understood.query.model_dump(mode="json", exclude_defaults=True)


def reason(outcome) -> str:
    return outcome.understood.unknown_reason or ""


# --- wrong answers batch E found
@pytest.mark.parametrize(("text", "intent"), [
    ("到期了还没付钱的客户有哪些", "overdue_clients"),  # was invoices_due_soon: fell due and unpaid is overdue
    ("深圳那几家有没有过期没付款的", "overdue_clients"),  # was top_debtors; 那几家 is "those", not "how many"
    ("过期没付款的客户", "overdue_clients"),
    ("本周到期还没付的发票", "invoices_due_soon"),  # a window still to come: due soon
    ("快到期还没付的发票", "invoices_due_soon"),
])
def test_past_due_and_unpaid_is_overdue(read, text: str, intent: str) -> None:
    assert fields(read(text))["intent"] == intent


def test_relative_periods_in_questions(read) -> None:
    window = fields(read("上一季度到账总额"))["window"]  # was Q1 (一季度)
    assert (window["start"], window["end"]) == ("2026-07-01", "2026-09-30")
    window = fields(read("上上周回款多少"))["window"]  # was last week
    assert (window["start"], window["end"]) == ("2026-11-02", "2026-11-08")
