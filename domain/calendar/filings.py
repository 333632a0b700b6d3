"""A client's upcoming filings, from its tax obligations (tax, frequency) and the filing calendar.

- monthly taxes are filed every month, for the month before (filing in 2026-01 is for period "2025-12");
- quarterly taxes are filed in January, April, July and October, for the quarter before ("2025-Q4");
- yearly taxes are filed in January for the year before ("2025"), within the January filing period;
- 企业所得税 (whatever its prepayment frequency) is settled for the year before by 31 May (企业所得税汇算清缴),
  moved to the next working day when that is a rest day (实施细则 第一百零九条);
- 工商年报 (the annual report to the market regulator) is due by 30 June for the year before; it is not a tax
  deadline and does not move.
A filing is upcoming when its deadline is in [start, end], both ends included.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from domain.calendar.deadlines import FilingDeadline, Source, filing_deadline
from domain.calendar.workdays import next_working_day

CIT = "企业所得税"
CIT_ANNUAL = "企业所得税汇算清缴"
ANNUAL_REPORT = "工商年报"
QUARTER_FILING_MONTHS = (1, 4, 7, 10)
FREQUENCIES = {
    "monthly": "monthly", "按月": "monthly",
    "quarterly": "quarterly", "按季": "quarterly",
    "yearly": "yearly", "annual": "yearly", "按年": "yearly",
}  # fmt: skip


@dataclass(frozen=True)
class Filing:
    tax: str
    period: str  # "YYYY-MM", "YYYY-Qn" or "YYYY"
    deadline: date
    source: Source


def upcoming_filings(
    obligations: Iterable[tuple[str, str]],
    start: date,
    end: date,
    *,
    extra_dir: Path | None = None,
    annual_report: bool = True,
) -> list[Filing]:
    """Every filing whose deadline falls in [start, end], sorted by deadline, then tax, then period.

    `annual_report` adds the 工商年报 every enterprise files; it is also added when an obligation names it.
    """
    normalized = [(tax, normalize_frequency(frequency)) for tax, frequency in obligations]
    if end < start:
        return []
    filings = _periodic_filings(normalized, start, end, extra_dir)
    filings += _annual_filings({tax for tax, _ in normalized}, start, end, annual_report)
    return sorted(filings, key=lambda f: (f.deadline, f.tax, f.period))


def normalize_frequency(frequency: str) -> str:
    try:
        return FREQUENCIES[str(frequency).strip().lower()]
    except KeyError:
        raise ValueError(f"unknown filing frequency {frequency!r} (monthly / quarterly / yearly)") from None


def _periodic_filings(
    obligations: list[tuple[str, str]], start: date, end: date, extra_dir: Path | None
) -> list[Filing]:
    filings = []
    for year, month in _months(start, end):
        deadline: FilingDeadline | None = None
        for tax, frequency in obligations:
            period = _period_filed_in(tax, frequency, year, month)
            if period is None:
                continue
            deadline = deadline or filing_deadline(year, month, extra_dir=extra_dir)
            if start <= deadline.deadline <= end:
                filings.append(Filing(tax, period, deadline.deadline, deadline.source))
    return filings


def _period_filed_in(tax: str, frequency: str, year: int, month: int) -> str | None:
    """The period a filing made in (year, month) covers, or None when this obligation files nothing then."""
    if frequency == "monthly":
        return f"{year - 1}-12" if month == 1 else f"{year}-{month - 1:02d}"
    if frequency == "quarterly" and month in QUARTER_FILING_MONTHS:
        return f"{year - 1}-Q4" if month == 1 else f"{year}-Q{(month - 1) // 3}"
    if frequency == "yearly" and month == 1 and tax not in (CIT, CIT_ANNUAL, ANNUAL_REPORT):
        return str(year - 1)
    return None


def _annual_filings(taxes: set[str], start: date, end: date, annual_report: bool) -> list[Filing]:
    filings = []
    for year in range(start.year, end.year + 1):
        items = []
        if taxes & {CIT, CIT_ANNUAL}:
            items.append((CIT_ANNUAL, next_working_day(date(year, 5, 31), inclusive=True)))
        if annual_report or ANNUAL_REPORT in taxes:
            items.append((ANNUAL_REPORT, date(year, 6, 30)))
        filings += [Filing(tax, str(year - 1), day, "rule") for tax, day in items if start <= day <= end]
    return filings


def _months(start: date, end: date) -> Iterable[tuple[int, int]]:
    """Every (year, month) from the month before `start` (a late deadline could spill over) to `end`'s month."""
    year, month = (start.year - 1, 12) if start.month == 1 else (start.year, start.month - 1)
    while (year, month) <= (end.year, end.month):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
