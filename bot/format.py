"""Formatting values for people (¥12,345.00, dates as the reader expects) and for JSON (numbers, ISO dates)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from bot.texts import Locale, t, value_name

ENUM_KEYS = {"tier", "status", "taxpayer_type", "service_type", "frequency", "source", "bucket", "channel"}
EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def money(value: Decimal | int | float, symbol: str = "¥") -> str:
    amount = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    return f"{sign}{symbol}{abs(amount):,.2f}"


def day(value: date, locale: Locale) -> str:
    if locale == "zh":
        return value.isoformat()
    return f"{value.day} {EN_MONTHS[value.month - 1]} {value.year}"


def month_label(month: str, locale: Locale) -> str:
    year, mon = month.split("-")
    return f"{year}年{int(mon)}月" if locale == "zh" else f"{EN_MONTHS[int(mon) - 1]} {year}"


def weekday(value: date, locale: Locale) -> str:
    from bot.texts import lookup

    return lookup(locale, "words.weekdays")[value.weekday()]


def percent(ratio: float) -> str:
    return f"{ratio * 100:.1f}%"


def cell(key: str, value: Any, locale: Locale, symbol: str = "¥") -> str:
    """One table cell: money, dates, ratios, enum names and lists in words."""
    if value is None:
        return t(locale, "common.undefined")
    if isinstance(value, bool):
        return t(locale, "common.yes" if value else "common.no")
    if isinstance(value, Decimal):
        return money(value, symbol)
    if isinstance(value, datetime):
        return day(value.date(), locale)
    if isinstance(value, date):
        return day(value, locale)
    if isinstance(value, float):
        return percent(value) if key in {"margin", "on_time_ratio", "rate"} else f"{value:,.2f}"
    if isinstance(value, list | tuple):
        return ("、" if locale == "zh" else ", ").join(cell(key, v, locale, symbol) for v in value)
    if key in ENUM_KEYS:
        return value_name(locale, key, value)
    if key == "month" and isinstance(value, str) and len(value) == 7:
        return month_label(value, locale)
    return str(value)


def _money_json(value: Decimal) -> float:
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _iso(value: date) -> str:
    return value.isoformat()


_PLAIN = (str, int, float, bool, type(None))
_CONVERT: dict[type, Any] = {Decimal: _money_json, date: _iso, datetime: _iso}


def jsonable(value: Any) -> Any:
    """Decimal → number with 2 decimals, date → YYYY-MM-DD, recursively (dispatch on the exact type: this runs
    over every row of every answer)."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    convert = _CONVERT.get(kind)
    if convert is not None:
        return convert(value)
    if kind is dict:
        return {k: v if type(v) in _PLAIN else jsonable(v) for k, v in value.items()}
    if kind is list or kind is tuple:
        return [v if type(v) in _PLAIN else jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return _money_json(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value
