"""Tax filing deadlines → each owner, at T−5, T−2 and on the day (working days), naming only their clients.

December 2026's deadline is 15 December (published calendar, a Tuesday): T−5 is Tuesday 8 December, T−2 Friday
11 December. Quarterly filers file in January, April, July and October only.
"""

from __future__ import annotations

from datetime import date

from domain.calendar import filing_deadline
from tests.bot.jobs.support import SLACK, at, build, days, plan

DECEMBER = date(2026, 12, 15)


def _firm(firm):
    ann = firm.staff("安娜", slack="U-ANN")
    bo = firm.staff("博文", slack="U-BO")
    monthly = firm.client("上海月报贸易有限公司", ann)
    firm.tax(monthly, "增值税", "monthly")
    firm.tax(monthly, "附加税", "monthly")
    quarterly = firm.client("上海季报科技有限公司", ann)
    firm.tax(quarterly, "增值税", "quarterly")
    churned = firm.client("上海已走咨询有限公司", ann, status="churned")
    firm.tax(churned, "增值税", "monthly")
    theirs = firm.client("杭州别人家物流有限公司", bo)
    firm.tax(theirs, "个人所得税", "monthly")
    return {"ann": ann.id, "bo": bo.id}


def test_owners_are_reminded_on_t5_t2_and_the_day_of_their_own_clients(make_app) -> None:
    app = make_app(**SLACK)
    build(app, _firm)
    assert filing_deadline(2026, 12).deadline == DECEMBER
    sent: dict[date, list] = {}
    for day in days("2026-12-01", "2026-12-20"):
        drafts = plan(app, at(day), "tax_deadline")
        if drafts:
            sent[day] = drafts
    assert sorted(sent) == [date(2026, 12, 8), date(2026, 12, 11), DECEMBER]
    for day, drafts in sent.items():
        by_address = {d.destination.address: d for d in drafts}
        assert set(by_address) == {"U-ANN", "U-BO"}
        ann = by_address["U-ANN"].reply.data["filings"]
        assert {(f["client"], f["tax"], f["period"]) for f in ann} == {
            ("上海月报贸易有限公司", "增值税", "2026-11"), ("上海月报贸易有限公司", "附加税", "2026-11")}
        assert {f["client"] for f in by_address["U-BO"].reply.data["filings"]} == {"杭州别人家物流有限公司"}
        assert {f["working_days_left"] for f in ann} == {{8: 5, 11: 2, 15: 0}[day.day]}
    on_the_day = {d.destination.address: d for d in sent[DECEMBER]}["U-ANN"]
    assert "今天" in on_the_day.reply.text and "上海月报贸易有限公司" in on_the_day.reply.sections[0][1][0]


def test_quarterly_filers_are_named_in_a_quarter_month(make_app) -> None:
    app = make_app(**SLACK)
    build(app, _firm)
    deadline = filing_deadline(2026, 10).deadline  # October's period is extended by the National Day holiday
    drafts = plan(app, at(deadline), "tax_deadline")
    ann = next(d for d in drafts if d.destination.address == "U-ANN").reply.data["filings"]
    assert ("上海季报科技有限公司", "2026-Q3") in {(f["client"], f["period"]) for f in ann}


def test_the_day_is_planned_from_the_morning_run_and_the_same_keys_all_day(make_app) -> None:
    app = make_app(**SLACK)
    build(app, _firm)
    assert plan(app, at("2026-12-08", "08:00"), "tax_deadline") == []
    morning = [d.key for d in plan(app, at("2026-12-08"), "tax_deadline")]
    afternoon = [d.key for d in plan(app, at("2026-12-08", "15:00"), "tax_deadline")]
    assert morning == afternoon and len(morning) == 2
    assert plan(app, at("2026-12-12"), "tax_deadline") == []  # a Saturday


def test_the_annual_report_deadline_names_every_client_with_obligations(make_app) -> None:
    app = make_app(**SLACK)
    build(app, _firm)
    drafts = plan(app, at("2026-06-30"), "tax_deadline")
    ann = next(d for d in drafts if d.destination.address == "U-ANN").reply.data["filings"]
    assert {f["client"] for f in ann if f["tax"] == "工商年报"} == {"上海月报贸易有限公司", "上海季报科技有限公司"}
