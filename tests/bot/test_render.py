"""The renderer's row handling: the `data` items of long answers are the same JSON whichever path built them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from bot.format import jsonable
from bot.render import json_items


def test_items_convert_exactly_as_jsonable_does() -> None:
    items = [
        {"client": "A公司", "owner": "王芳", "tax": "增值税", "late": 2, "rate": 0.5, "vip": True, "note": None},
        {"client": "B公司", "missing": ["银行对账单 (2026-10)", "工资表 (2026-10)"], "earliest_due": date(2026, 10, 5)},
        {"client": "C公司", "outstanding": Decimal("1234.565"), "due_on": date(2026, 11, 30), "tags": []},
        {"client": "D公司", "contacts": [{"name": "李雷", "since": date(2020, 1, 2)}],
         "at": datetime(2026, 1, 1, tzinfo=UTC)},
        {"client": "E公司", "pair": ("x", Decimal("1.10")), "months": ["2026-10", date(2026, 11, 1)]},
    ]
    assert json_items(items) == jsonable(items)
    assert json_items(items)[2]["outstanding"] == 1234.57  # half up to the cent, as everywhere
    assert json_items(items)[1]["earliest_due"] == "2026-10-05"


def test_conversion_leaves_the_answers_own_items_unchanged() -> None:
    items = [{"client": "B公司", "earliest_due": date(2026, 10, 5), "missing": ["工资表"]}]
    json_items(items)
    assert items == [{"client": "B公司", "earliest_due": date(2026, 10, 5), "missing": ["工资表"]}]
