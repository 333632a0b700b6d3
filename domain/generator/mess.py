"""The mild mess of a real firm's spreadsheet: mixed date formats and amounts written as text.

Every form produced here is one that import-format.md says the importer accepts.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from domain.money import from_cents


class Cells:
    """Formats dates, amounts and yes/no cells; `messy=False` gives canonical values (ISO dates, Decimals)."""

    def __init__(self, rng: random.Random, messy: bool = True) -> None:
        self.rng = rng
        self.messy = messy

    def day(self, d: date) -> object:
        if not self.messy:
            return d.isoformat()
        r = self.rng.random()
        if r < 0.45:
            return d.isoformat()
        if r < 0.60:
            return d  # an Excel date cell
        if r < 0.72:
            return f"{d.year}/{d.month}/{d.day}"
        if r < 0.82:
            return f"{d.year}.{d.month:02d}.{d.day:02d}"
        if r < 0.94:
            return f"{d.year}年{d.month}月{d.day}日"
        return f"{d.year}{d.month:02d}{d.day:02d}"

    def money(self, cents: int) -> object:
        value = from_cents(cents)
        if not self.messy:
            return value
        r = self.rng.random()
        if r < 0.55:
            return int(value) if cents % 100 == 0 else value
        if r < 0.75:
            return f"{value:,.2f}"
        if r < 0.85:
            return f"¥{value:,.2f}" if cents % 100 else f"¥{value:,.0f}"
        if r < 0.94:
            return f"￥{value}元"
        return f" {value} "

    def period(self, year: int, month: int) -> str:
        if self.messy and self.rng.random() < 0.2:
            return f"{year}年{month}月"
        return f"{year}-{month:02d}"

    def yes_no(self, flag: bool) -> str:
        if self.messy and self.rng.random() < 0.1:
            return "Y" if flag else "N"
        return "是" if flag else "否"

    def hours(self, hours: Decimal) -> object:
        if self.messy and self.rng.random() < 0.1:
            return str(hours)
        return hours
