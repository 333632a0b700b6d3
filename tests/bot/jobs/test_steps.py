"""When steps fire: working days only, ahead steps move back to the working day before, chases after a date move
on to the working day after (bot/jobs/steps.py). Dates come from the 2026 Chinese calendar."""

from __future__ import annotations

from datetime import date

from bot.jobs.steps import StepDays, previous_working_day
from domain.calendar import is_working_day

MONDAY, FRIDAY, SATURDAY = date(2026, 11, 23), date(2026, 11, 20), date(2026, 11, 21)
OCT_8 = date(2026, 10, 8)  # the first working day after the National Day holiday (1–7 October 2026)


def test_the_dates_these_tests_rely_on() -> None:
    assert [is_working_day(d) for d in (FRIDAY, SATURDAY, MONDAY, OCT_8)] == [True, False, True, True]
    assert not any(is_working_day(date(2026, 10, day)) for day in range(1, 8))


def test_monday_takes_the_weekends_chases_and_friday_its_reminders() -> None:
    monday, friday = StepDays.on(MONDAY), StepDays.on(FRIDAY)
    assert monday.after == (SATURDAY, date(2026, 11, 22), MONDAY)
    assert monday.ahead == (MONDAY,)
    assert friday.ahead == (FRIDAY, SATURDAY, date(2026, 11, 22))
    assert friday.after == (FRIDAY,)


def test_nothing_is_planned_on_a_rest_day_unless_every_day_is_allowed() -> None:
    assert not StepDays.on(SATURDAY).active
    assert StepDays.on(SATURDAY, working_days_only=False).ahead == (SATURDAY,)


def test_a_reminder_due_on_sunday_is_sent_on_friday_and_a_chase_after_it_on_monday() -> None:
    sunday = date(2026, 11, 22)
    assert StepDays.on(FRIDAY).before_anchor(sunday, [0]) == 0
    assert StepDays.on(MONDAY).before_anchor(sunday, [0]) is None
    assert StepDays.on(MONDAY).after_anchor(date(2026, 11, 14), [7]) == 7  # the 7-day step fell on Saturday


def test_the_largest_step_wins_and_steps_repeat_after_the_last_one() -> None:
    day = StepDays.on(MONDAY)
    assert day.before_anchor(date(2026, 11, 26), [3, 1]) == 3
    assert day.after_anchor(date(2026, 9, 24), [7, 14, 30, 60]) == 60  # 24 Sep + 60 days = 23 Nov
    assert day.after_anchor(date(2026, 9, 20), [7, 14, 30, 60]) is None  # 62–64 days: no step
    assert day.after_anchor(date(2026, 7, 26), [7, 14, 30, 60], every=30) == 120  # 60 + 2 × 30 days
    assert day.after_anchor(date(2026, 7, 26), [7, 14, 30, 60], every=0) is None


def test_after_the_national_day_holiday_the_first_working_day_takes_the_holidays_chases() -> None:
    step = StepDays.on(OCT_8)
    assert previous_working_day(OCT_8) == date(2026, 9, 30)
    assert step.after[0] == date(2026, 10, 1) and step.after[-1] == OCT_8
    assert step.after_anchor(date(2026, 9, 28), [7]) == 7  # due 28 Sep + 7 = 5 Oct, a holiday
