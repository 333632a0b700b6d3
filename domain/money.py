"""Money as exact decimals at the edges, integer cents in storage."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def to_cents(amount: Decimal | int | str) -> int:
    """¥12,345.678 → 1234568 (half up, as accountants round)."""
    value = Decimal(str(amount)).quantize(CENT, rounding=ROUND_HALF_UP)
    return int(value * 100)


def from_cents(cents: int | None) -> Decimal:
    return (Decimal(int(cents or 0)) / 100).quantize(CENT)


def cents_to_float(cents: int | None) -> float:
    """For JSON output: a number with two decimals."""
    return float(from_cents(cents))


def format_money(cents: int | None, symbol: str = "¥") -> str:
    """1234500 → '¥12,345.00'; negative amounts as '-¥12.00'."""
    value = from_cents(cents)
    sign = "-" if value < 0 else ""
    return f"{sign}{symbol}{abs(value):,.2f}"
