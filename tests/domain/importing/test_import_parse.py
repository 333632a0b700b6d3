"""Cell parsing: every date, amount, yes/no and enum form of import-format.md, and the credit code check."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from domain.importing.columns import SHEETS, find_sheet, normalize
from domain.importing.parse import (
    CellError,
    clean,
    parse_amount,
    parse_credit_code,
    parse_date,
    parse_decimal,
    parse_enum,
    parse_hours,
    parse_period,
    parse_score,
    parse_tags,
    parse_yes_no,
)
from domain.importing.vocab import BILLING_CYCLES, CLIENT_STATUSES, ROLES, SERVICE_TYPES, TIERS
from tests.domain.importing.workbook import VALID_CODES


@pytest.mark.parametrize("cell", [
    datetime(2026, 1, 5), date(2026, 1, 5), "2026-01-05", "2026/1/5", "2026.01.05", "2026年1月5日", "20260105",
    20260105, "2026-1-5", "2026 年 1 月 5 日", "２０２６－０１－０５", "2026-01-05 00:00:00", 46027,
])
def test_every_date_form_reads_as_the_same_day(cell):
    assert parse_date(cell) == date(2026, 1, 5)


@pytest.mark.parametrize("cell", ["2026-13-01", "2026-02-30", "2026年2月29日", "20261301"])
def test_impossible_dates_are_rejected_as_such(cell):
    with pytest.raises(CellError) as exc:
        parse_date(cell)
    assert exc.value.zh.startswith("日期不存在") and "no such date" in exc.value.en


@pytest.mark.parametrize("cell", ["not a date", "2026-01", "05/01/2026", "明天", "1.5"])
def test_unreadable_dates_are_rejected(cell):
    with pytest.raises(CellError, match="unreadable date"):
        parse_date(cell)


@pytest.mark.parametrize("cell, cents", [
    (12000, 1_200_000), (12000.0, 1_200_000), ("12,000.00", 1_200_000), ("¥12,000", 1_200_000),
    ("￥12000元", 1_200_000), (" 1800.00 ", 180_000), ("RMB 99.5", 9_950), ("0.1", 10), (0.1 + 0.2, 30),
    ("１２，０００．５０", 1_200_050),
])
def test_amount_forms_are_exact_cents(cell, cents):
    assert parse_amount(clean(cell)) == cents


def test_amounts_are_exact_decimals_not_floats():
    assert parse_decimal("12,345.675") == Decimal("12345.675")
    assert parse_amount("12,345.675") == 1_234_568  # half up, as accountants round


@pytest.mark.parametrize("cell, message", [
    ("abc", "unreadable amount"), ("12,00,0", "unreadable amount"), ("¥", "unreadable amount"),
    (0, "greater than 0"), ("-500", "greater than 0"), ("0.00", "greater than 0"), ("1e30", "unreadable"),
    ("99999999999999999", "too large"),
])
def test_bad_amounts_say_why(cell, message):
    with pytest.raises(CellError, match=message):
        parse_amount(cell)


@pytest.mark.parametrize("cell", ["是", "Y", "y", "yes", "YES", "true", "True", "1", 1, "✓", True])
def test_yes_forms(cell):
    assert parse_yes_no(cell) is True


@pytest.mark.parametrize("cell", ["否", "N", "no", "false", "0", 0, False])
def test_no_forms(cell):
    assert parse_yes_no(cell) is False


def test_an_unknown_yes_no_is_rejected():
    with pytest.raises(CellError, match="expected yes/no"):
        parse_yes_no("maybe")


@pytest.mark.parametrize("vocabulary, words, value", [
    (ROLES, ("经理", "manager", "Manager"), "manager"),
    (ROLES, ("管理员", "admin"), "admin"),
    (TIERS, ("VIP", "vip"), "vip"),
    (TIERS, ("普通", "normal"), "normal"),
    (TIERS, ("高风险", "high_risk", "High Risk"), "high_risk"),
    (CLIENT_STATUSES, ("服务中", "active"), "active"),
    (CLIENT_STATUSES, ("已流失", "churned"), "churned"),
    (SERVICE_TYPES, ("代理记账", "bookkeeping"), "bookkeeping"),
    (SERVICE_TYPES, ("税务筹划", "tax_planning", "tax planning"), "tax_planning"),
    (BILLING_CYCLES, ("季付", "quarterly"), "quarterly"),
    (BILLING_CYCLES, ("一次性", "once"), "once"),
])
def test_enums_accept_chinese_and_english(vocabulary, words, value):
    for word in words:
        assert parse_enum(word, vocabulary, "x", "x") == value


def test_an_unknown_enum_value_is_named_in_the_reason():
    with pytest.raises(CellError) as exc:
        parse_enum("洗碗", SERVICE_TYPES, "服务类型", "service type")
    assert "洗碗" in exc.value.zh and "unknown service type" in exc.value.en


def test_tags_split_on_every_separator_and_keep_order():
    assert parse_tags("上市辅导、高新技术,VIP，连锁;外贸；连锁") == ["上市辅导", "高新技术", "VIP", "连锁", "外贸"]


def test_periods_hours_and_scores():
    assert parse_period("2026年10月") == parse_period("2026-10") == parse_period(date(2026, 10, 1)) == "2026-10"
    assert parse_hours("1.5小时") == Decimal("1.50")
    assert parse_score("4") == parse_score(4.0) == 4
    for bad in (0, 6, 4.5):
        with pytest.raises(CellError, match="1 to 5"):
            parse_score(bad)
    with pytest.raises(CellError, match="greater than 0"):
        parse_hours(0)


@pytest.mark.parametrize("code", VALID_CODES)
def test_real_credit_codes_pass_the_check(code):
    assert parse_credit_code(code) == code
    assert parse_credit_code(code.lower()) == code


@pytest.mark.parametrize("code, reason", [
    ("9144030071526726XH", "统一社会信用代码校验位错误 (invalid check character)"),
    ("9144030071526726X", "统一社会信用代码格式错误"),
    ("9144030071526726XGG", "统一社会信用代码格式错误"),
    ("9144030071526726IG", "统一社会信用代码格式错误"),  # I is not in the GB 32100-2015 alphabet
    ("91440300715267260Z", "统一社会信用代码格式错误"),
])
def test_bad_credit_codes_are_rejected(code, reason):
    with pytest.raises(CellError) as exc:
        parse_credit_code(code)
    assert str(exc.value).startswith(reason)


def test_cells_are_trimmed_of_half_and_full_width_spaces():
    assert clean("\u3000 甲公司 \u3000") == "甲公司"
    assert clean(" \u3000 ") is None


def test_sheet_and_header_names_ignore_case_spaces_width_and_the_required_mark():
    assert normalize(" Invoice No* ") == normalize("invoiceno") == normalize("ＩＮＶＯＩＣＥ　ＮＯ＊")
    assert find_sheet("  PAYMENTS ").key == find_sheet("回款").key == "payments"
    assert find_sheet("Service_Logs").key == "service_logs"
    assert find_sheet("Document Requests").key == "documents"
    assert find_sheet("备注") is None


def test_no_header_name_means_two_columns_in_one_sheet():
    for spec in SHEETS:
        seen: dict[str, str] = {}
        for column in spec.columns:
            for name in column.names():
                assert seen.setdefault(normalize(name), column.field) == column.field, (spec.key, name)
