"""What a client's own words say (actions.md, "Client replies"): a payment made ("已付款", "转账了"), a promise
("下周三付", "月底前转"), a dispute ("金额不对"). Anything else is a question or a note for the owner."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from bot.understand.actions.dates import find_days, resolve_day
from bot.understand.text import Scan, normalize

PAID = re.compile(r"已付|付过了|付了|已转|转账了|转过去了|转了|打款了|已打款|汇款了|已汇|款已|付款了|已支付|支付了|"
                  r"(?<![a-z])(?:paid|transferred|sent the (?:money|payment)|payment (?:sent|made))")
PROMISE = re.compile(r"(?:会|就|再|才|前|之前|以前)?(?:付|转|打款|汇|结)|(?<![a-z])(?:will pay|pay (?:by|on|next)|"
                     r"ll pay|going to pay|transfer (?:by|on|next))")
DISPUTE = re.compile(r"金额不对|数目不对|不对吧|算错|多收|收错|多算|重复收|"
                     r"(?:发票|账单|金额|费用|价格)\S{0,3}(?:有问题|有误|不对)|"
                     r"(?<![a-z])(?:wrong amount|amount is wrong|invoice is wrong|incorrect|overcharged|"
                     r"charged twice|don'?t agree with|dispute)")
AMOUNT = re.compile(r"(?:¥|￥|rmb\s*)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s*(万|元|块)?")


def language(text: str) -> str:
    letters = [ch for ch in text if ch.isalpha()]
    return "en" if letters and all(ch.isascii() for ch in letters) else "zh"


def promised_day(text: str, today: date) -> date | None:
    """The day a promise names, in the future ("下周三", "月底前", "by Friday")."""
    days = find_days(Scan(normalize(text)))
    for spec in days:
        day = resolve_day(spec, today, "future")
        if day is not None and day >= today:
            return day
    return None


QUESTION = re.compile(r"[?？]|吗|么|多少|哪些|哪张|什么|是否|有没有|(?<![a-z])(?:how|what|which|did|have i|has)\b")


def is_paid_claim(text: str) -> bool:
    """"已付款" / "转账了" — said of the past, not asked ("我付了多少？" is a question)."""
    normal = normalize(text)
    return bool(PAID.search(normal)) and not QUESTION.search(normal)


def is_dispute(text: str) -> bool:
    return bool(DISPUTE.search(normalize(text)))


def amount(text: str) -> Decimal | None:
    found = AMOUNT.search(normalize(text).replace("，", ","))
    if not found:
        return None
    try:
        value = Decimal(found.group(1).replace(",", "") + ("." + found.group(2) if found.group(2) else ""))
    except InvalidOperation:
        return None
    value = value * 10000 if found.group(3) == "万" else value
    return value if value > 0 else None


def is_promise(text: str, today: date) -> date | None:
    """The day a client promises to pay by ("下周三付", "月底前转"); None for a question ("下周三能转吗？")."""
    normal = normalize(text)
    if not PROMISE.search(normal) or QUESTION.search(normal):
        return None
    return promised_day(text, today)
