"""The tax filing calendar (征期): working days, monthly filing deadlines, a client's upcoming filings.

Pure functions of dates (no database, no clock): callers pass `today`, `start`, `end`.
"""

from domain.calendar.deadlines import (
    WEEKENDS_ONLY_NOTE,
    FilingDeadline,
    Source,
    filing_deadline,
    rule_deadline,
    year_deadlines,
)
from domain.calendar.filings import ANNUAL_REPORT, CIT_ANNUAL, Filing, upcoming_filings
from domain.calendar.published import CalendarFileError, PublishedCalendar, published_calendar
from domain.calendar.workdays import (
    add_working_days,
    holidays_known,
    is_rest_day,
    is_statutory_holiday,
    is_working_day,
    next_working_day,
    working_days_between,
)

__all__ = [
    "ANNUAL_REPORT",
    "CIT_ANNUAL",
    "WEEKENDS_ONLY_NOTE",
    "CalendarFileError",
    "Filing",
    "FilingDeadline",
    "PublishedCalendar",
    "Source",
    "add_working_days",
    "filing_deadline",
    "holidays_known",
    "is_rest_day",
    "is_statutory_holiday",
    "is_working_day",
    "next_working_day",
    "published_calendar",
    "rule_deadline",
    "upcoming_filings",
    "working_days_between",
    "year_deadlines",
]
