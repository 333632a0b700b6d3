"""Cutting long messages by UTF-8 bytes on line boundaries."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adapters.common.split import split_by_bytes, utf8_size


def test_short_text_is_one_piece() -> None:
    assert split_by_bytes("逾期客户\n甲公司", 2048) == ["逾期客户\n甲公司"]


def test_lines_stay_whole_and_in_order() -> None:
    lines = [f"第{n}行：上海明远贸易有限公司" for n in range(100)]
    pieces = split_by_bytes("\n".join(lines), 200)
    assert all(utf8_size(p) <= 200 for p in pieces)
    assert "\n".join(pieces).split("\n") == lines


def test_a_line_longer_than_the_limit_is_cut_between_characters() -> None:
    pieces = split_by_bytes("账" * 100, 10)  # 3 bytes a character: 3 per piece
    assert pieces == ["账" * 3] * 33 + ["账"]


def test_limit_must_hold_a_character() -> None:
    with pytest.raises(ValueError):
        split_by_bytes("x", 3)


@given(st.text(alphabet=st.sampled_from("ab账¥\n 1"), max_size=400), st.integers(min_value=4, max_value=64))
def test_nothing_lost_and_every_piece_fits(text: str, limit: int) -> None:
    pieces = split_by_bytes(text, limit)
    assert all(utf8_size(p) <= limit for p in pieces)
    assert re.sub(r"\s", "", "".join(pieces)) == re.sub(r"\s", "", text)  # only blank pieces are dropped
