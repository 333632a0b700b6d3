"""What an action sentence names, read once: invoice and contract numbers, days, months, client and colleague
names, tiers and tags, amounts — each consumed from the `Scan` in an order that keeps them apart ("12/15" is a
day before it can be an amount; "HT1001" a contract before "1001" can be one).

The names go through the question parser's own index walk (`EntityIndex.scan_terms`) and mention resolution,
so a short name, pinyin, a slip or an English name resolves exactly as it does in a question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

from sqlalchemy.orm import Session

from bot.understand.actions.dates import DaySpec, find_days
from bot.understand.actions.words import action_words
from bot.understand.entities import EntityIndex
from bot.understand.mentions import Mentions, resolve_mentions
from bot.understand.numbers import NUMBER, parse_number
from bot.understand.period_dates import resolve
from bot.understand.periods import PeriodSpec, find_periods
from bot.understand.text import Scan, has_cjk
from domain.scope import Viewer

CODE = re.compile(r"(?<![a-z0-9])(?P<p>[a-z]{1,4})(?P<gap>\s?)(?P<n>\d{3,12})(?:\s?r(?P<r>\d{1,2}))?(?![0-9])")
NOT_CODES = {"rmb", "cny", "usd", "hkd", "q", "no", "nr", "k", "w", "m"}
# words that may stand before an amount: "paid 3600", "for 5000" are not invoice numbers "PAID-3600"
NOT_SPACED = {"to", "by", "on", "at", "of", "in", "us", "got", "for", "pay", "due", "the", "and", "was", "is", "are",
              "via", "per", "fee", "tax", "vat", "sum", "new", "net", "all", "me", "him", "her", "it", "cash", "with",
              "paid", "from", "sent", "just", "only", "owes", "owe", "bank", "wire", "left", "back", "over", "gave"}
MONEY = re.compile(
    rf"(?P<pre>¥|\$|rmb|cny|人民币)?\s*(?P<n>{NUMBER})\s*(?P<post>元整|元|块钱|块|圆|rmb|cny|yuan|bucks)?")
TERM = re.compile(r"(?P<n>\d{1,2}|[一二两三四五六七八九十]{1,3}|半)\s*(?P<u>年|个月|月)(?![底初中])"
                  r"|(?P<en>one|two|three|a|another|\d{1,2})\s*(?:more\s+)?(?P<eu>years?|months?)(?![a-z])")


@dataclass
class Said:
    text: str  # normalised
    raw: str
    language: Literal["zh", "en"]
    today: date
    viewer: Viewer
    index: EntityIndex
    session: Session
    scan: Scan
    codes: list[str] = field(default_factory=list)  # invoice / contract numbers as typed (normalised)
    days: list[DaySpec] = field(default_factory=list)
    periods: list[PeriodSpec] = field(default_factory=list)
    months: int | None = None  # a contract term: 一年 → 12
    mentions: Mentions = field(default_factory=Mentions)
    amounts: list[Decimal] = field(default_factory=list)
    tags: set[str] = field(default_factory=set)  # the index's tags of every word met: tier.vip, tag.初创 …

    def month(self) -> str | Literal[False] | None:
        """The one month named ("10月", "上个月", "2026-10") as YYYY-MM; None: none named; False: not one month."""
        if not self.periods:
            return None
        if len(self.periods) > 1:
            return False
        return resolve(self.periods[0], self.today, "past", trim_past=False).month or False


def read(text: str, raw: str, language: Literal["zh", "en"], *, today: date, viewer: Viewer, index: EntityIndex,
         session: Session, term: bool = False) -> Said:
    scan = Scan(text)
    said = Said(text, raw, language, today, viewer, index, session, scan)
    said.codes = _codes(scan)
    if term:
        said.months = _term(scan)
    said.days = find_days(scan)
    said.periods = find_periods(scan)
    for match in action_words().finditer(scan.masked()):
        scan.take(match.start(), match.end(), "word")
    index.scan_terms(scan)
    said.mentions = resolve_mentions(scan, index, viewer)
    for hit in scan.hits:
        said.tags |= hit.tags
    said.amounts = _amounts(scan)
    said.language = _language(scan, language)
    return said


def _language(scan: Scan, fallback: Literal["zh", "en"]) -> Literal["zh", "en"]:
    """The language of the words around the names: "reassign Acme to 王芳" is English, "Acme付了3600" Chinese."""
    named = [False] * len(scan.text)
    for hit in scan.hits:
        term = hit.value
        if hit.kind == "client_name" or (hit.kind == "term" and (getattr(term, "clients", ()) or getattr(
                term, "staff", ()))):
            named[hit.start:hit.end] = [True] * (hit.end - hit.start)
    rest = "".join(ch for ch, name in zip(scan.text, named, strict=True) if not name)
    if has_cjk(rest):
        return "zh"
    return "en" if re.search(r"[a-z]{2,}", rest) else fallback


def _codes(scan: Scan) -> list[str]:
    out = []
    for match in CODE.finditer(scan.masked()):
        if match.group("p") in NOT_CODES or (match.group("gap") and (match.group("p") in NOT_SPACED
                                                                   or len(match.group("p")) > 3)):
            continue
        code = match.group("p") + match.group("n") + (f"-r{match.group('r')}" if match.group("r") else "")
        scan.take(match.start(), match.end(), "code", code)
        out.append(code)
    return out


def _term(scan: Scan) -> int | None:
    for match in TERM.finditer(scan.masked()):
        if not scan.is_free(match.start(), match.end()):
            continue
        number = match.group("n") or match.group("en")
        unit = match.group("u") or match.group("eu")
        value = {"半": Decimal("0.5"), "a": Decimal(1), "another": Decimal(1)}.get(number) or parse_number(number)
        if value is None:
            continue
        months = int(value * 12) if unit in ("年", "year", "years") else int(value)
        scan.take(match.start(), match.end(), "months", months)
        return months or None
    return None


def _amounts(scan: Scan) -> list[Decimal]:
    """Numbers left after days, months, codes and names: with a currency mark any size, bare ≥ 10 (a lone
    "一" is the 一 of 一下 / 一笔, not one yuan)."""
    out: list[Decimal] = []
    for match in MONEY.finditer(scan.masked()):
        if not match.group("n") or not scan.is_free(match.start("n"), match.end("n")):
            continue
        value = parse_number(match.group("n"))
        marked = bool(match.group("pre") or match.group("post"))
        if value is None or value <= 0 or (not marked and value < 10):
            continue
        scan.take(match.start(), match.end(), "amount", value)
        out.append(value)
    return out
