"""Shares and changes are fractions with 4 decimals rounded half up, as every other rate (domain.facts.common.ratio):
1 of 32 clients is 0.0313, not 0.0312 (the Decimal default, half even)."""

from __future__ import annotations

from decimal import Decimal

from domain.facts.common import ratio
from domain.metrics.answers import _change, _share


def test_half_up_like_every_rate() -> None:
    assert _share(1, 32) == ratio(1, 32) == 0.0313
    assert _share(Decimal("1.00"), Decimal("32.00")) == 0.0313
    assert _change(Decimal("33.00"), Decimal("32.00")) == 0.0313  # +1/32
    assert _change(Decimal("31.00"), Decimal("32.00")) == -0.0313
