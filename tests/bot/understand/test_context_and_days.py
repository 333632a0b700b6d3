"""Two readings found among the dev part's not-sure and a probe of the last open ideas (2026-12-07), before blind
batches S, T and U were measured: English day ranges, and a client named only in the clause that gives the context."""

from __future__ import annotations

import pytest

from .conftest import fields


@pytest.mark.parametrize(("text", "start", "end"), [
    ("collections from 1 Nov to 15 Nov", "2026-11-01", "2026-11-15"),
    ("collected between Nov 1 and Nov 15", "2026-11-01", "2026-11-15"),
    ("invoiced Nov 1-15", "2026-11-01", "2026-11-15"),
    ("how much did we collect from Oct 20 through Nov 5", "2026-10-20", "2026-11-05"),
    ("how much collected since 1 Sept", "2026-09-01", "2026-11-22"),
])
def test_english_day_ranges(read, text, start, end):
    window = fields(read(text))["window"]
    assert (window["start"], window["end"]) == (start, end)


def test_a_day_range_that_runs_backwards_is_not_read(read):
    assert read("collected from Nov 15 to Nov 1").family == "unknown"


@pytest.mark.parametrize(("text", "family", "client"), [
    ("下午要见华信科技，先帮我看下他们欠多少", "receivable_balance", 101),  # 他们 points back at the client
    ("明天要去拜访天成电商，他们10月的资料交了没", "documents_missing", 104),
    ("明天去天成电商 先帮我看看他家情况", "client_profile", 104),  # a space between clauses
    ("明天去见明远贸易，先看下欠多少", "receivable_balance", 108),  # no subject of its own
])
def test_a_client_named_in_the_context_clause_is_the_one_asked_about(read, text, family, client):
    outcome = read(text)
    assert (outcome.family, fields(outcome)["clients"]["client_ids"]) == (family, [client])


def test_a_shared_brand_in_the_context_clause_is_asked_back_never_dropped(read):
    outcome = read("明天去见明远，先看下欠多少")
    assert outcome.understood.ambiguous and "client_ids" not in fields(outcome).get("clients", {})
