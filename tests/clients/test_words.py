"""What a client's words are taken to say — and, as much, what they are not taken to say."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bot.clients.words import amount, is_dispute, is_paid_claim, is_promise

SUNDAY = date(2026, 11, 22)


@pytest.mark.parametrize("text", ["已付款", "转账了", "钱已经转过去了", "已打款 5000", "paid", "We transferred it"])
def test_payment_claims(text: str) -> None:
    assert is_paid_claim(text)


@pytest.mark.parametrize("text", ["我付了多少？", "我们还欠多少钱", "did we pay the October invoice?", "下周三付"])
def test_not_payment_claims(text: str) -> None:
    assert not is_paid_claim(text)


@pytest.mark.parametrize(("text", "day"), [("下周三付", date(2026, 11, 25)), ("月底前转", date(2026, 11, 30)),
                                           ("12月10号前转", date(2026, 12, 10)),
                                           ("we will pay next Wednesday", date(2026, 11, 25))])
def test_promises(text: str, day: date) -> None:
    assert is_promise(text, SUNDAY) == day


@pytest.mark.parametrize("text", ["下周三能把发票转过来吗？", "月底前要交什么资料", "我们还欠多少钱", "已付款"])
def test_not_promises(text: str) -> None:
    assert is_promise(text, SUNDAY) is None


@pytest.mark.parametrize("text", ["金额不对", "这张发票有问题", "账单金额有误", "你们多收了", "the amount is wrong",
                                  "we were overcharged"])
def test_disputes(text: str) -> None:
    assert is_dispute(text)


@pytest.mark.parametrize("text", ["我有问题想问一下", "没问题，谢谢", "我们还有哪些资料没交", "收到"])
def test_not_disputes(text: str) -> None:
    assert not is_dispute(text)


@pytest.mark.parametrize(("text", "value"), [("已付款 1000元", Decimal(1000)), ("转了¥12,345.60", Decimal("12345.60")),
                                             ("付了2万", Decimal(20000)), ("已付款", None)])
def test_amounts(text: str, value: Decimal | None) -> None:
    assert amount(text) == value
