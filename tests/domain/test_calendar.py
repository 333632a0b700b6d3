"""The tax filing calendar (征期): published calendars, the statutory rule, admin files, upcoming filings.

The published tables below are copied from the State Taxation Administration's notices, independently of the
product's data files, so that a typo in a shipped file or a change in the rule shows up here.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from domain.calendar import (
    WEEKENDS_ONLY_NOTE,
    CalendarFileError,
    Filing,
    filing_deadline,
    is_working_day,
    next_working_day,
    rule_deadline,
    upcoming_filings,
    working_days_between,
    year_deadlines,
)

# 税总办征科函〔2024〕71号 (as listed in 国家税务总局广东省税务局《2025年征期日历》): deadline day of each month.
PUBLISHED_2025 = [15, 20, 17, 18, 22, 16, 15, 15, 15, 27, 17, 15]
# 税总办征科函〔2025〕64号 《关于明确2026年度申报纳税期限的通知》.
PUBLISHED_2026 = [20, 24, 16, 20, 22, 15, 15, 17, 15, 26, 16, 15]
# Earlier years, not shipped, used only to check the rule against more publications:
# 税总办征科函〔2021〕201号 (2022), 税总办征科函〔2022〕245号 (2023), the 2024 notice (8 June–10 June = 3 days).
PUBLISHED_EARLIER = {
    2022: [19, 23, 15, 20, 19, 20, 15, 15, 20, 25, 15, 15],
    2023: [16, 15, 15, 17, 18, 15, 17, 15, 15, 23, 15, 15],
    2024: [15, 23, 15, 18, 22, 19, 15, 15, 18, 24, 15, 16],
}
SHIPPED = {2025: PUBLISHED_2025, 2026: PUBLISHED_2026}
DOCUMENTS = {2025: "税总办征科函〔2024〕71号", 2026: "税总办征科函〔2025〕64号"}


def _months(tables: dict[int, list[int]]) -> list[tuple[int, int, date]]:
    return [(year, m, date(year, m, day)) for year, days in tables.items() for m, day in enumerate(days, 1)]


@pytest.mark.parametrize(("year", "month", "published"), _months(SHIPPED))
def test_shipped_calendars_equal_the_publications(year: int, month: int, published: date) -> None:
    result = filing_deadline(year, month)
    assert result.month == f"{year}-{month:02d}"
    assert result.deadline == published
    assert result.source == "published"
    assert result.note is not None and DOCUMENTS[year] in result.note


@pytest.mark.parametrize(("year", "month", "published"), _months({**PUBLISHED_EARLIER, **SHIPPED}))
def test_rule_reproduces_every_published_month(year: int, month: int, published: date) -> None:
    """The rule agrees with all 60 published months of 2022–2026, including the tricky ones: a holiday that
    starts before the 1st (2025-02: only 1–4 February count), one that starts on the 15th (2026-02: the
    15th is a rest day, first working day after the rest), a Monday holiday joined to its weekend (2024-06)."""
    result = rule_deadline(year, month)
    assert result.source == "rule"
    assert result.deadline == published


def test_rule_extends_by_working_days_and_says_why() -> None:
    # 1–3 January 2026 off: 15 January (Thursday) + 3 working days skips the weekend of 17–18 January.
    january = rule_deadline(2026, 1)
    assert january.deadline == date(2026, 1, 20)
    assert january.note is not None and "1月1日至1月3日" in january.note and "3" in january.note
    # 15 March 2026 is a Sunday: no holiday, just the next working day.
    march = rule_deadline(2026, 3)
    assert march.deadline == date(2026, 3, 16)
    assert march.note is not None and "rest day" in march.note


def test_unknown_year_uses_weekends_only_and_says_so() -> None:
    expected = [15, 17, 17, 15, 15, 16, 15, 15, 15, 15, 17, 15]  # 2031: 15th, or the Monday after a weekend
    results = year_deadlines(2031)
    assert [r.deadline for r in results] == [date(2031, m, day) for m, day in enumerate(expected, 1)]
    assert {r.source for r in results} == {"rule"}
    assert {r.note for r in results} == {WEEKENDS_ONLY_NOTE}


def test_working_day_helpers() -> None:
    assert is_working_day(date(2026, 1, 4))  # a Sunday made a working day (调休上班)
    assert not is_working_day(date(2026, 10, 1))
    assert not is_working_day(date(2026, 11, 14))  # an ordinary Saturday
    assert is_working_day(date(2031, 1, 1))  # unknown year: weekends only
    assert next_working_day(date(2026, 2, 13)) == date(2026, 2, 14)  # Saturday make-up day
    assert next_working_day(date(2026, 2, 15)) == date(2026, 2, 24)  # through the Spring Festival
    assert next_working_day(date(2026, 11, 16), inclusive=True) == date(2026, 11, 16)
    assert next_working_day(date(2026, 11, 16)) == date(2026, 11, 17)
    # [30 Sep, 12 Oct): 30 Sep, then 8, 9 and the make-up Saturday 10 October.
    assert working_days_between(date(2026, 9, 30), date(2026, 10, 12)) == 4
    assert working_days_between(date(2026, 10, 12), date(2026, 9, 30)) == -4
    assert working_days_between(date(2026, 10, 12), date(2026, 10, 12)) == 0


def _write(directory: Path, name: str, content: object) -> Path:
    path = directory / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


def _year_file(year: int, **changes: str) -> dict[str, str]:
    months = {f"{year}-{m:02d}": f"{year}-{m:02d}-15" for m in range(1, 13)}
    return {**months, **changes}


def test_admin_file_adds_a_year(tmp_path: Path) -> None:
    content = {**_year_file(2027, **{"2027-02": "2027-02-22"}), "document": "税总办征科函〔2026〕1号"}
    _write(tmp_path, "2027.json", content)
    _write(tmp_path, "notes.txt", "not a calendar")
    result = filing_deadline(2027, 2, extra_dir=tmp_path)
    assert (result.deadline, result.source) == (date(2027, 2, 22), "published")
    assert result.note is not None and "2027.json" in result.note and "〔2026〕1号" in result.note
    assert filing_deadline(2027, 2).source == "rule"  # without the directory, the rule
    assert filing_deadline(2025, 10, extra_dir=tmp_path).deadline == date(2025, 10, 27)  # shipped years remain


def test_admin_yaml_file_overrides_a_shipped_year(tmp_path: Path) -> None:
    lines = [f"2026-{m:02d}: 2026-{m:02d}-{day:02d}" for m, day in enumerate(PUBLISHED_2026, 1)]
    _write(tmp_path, "2026.yaml", "\n".join(lines).replace("2026-10-26", "2026-10-27") + "\n")
    assert filing_deadline(2026, 10, extra_dir=tmp_path).deadline == date(2026, 10, 27)
    assert filing_deadline(2026, 11, extra_dir=tmp_path).deadline == date(2026, 11, 16)
    assert filing_deadline(2026, 10).deadline == date(2026, 10, 26)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ({k: v for k, v in _year_file(2027).items() if k != "2027-12"}, "2027-12"),
        (_year_file(2027, **{"2027-02": "2027-03-01"}), "不在该月内"),
        (_year_file(2027, **{"2027-02": "2027-02-30"}), "not a YYYY-MM-DD date"),
        ({**_year_file(2027), "2028-01": "2028-01-15"}, "unexpected keys"),
        (["2027-01-15"], "expected a mapping"),
        ('{"2027-01": ', "cannot read or parse"),
    ],
)
def test_bad_admin_file_is_a_clear_error_naming_the_file(tmp_path: Path, content: object, expected: str) -> None:
    path = _write(tmp_path, "2027.json", content)
    with pytest.raises(CalendarFileError) as error:
        filing_deadline(2027, 1, extra_dir=tmp_path)
    assert str(path) in str(error.value)
    assert expected in str(error.value)


def test_ambiguous_or_missing_admin_directory_is_an_error(tmp_path: Path) -> None:
    _write(tmp_path, "2027.json", _year_file(2027))
    _write(tmp_path, "2027.yaml", "\n".join(f"{k}: {v}" for k, v in _year_file(2027).items()))
    with pytest.raises(CalendarFileError, match=r"2027\.yaml"):
        filing_deadline(2027, 1, extra_dir=tmp_path)
    with pytest.raises(CalendarFileError, match="absent"):
        filing_deadline(2026, 1, extra_dir=tmp_path / "absent")


OBLIGATIONS = [("增值税", "monthly"), ("企业所得税", "quarterly"), ("印花税", "yearly")]


def test_upcoming_filings_across_a_year_boundary() -> None:
    filings = upcoming_filings(OBLIGATIONS, date(2025, 12, 1), date(2026, 2, 28))
    assert filings == [
        Filing("增值税", "2025-11", date(2025, 12, 15), "published"),
        Filing("企业所得税", "2025-Q4", date(2026, 1, 20), "published"),
        Filing("印花税", "2025", date(2026, 1, 20), "published"),
        Filing("增值税", "2025-12", date(2026, 1, 20), "published"),
        Filing("增值税", "2026-01", date(2026, 2, 24), "published"),
    ]


def test_upcoming_filings_window_ends_are_included_and_past_deadlines_left_out() -> None:
    filings = upcoming_filings(OBLIGATIONS, date(2026, 1, 21), date(2026, 2, 24))
    assert [(f.tax, f.period, f.deadline) for f in filings] == [("增值税", "2026-01", date(2026, 2, 24))]
    assert upcoming_filings(OBLIGATIONS, date(2026, 2, 25), date(2026, 3, 15)) == []


def test_upcoming_annual_items() -> None:
    filings = upcoming_filings(OBLIGATIONS, date(2026, 5, 23), date(2026, 7, 15))
    assert filings == [
        # 31 May 2026 is a Sunday: the settlement deadline moves to Monday 1 June.
        Filing("企业所得税汇算清缴", "2025", date(2026, 6, 1), "rule"),
        Filing("增值税", "2026-05", date(2026, 6, 15), "published"),
        Filing("工商年报", "2025", date(2026, 6, 30), "rule"),
        Filing("企业所得税", "2026-Q2", date(2026, 7, 15), "published"),
        Filing("增值税", "2026-06", date(2026, 7, 15), "published"),
    ]
    # 31 May 2025 starts the Dragon Boat holiday (31 May–2 June): 3 June.
    settlement = upcoming_filings([("企业所得税", "按季")], date(2025, 5, 1), date(2025, 6, 10), annual_report=False)
    assert [(f.tax, f.deadline) for f in settlement] == [("企业所得税汇算清缴", date(2025, 6, 3))]


def test_upcoming_filings_use_the_rule_where_nothing_is_published() -> None:
    filings = upcoming_filings([("个人所得税", "monthly")], date(2031, 3, 1), date(2031, 3, 31))
    assert filings == [Filing("个人所得税", "2031-02", date(2031, 3, 17), "rule")]


def test_unknown_frequency_is_refused() -> None:
    with pytest.raises(ValueError, match="fortnightly"):
        upcoming_filings([("增值税", "fortnightly")], date(2026, 1, 1), date(2026, 12, 31))
