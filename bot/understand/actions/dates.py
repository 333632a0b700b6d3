"""Days as staff write them in an action: 今天, 昨天, 前天, 上周五, 下周三, 周三, 月底, 12/15, 12月15日, 15号,
2026-12-15, next Wednesday, by Friday, Dec 15.

Finding and resolving are separate, as for periods: `find_days` consumes the words and returns `DaySpec`s;
`resolve_day` turns one into a date once the action decides the direction — a day named without a week or a
year ("周三", "12/15") is the most recent such day for something that happened (a payment, a call) and the
coming one for something promised.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Literal

from bot.understand.numbers import parse_number
from bot.understand.text import Scan

Direction = Literal["past", "future"]
_CN_DAY = r"[一二三四五六七八九十]{1,3}"
_WEEKDAY_ZH = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "末": 5,
               "1": 0, "2": 1, "3": 2, "4": 3, "5": 4, "6": 5, "7": 6}
_WEEKDAY_EN = {"monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2, "thursday": 3,
               "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5, "sunday": 6,
               "sun": 6}
_MONTH_EN = {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
             "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
             "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
_REL_DAY = {"大前天": -3, "前天": -2, "昨天": -1, "昨日": -1, "昨儿": -1, "今天": 0, "今日": 0, "今儿": 0, "明天": 1,
            "明日": 1, "明儿": 1, "后天": 2, "大后天": 3, "today": 0, "yesterday": -1, "tomorrow": 1, "tmr": 1,
            "tmrw": 1}
_WEEK_OFFSET = {"上上": -2, "上": -1, "上个": -1, "这": 0, "这个": 0, "本": 0, "下": 1, "下个": 1, "下下": 2,
                "last": -1, "this": 0, "next": 1, "coming": 0}


@dataclass(frozen=True)
class DaySpec:
    kind: Literal["rel", "weekday", "md", "ymd", "dom", "month_end", "year_end", "in_days"]
    offset: int = 0  # rel: days; weekday: weeks (None-like when `week_named` is False); month_end: months
    weekday: int = 0
    month: int = 0
    day: int = 0
    year: int = 0
    week_named: bool = False  # 上周五 / 下周三 / this friday: the week is explicit
    label: str = ""


def _weekday_pattern() -> str:
    en = "|".join(sorted(_WEEKDAY_EN, key=len, reverse=True))
    return (rf"(?P<zw>上上|下下|上个|下个|这个|上|下|这|本)?\s*(?:周|星期|礼拜)(?P<zd>[一二三四五六日天末1-7])"
            rf"|(?<![a-z])(?:(?:on|by|before|until)\s+)?(?:(?P<ew>last|this|next|coming)\s+)?(?P<ed>{en})(?![a-z])")


@cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    months = "|".join(sorted(_MONTH_EN, key=len, reverse=True))
    table = [
        (r"(?P<y>20\d{2})\s*(?:[-/.年]\s*)(?P<m>\d{1,2})\s*(?:[-/.月]\s*)(?P<d>\d{1,2})\s*[日号]?", "ymd"),
        (rf"(?<![\d年])(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月\s*(?P<d>[0-3]?\d|{_CN_DAY})\s*[日号]?",
         "md"),
        (r"(?<![\d/.])(?P<m>1[0-2]|0?[1-9])/(?P<d>[0-3]?\d)(?![\d/])", "md"),
        (rf"(?<![a-z])(?:(?:on|by|before|until)\s+)?(?P<mw>{months})\.?\s*(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?![\d])",
         "md"),
        (rf"(?<![\d])(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mw>{months})(?![a-z])", "md"),
        (r"(?P<rel>大前天|前天|昨天|昨日|昨儿|今天|今日|今儿|明天|明日|明儿|大后天|后天)"
         r"|(?<![a-z])(?:(?:on|by|before|until)\s+)?(?P<erel>today|yesterday|tomorrow|tmrw|tmr)(?![a-z])", "rel"),
        (_weekday_pattern(), "weekday"),
        (r"(?P<mo>下个?|本|这个?)?月\s*(?:底|末)(?:之?前|以前)?"
         r"|(?<![a-z])(?:by\s+|before\s+)?(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?(?P<emo>next\s+)?month",
         "month_end"),
        (r"(?:今)?年\s*(?:底|末)(?:之?前|以前)?|(?<![a-z])(?:by\s+)?(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?year",
         "year_end"),
        (r"(?P<n>\d{1,2}|[一二两三四五六七八九十]{1,2})\s*天\s*(?:内|之内|以内|后|之后)"
         r"|(?<![a-z])(?:with)?in\s+(?P<en>\d{1,2})\s+days(?![a-z])", "in_days"),
        (rf"(?<![\d月/.\-a-z])(?P<d>[0-3]?\d|{_CN_DAY})\s*[号](?!码)", "dom"),
    ]
    return [(re.compile(pattern), kind) for pattern, kind in table]


def find_days(scan: Scan) -> list[DaySpec]:
    return scan.take_matches(_patterns(), "day", _spec)


def _int(text: str | None) -> int | None:
    value = parse_number(text or "")
    return int(value) if value is not None and value == int(value) else None


def _spec(kind: str, m: re.Match[str]) -> DaySpec | None:
    g = m.groupdict()
    label = m.group(0).strip()
    if kind in ("ymd", "md", "dom"):
        month = _MONTH_EN[g["mw"]] if g.get("mw") else _int(g.get("m")) or 0
        day = _int(g.get("d"))
        if day is None or not 1 <= day <= 31 or (kind != "dom" and not 1 <= month <= 12):
            return None
        return DaySpec(kind, month=month, day=day, year=_int(g.get("y")) or 0, label=label)  # type: ignore[arg-type]
    if kind == "rel":
        return DaySpec("rel", offset=_REL_DAY[g.get("rel") or g.get("erel") or ""], label=label)
    if kind == "weekday":
        if g.get("zd"):
            word = g.get("zw") or ""
            return DaySpec("weekday", offset=_WEEK_OFFSET.get(word, 0), weekday=_WEEKDAY_ZH[g["zd"]],
                           week_named=bool(word), label=label)
        word = g.get("ew") or ""
        return DaySpec("weekday", offset=_WEEK_OFFSET.get(word, 0), weekday=_WEEKDAY_EN[g["ed"]],
                       week_named=word in ("last", "this", "next"), label=label)
    if kind == "month_end":
        return DaySpec("month_end", offset=1 if (g.get("mo") or "").startswith("下") or g.get("emo") else 0,
                       label=label)
    if kind == "year_end":
        return DaySpec("year_end", label=label)
    days = _int(g.get("n") or g.get("en"))
    return DaySpec("in_days", offset=days, label=label) if days else None


def resolve_day(spec: DaySpec, today: date, direction: Direction) -> date | None:
    """The date of a spec, or None when it names no real day (2月30日)."""
    try:
        return _resolve(spec, today, direction)
    except ValueError:
        return None


def _resolve(spec: DaySpec, today: date, direction: Direction) -> date:
    if spec.kind == "rel":
        return today + timedelta(days=spec.offset)
    if spec.kind == "in_days":
        return today + timedelta(days=spec.offset)
    if spec.kind == "weekday":
        monday = today - timedelta(days=today.weekday())
        if spec.week_named:
            return monday + timedelta(weeks=spec.offset, days=spec.weekday)
        delta = spec.weekday - today.weekday()
        if direction == "past":
            return today + timedelta(days=delta if delta <= 0 else delta - 7)
        return today + timedelta(days=delta if delta >= 0 else delta + 7)
    if spec.kind == "month_end":
        year, month = divmod(today.year * 12 + today.month - 1 + spec.offset, 12)
        return date(year, month + 1, calendar.monthrange(year, month + 1)[1])
    if spec.kind == "year_end":
        return date(today.year, 12, 31)
    if spec.kind == "ymd":
        return date(spec.year, spec.month, spec.day)
    if spec.kind == "dom":
        return _nearest(today, direction, lambda y, m: date(y, m, spec.day), months=True)
    return _nearest(today, direction, lambda y, _m: date(y, spec.month, spec.day), months=False)


def _nearest(today: date, direction: Direction, make, months: bool) -> date:
    """The most recent (past) or coming (future) date of the form, today included."""
    here = make(today.year, today.month)
    if (direction == "past" and here <= today) or (direction == "future" and here >= today):
        return here
    step = -1 if direction == "past" else 1
    if months:
        year, month = divmod(today.year * 12 + today.month - 1 + step, 12)
        return make(year, month + 1)
    return make(today.year + step, today.month)
