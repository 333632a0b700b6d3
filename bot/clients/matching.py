"""Which pending document request a file answers (actions.md): by the file name and the words sent with it, and the
period (named, else the oldest pending). A single clear match; otherwise the candidates for the client to pick."""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.models import DocumentRequest

ITEM_WORDS: dict[str, tuple[str, ...]] = {
    "银行对账单": ("银行对账单", "对账单", "流水", "回单", "bank statement", "statement", "bank"),
    "进项发票": ("进项", "采购发票", "收到的发票", "input invoice", "purchase invoice"),
    "销项发票": ("销项", "开出的发票", "销售发票", "output invoice", "sales invoice"),
    "工资表": ("工资表", "工资", "薪资", "payroll", "salary", "salaries"),
    "费用报销单": ("报销", "费用单", "expense"),
}
GENERIC = {"发票": ("进项发票", "销项发票"), "invoice": ("进项发票", "销项发票")}
PERIOD = re.compile(r"(?<!\d)(20\d\d)[-年./_]?(0?[1-9]|1[0-2])(?:月)?(?!\d)")
MONTH = re.compile(r"(?<![\d年])(1[0-2]|0?[1-9])\s*月")


@dataclass(frozen=True)
class Match:
    period: str | None
    chosen: DocumentRequest | None  # the one clear match
    candidates: list[DocumentRequest]  # to ask about when there is no clear match


def named_period(text: str, pending: list[DocumentRequest]) -> str | None:
    """"2026-10", "202610", "2026年10月" — or "10月" when exactly one pending period has that month."""
    found = PERIOD.search(text)
    if found:
        return f"{found.group(1)}-{int(found.group(2)):02d}"
    month = MONTH.search(text)
    if month:
        periods = sorted({r.period for r in pending if int(r.period[5:7]) == int(month.group(1))})
        return periods[-1] if periods else None
    return None


def _hits(text: str, item: str) -> bool:
    words = (item.lower(), *ITEM_WORDS.get(item, ()))
    return any(word in text for word in words)


def match(text: str, pending: list[DocumentRequest]) -> Match:
    """`text`: the file name and the words sent with it; `pending`: the client's pending requests."""
    text = (text or "").lower()
    period = named_period(text, pending)
    periods = sorted({r.period for r in pending})
    scope = [r for r in pending if r.period == (period or (periods[0] if periods else ""))]
    hits = [r for r in scope if _hits(text, r.item)]
    if not hits:
        generic = {item for word, items in GENERIC.items() if word in text for item in items}
        hits = [r for r in scope if r.item in generic]
    if len(hits) == 1:
        return Match(hits[0].period, hits[0], [])
    candidates = hits or scope or pending
    return Match(period or (scope[0].period if scope else None), None, candidates[:9])
