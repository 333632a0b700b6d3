from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.understand.numbers import NUMBER, parse_chinese_integer, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0", 0), ("7", 7), ("5000", 5000), ("10,000", 10000), ("10,000.50", Decimal("10000.50")),
        ("1.5", Decimal("1.5")),
        ("5千", 5000), ("1.5万", 15000), ("3万", 30000), ("10k", 10000), ("2w", 20000), ("1.25k", 1250),
        ("一", 1), ("两", 2), ("十", 10), ("十五", 15), ("二十", 20), ("二十五", 25), ("一百零五", 105),
        ("三百二十五", 325), ("一千", 1000), ("五千", 5000), ("一万", 10000), ("两万五", 25000), ("三千五", 3500),
        ("一万二", 12000), ("一百五", 150), ("二十五万", 250000), ("一亿", 100_000_000), ("二零二六", 2026),
        ("three", 3), ("ten", 10), ("ninety", 90),
    ],
)
def test_numbers_staff_write(text: str, value: int | Decimal) -> None:
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "万", "百", "千", "一二十", "abc", "1.2.3", "十百"])
def test_not_numbers(text: str) -> None:
    assert parse_number(text) is None


def test_amounts_stay_exact_decimals() -> None:
    value = parse_number("10,000.10")
    assert isinstance(value, Decimal) and value == Decimal("10000.10") and str(value) == "10000.10"
    assert str(parse_number("1.5万")) == "15000"  # no float noise, no exponent


@given(st.integers(min_value=0, max_value=99_999_999))
def test_arabic_integers_round_trip(n: int) -> None:
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n


_CN = "零一二三四五六七八九"


def _to_chinese(n: int) -> str:
    """A reference writer of Chinese numerals below 10^8 (standard form, with 零 for gaps)."""
    if n == 0:
        return "零"

    def four(x: int) -> str:
        out, zero = "", False
        for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
            digit = x // size % 10
            if digit:
                out += ("零" if zero and out else "") + _CN[digit] + unit
                zero = False
            else:
                zero = True
        return out

    high, low = divmod(n, 10_000)
    if not high:
        return four(low)
    text = four(high) + "万"
    if low:
        text += ("零" if low < 1000 else "") + four(low)
    return text


@given(st.integers(min_value=1, max_value=99_999_999))
def test_chinese_integers_round_trip(n: int) -> None:
    assert parse_chinese_integer(_to_chinese(n)) == n


@given(st.text(max_size=30))
def test_never_raises(text: str) -> None:
    parse_number(text)
    for match in re.finditer(NUMBER, text):
        parse_number(match.group(0))
