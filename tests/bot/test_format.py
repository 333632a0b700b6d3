"""How values look to people and to scripts."""

from datetime import UTC, date, datetime
from decimal import Decimal

from bot.format import cell, day, jsonable, money, month_label


def test_money_has_symbol_thousands_and_two_decimals() -> None:
    assert money(Decimal("12345")) == "¥12,345.00"
    assert money(Decimal("0.005")) == "¥0.01"  # half up, as accountants round
    assert money(Decimal("-12")) == "-¥12.00"
    assert money(Decimal("1234567.8"), "$") == "$1,234,567.80"


def test_dates_read_as_each_reader_expects() -> None:
    assert day(date(2026, 11, 5), "zh") == "2026-11-05"
    assert day(date(2026, 11, 5), "en") == "5 Nov 2026"
    assert month_label("2026-10", "zh") == "2026年10月" and month_label("2026-10", "en") == "Oct 2026"


def test_cells_name_enums_ratios_and_lists_in_the_readers_language() -> None:
    assert cell("tier", "high_risk", "zh") == "高风险" and cell("tier", "high_risk", "en") == "High risk"
    assert cell("margin", 0.4567, "en") == "45.7%"
    assert cell("missing", ["银行对账单", "工资表"], "zh") == "银行对账单、工资表"
    assert cell("last_contact", None, "zh") == "—"
    assert cell("channel", "phone", "zh") == "电话"


def test_json_keeps_money_exact_to_the_cent_and_dates_iso() -> None:
    data = {"a": Decimal("1.005"), "b": [date(2026, 1, 2), {"c": Decimal("3")}], "n": None, "t": (1, "x"),
            "at": datetime(2026, 1, 1, 8, tzinfo=UTC)}
    assert jsonable(data) == {"a": 1.01, "b": ["2026-01-02", {"c": 3.0}], "n": None, "t": [1, "x"],
                              "at": "2026-01-01T08:00:00+00:00"}
