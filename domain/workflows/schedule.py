"""When an instance's work starts, and when each of its stages is due.

- monthly (period "2026-11"): the work starts on the 1st of the month after the period (2026-12-01); the deadline
  is that month's tax filing deadline (domain.calendar.filing_deadline: published calendar, else the rule);
- annual (period "2025", the reported year): the work starts on 1 January of the next year; the deadline is
  31 May moved to the next working day (企业所得税汇算清缴) or 30 June (工商年报, which does not move);
- once: the work starts on the contract's start date; there is no deadline.
A stage is due `after_start` days after the start, or `from_deadline` days from the deadline (negative: before).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from domain.calendar import filing_deadline, next_working_day
from domain.workflows.templates import StageTemplate, WorkflowTemplate


def work_start(template: WorkflowTemplate, period: str, contract_start: date | None = None) -> date:
    if template.cadence == "monthly":
        year, month = (int(part) for part in period.split("-"))
        return date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    if template.cadence == "annual":
        return date(int(period) + 1, 1, 1)
    if contract_start is None:
        raise ValueError("a one-off workflow starts with its contract")
    return contract_start


def deadline(template: WorkflowTemplate, start: date, extra_dir: Path | None = None) -> date | None:
    """The deadline `from_deadline` counts from, for work starting on `start`."""
    if template.deadline == "monthly_filing":
        return filing_deadline(start.year, start.month, extra_dir=extra_dir).deadline
    if template.deadline == "cit_annual":
        return next_working_day(date(start.year, 5, 31), inclusive=True)
    if template.deadline == "annual_report":
        return date(start.year, 6, 30)
    return None


def stage_due(stage: StageTemplate, start: date, deadline_on: date | None) -> date:
    if stage.due.after_start is not None:
        return start + timedelta(days=stage.due.after_start)
    assert deadline_on is not None and stage.due.from_deadline is not None  # checked when the template loaded
    return deadline_on + timedelta(days=stage.due.from_deadline)


def due_dates(template: WorkflowTemplate, start: date, extra_dir: Path | None = None) -> dict[str, date]:
    """stage key → due date, for an instance whose work starts on `start`."""
    deadline_on = deadline(template, start, extra_dir)
    return {stage.key: stage_due(stage, start, deadline_on) for stage in template.stages}


def previous_month(day: date) -> str:
    """The accounting period worked in `day`'s month ("2026-11" for any day of December 2026)."""
    first = day.replace(day=1) - timedelta(days=1)
    return f"{first.year:04d}-{first.month:02d}"


def month_bounds(period: str) -> tuple[date, date]:
    year, month = (int(part) for part in period.split("-"))
    first = date(year, month, 1)
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return first, following - timedelta(days=1)
