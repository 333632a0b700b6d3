"""Relative periods ("上个月", "未来两周", "10月", "next 90 days", "Q3") → date windows, per semantics.md "Time".

Parsing and resolving are separate: `find_periods` turns words into a `PeriodSpec` (what was said), and
`resolve` turns a spec into dates once the question family is known, because the family decides two things:

- *direction*: a month named without a year ("10月", "in October") is the most recent such month not after
  today for past-looking families (回款, 开票, 签约, 回款率, 资料, 差评 …) and the coming one (this month
  included) for deadline/expiry families (合同到期, 应收到期, 申报截止, 申报客户). "N天内 / within N days"
  without 未来/过去 follows the family the same way; "最近N天" is the past except for expiry families, where
  a past window could only ever be empty ("最近30天到期的合同" means the coming 30 days).
- *trimming*: for expiring / falling-due families, dates already past are left out ("本月" → [today, month end]).

"N个月" is N×30 days, "一年 / 12个月" 365 days, "N周" N×7, "半个月" 15, "半年" 180.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Literal

from bot.understand.numbers import parse_number
from bot.understand.period_words import (
    CAL_ZH,
    COMPARED,
    EN_MONTHS,
    EN_WORD,
    REL_YEAR,
    UNIT_DAYS,
    UNIT_WORD,
    patterns,
)
from bot.understand.text import Scan

Direction = Literal["past", "future"]

@dataclass(frozen=True)
class PeriodSpec:
    kind: Literal["cal", "month_of", "quarter_of", "span", "ytd", "half", "until", "days_of", "since", "by",
                  "weekday"]
    unit: str = ""  # cal: day | week | month | quarter | year
    offset: int = 0  # cal: relative units; month_of/quarter_of/half: relative year (None-like when year given)
    number: int = 0  # month_of: month; quarter_of: quarter; span: days; half: 1 | 2
    year: int | None = None  # an explicit year
    rel_year: bool = False  # the year was said relative to this one ("今年3月", "明年1月")
    direction: Literal["past", "future", "neutral"] = "neutral"  # span only
    label: str = ""
    last: int = 0  # month_of: the last month of a run ("9到11月"), 0 for one; weekday: the last day ("周一到周三")
    # days_of: first day, last month, last day ("10月1号到15号"); cal month: its first and last day ("本月中旬")
    days: tuple[int, int, int] = (0, 0, 0)


def duration_days(number: int | float, unit: str, half: bool = False) -> int:
    """3 + 个月 → 90; 1 + 年 → 365; 12 + 个月 → 365; 半 adds half a unit."""
    per = UNIT_DAYS[unit]
    if per == 30 and number == 12 and not half:
        return 365
    return int(number * per + (per // 2 if half else 0))


def find_periods(scan: Scan) -> list[PeriodSpec]:
    """Consume every period expression in the scan; returns them in order of appearance."""
    return scan.take_matches(patterns(), "period", _spec)


def _month_number(text: str) -> int | None:
    value = 1 if text.strip() == "元" else parse_number(text)
    return int(value) if value is not None and value == int(value) and 1 <= value <= 12 else None


def _day_range_spec(groups: dict[str, str | None], label: str) -> PeriodSpec | None:
    """"10月1号到15号", "9月20日至10月5日": days of one year (the year as a named month's)."""
    first, last = _month_number(groups["m"] or ""), _month_number(groups.get("m2") or groups["m"] or "")
    day, last_day = parse_number(groups["d"] or ""), parse_number(groups["d2"] or "")
    if first is None or last is None or day is None or last_day is None or (last, last_day) < (first, day):
        return None
    if day > calendar.monthrange(2024, first)[1] or last_day > calendar.monthrange(2024, last)[1]:
        return None
    return PeriodSpec("days_of", number=first, days=(int(day), last, int(last_day)), label=label)


def _spec(kind: str, m: re.Match[str]) -> PeriodSpec | None:
    label = m.group(0).strip()
    groups = m.groupdict()
    if kind in ("ym", "ym_en", "rym", "rym_en", "m", "m_en"):
        return _month_spec(groups, label)
    if kind == "mrange":
        first, last = _month_number(groups["m"] or ""), _month_number(groups["m2"] or "")
        if first is None or last is None or last <= first:
            return None  # "12、1月" runs over a year end: not read
        said = int(parse_number(groups["count"]) or 0) if groups.get("count") else 2
        if not groups.get("to") and (said != last - first + 1 or COMPARED.search(m.string)):
            return None  # "3月和5月" are two months, not March to May; "9月和10月的开票比一下" compares two
        return PeriodSpec("month_of", number=first, last=last, label=label)
    if kind == "mrange_en":
        first, last = EN_MONTHS[groups["mw"]], EN_MONTHS[groups["mw2"]]
        joined = re.search(r" and ", label) is not None  # "September and October": two months, a run only if
        if last <= first or (joined and (last != first + 1 or COMPARED.search(m.string))):  # side by side
            return None
        return PeriodSpec("month_of", number=first, last=last, label=label)
    if kind == "first_quarters":
        return PeriodSpec("month_of", number=1, last=3 * int(parse_number(groups["fq"]) or 1), label=label)
    if kind == "q_en":
        number = {"first": 1, "second": 2, "third": 3, "fourth": 4}[groups["qw"]]
        return PeriodSpec("quarter_of", number=number, label=label)
    if kind == "year_past":
        return PeriodSpec("span", number=365, direction="past", label=label)
    if kind == "by":
        word = groups.get("mw") or groups.get("mw2")
        festival = _festival_day(groups.get("fest"))
        month = EN_MONTHS[word] if word else festival or _month_number(groups.get("m") or "")
        day = festival or int(parse_number(groups.get("d") or groups.get("d2") or "") or 0)
        if month is None or not 1 <= day <= calendar.monthrange(2024, month)[1]:
            return None
        return PeriodSpec("by", number=month, days=(day, 0, 0), label=label)
    if kind == "since":
        month = EN_MONTHS[groups["mw"]] if groups.get("mw") else _month_number(groups.get("m") or "")
        day = int(parse_number(groups["d"]) or 0) if groups.get("d") else 1
        if month is None or not 1 <= day <= calendar.monthrange(2024, month)[1]:
            return None
        return PeriodSpec("since", number=month, days=(day, 0, 0), label=label)
    if kind == "drange":
        return _day_range_spec(groups, label)
    if kind == "festival":
        day = _festival_day(groups["fest"]) or 12
        relative = groups.get("ry")
        return PeriodSpec("days_of", number=day, days=(day, day, day), offset=REL_YEAR.get(relative or "", 0),
                          rel_year=relative is not None, label=label)
    if kind == "dekad":
        return _dekad_spec(groups, label)
    if kind == "fortnight":
        return PeriodSpec("span", number=14, direction="future", label=label)
    if kind == "drange_en":
        first, last = groups.get("mw") or groups.get("mw2") or "", groups.get("mw2") or groups.get("mw") or ""
        return _day_range_spec({**groups, "m": str(EN_MONTHS[first]), "m2": str(EN_MONTHS[last])}, label)
    if kind == "until":
        said = groups.get("u") or groups.get("u2") or ""
        unit = {"年": "year", "月": "month", "季度": "quarter", "季": "quarter"}.get(said) or groups.get("eu") \
            or groups.get("eu2") or ""
        return PeriodSpec("until", unit=unit, label=label)
    if kind in ("cal_year_now", "cal_month_now", "cal_quarter_now"):
        return PeriodSpec("cal", unit=kind.removeprefix("cal_").removesuffix("_now"), label=label)
    if kind == "trail_en":
        return PeriodSpec("span", number=UNIT_DAYS[groups["u"]], direction="past", label=label)
    if kind == "year":
        return PeriodSpec("cal", unit="year", year=int(groups.get("y") or groups.get("y2") or groups.get("y3") or 0),
                          label=label)
    if kind == "ytd":
        return PeriodSpec("ytd", label=label)
    if kind == "half":
        number = 1 if (groups.get("h") or groups.get("he")) in ("上半年", "first", "h1") else 2
        year = int(groups["y"]) if groups.get("y") else None
        relative = groups.get("ry") if groups.get("ry") in REL_YEAR else None  # "the first half of the year": this
        return PeriodSpec("half", number=number, year=year, offset=REL_YEAR.get(relative or "", 0),
                          rel_year=relative is not None, label=label)
    if kind == "q":
        quarter = int(parse_number(groups["q"]) or 0)
        if groups.get("y"):
            return PeriodSpec("quarter_of", number=quarter, year=int(groups["y"]), label=label)
        if groups.get("ry"):
            return PeriodSpec("quarter_of", number=quarter, offset=REL_YEAR[groups["ry"]], rel_year=True, label=label)
        return PeriodSpec("quarter_of", number=quarter, label=label)
    if kind.startswith("span"):
        days = _span_days(groups)
        if days is None:
            return None
        return PeriodSpec("span", number=days, direction=kind.removeprefix("span_"), label=label)  # type: ignore[arg-type]
    if kind == "cal_zh":
        unit, offset = CAL_ZH[label]
        return PeriodSpec("cal", unit=unit, offset=offset, label=label)
    if kind == "cal_en":
        if groups["w"] == "past":  # "the past month" is the trailing month, "last month" the calendar one
            return PeriodSpec("span", number=UNIT_DAYS[groups["u"]], direction="past", label=label)
        return PeriodSpec("cal", unit=UNIT_WORD.get(groups["u"], groups["u"]), offset=EN_WORD[groups["w"]],
                          label=label)
    if kind == "cal_en_before_last":
        return PeriodSpec("cal", unit=groups["u"], offset=-2, label=label)
    if kind == "half_month":
        month = _month_number(groups.get("m") or "")
        if month is None:
            return None
        first, last = (1, 15) if groups["h"] == "上" else (16, calendar.monthrange(2024, month)[1])
        return PeriodSpec("days_of", number=month, days=(first, month, last), label=label)
    if kind == "since_year":
        return PeriodSpec("since", number=1, days=(1, 0, 0), offset=REL_YEAR[groups["ry"] or ""], rel_year=True,
                          label=label)
    if kind == "weekday":
        weeks = {"上": -1, "下": 1}.get((groups.get("wk") or "")[:1], 0)
        first = _weekday(groups["wd"])
        last = _weekday(groups["wd2"]) if groups.get("wd2") else first
        if last < first:
            return None  # "上周五到周二": not one week's days
        return PeriodSpec("weekday", number=first, offset=weeks, last=last, label=label)
    if kind == "cal_day_en":
        return PeriodSpec("cal", unit="day", offset=EN_WORD[groups["w"]], label=label)
    return None


def _festival_day(said: str | None) -> int | None:
    """双十一 is 11 November, 双十二 12 December: the month and the day are one number."""
    return {"十一": 11, "11": 11, "十二": 12, "12": 12}.get(said or "")


def _weekday(said: str | None) -> int:
    """一 → 0 (Monday) … 日 / 天 → 6."""
    return 6 if said in ("日", "天") else "一二三四五六".index(said or "一")


def _dekad_spec(groups: dict[str, str | None], label: str) -> PeriodSpec | None:
    """"12月上旬" (the 1st–10th), "本月中旬" (11th–20th), "下个月下旬" (21st to the month's end)."""
    first, last = {"上": (1, 10), "中": (11, 20), "下": (21, 31)}[groups["x"] or "上"]
    if groups.get("rel"):
        offset = {"上": -1, "下": 1}.get((groups["rel"] or "")[:1], 0)
        return PeriodSpec("cal", unit="month", offset=offset, days=(first, 0, last), label=label)
    month = _month_number(groups.get("m") or "")
    return None if month is None else PeriodSpec("days_of", number=month, days=(first, month, last), label=label)


def _month_spec(groups: dict[str, str | None], label: str) -> PeriodSpec | None:
    month = EN_MONTHS[groups["mw"]] if groups.get("mw") else _month_number(groups.get("m") or "")
    if month is None:
        return None
    if groups.get("y"):
        return PeriodSpec("month_of", number=month, year=int(groups["y"] or 0), label=label)
    if groups.get("ry"):
        return PeriodSpec("month_of", number=month, offset=REL_YEAR[groups["ry"] or ""], rel_year=True, label=label)
    return PeriodSpec("month_of", number=month, label=label)


def _span_days(groups: dict[str, str | None]) -> int | None:
    if groups.get("hunit"):
        return 15 if groups["hunit"] == "月" else 180
    if groups.get("half"):
        number = parse_number(groups["n"] or "")
        unit = "个月" if groups["half"] == "个半月" else "年"
        return None if number is None else duration_days(float(number), unit, half=True)
    said = (groups.get("n") or groups.get("n2") or "").strip()
    number = {"a": 1, "an": 1, "half a": 0.5, "half": 0.5}.get(said) or parse_number(said)
    if number is None or number <= 0 or number > 3650:
        return None
    if number == 0.5 and UNIT_DAYS.get(groups["unit"] or "") == 365:
        return 180  # "the last half year": six months, as 近半年
    return duration_days(int(number) if number == int(number) else float(number), groups["unit"] or "")
