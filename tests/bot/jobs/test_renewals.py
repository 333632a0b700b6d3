"""Contract renewals → the owner at exactly 60, 30 and 7 days before an expiring contract ends; terminated and
renewed contracts never; a step on a rest day is planned on the working day before it."""

from __future__ import annotations

from datetime import date

from tests.bot.jobs.support import SLACK, at, build, days, plan


def _firm(firm):
    ann = firm.staff("安娜", slack="U-ANN")
    bo = firm.staff("博文", slack="U-BO")
    mine = firm.client("上海续约贸易有限公司", ann)
    firm.contract(mine, "HT-ENDS-FRI", "bookkeeping", "2026-01-30", "2027-01-29", "6000")
    firm.contract(mine, "HT-ENDS-SAT", "audit", "2025-12-20", "2026-12-19", "9000")
    firm.contract(mine, "HT-TERMINATED", "consulting", "2026-01-30", "2027-01-29", status="terminated")
    firm.contract(mine, "HT-OLD", "tax_filing", "2026-01-30", "2027-01-29")
    firm.contract(mine, "HT-RENEWED-BY", "tax_filing", "2026-06-01", "2027-06-01")  # renews HT-OLD
    churned = firm.client("上海走了咨询有限公司", bo, status="churned")
    firm.contract(churned, "HT-CHURNED", "bookkeeping", "2026-01-30", "2027-01-29")


def test_renewal_reminders_come_at_exactly_60_30_and_7_days(make_app) -> None:
    app = make_app(**SLACK)
    build(app, _firm)
    seen: dict[str, list[tuple[date, int]]] = {}
    owners: dict[str, set[str]] = {}
    for day in days("2026-10-01", "2027-01-31"):
        for draft in plan(app, at(day), "renewal"):
            for contract in draft.reply.data["contracts"]:
                seen.setdefault(contract["contract_no"], []).append((day, contract["days_left"]))
                owners.setdefault(contract["contract_no"], set()).add(draft.destination.address)
    assert seen["HT-ENDS-FRI"] == [(date(2026, 11, 30), 60), (date(2026, 12, 30), 30), (date(2027, 1, 22), 7)]
    # ends on Saturday 19 December: its 7-day step (Saturday 12 December) comes on Friday, 8 days ahead
    assert seen["HT-ENDS-SAT"] == [(date(2026, 10, 20), 60), (date(2026, 11, 19), 30), (date(2026, 12, 11), 8)]
    assert "HT-TERMINATED" not in seen and "HT-OLD" not in seen
    assert [d for d, _ in seen["HT-CHURNED"]] == [date(2026, 11, 30), date(2026, 12, 30), date(2027, 1, 22)]
    assert owners == {"HT-ENDS-FRI": {"U-ANN"}, "HT-ENDS-SAT": {"U-ANN"}, "HT-CHURNED": {"U-BO"}}


def test_one_message_per_owner_lists_all_their_contracts_of_the_day(make_app) -> None:
    app = make_app(**SLACK)
    build(app, _firm)
    drafts = plan(app, at("2026-11-30"), "renewal")
    by_owner = {d.destination.address: [c["contract_no"] for c in d.reply.data["contracts"]] for d in drafts}
    assert by_owner == {"U-ANN": ["HT-ENDS-FRI"], "U-BO": ["HT-CHURNED"]}
    assert [d.key for d in drafts] == [d.key for d in plan(app, at("2026-11-30"), "renewal")]
    assert drafts[0].reply.rows[0][0] == "HT-ENDS-FRI" and drafts[0].reply.rows[0][5] == "¥6,000.00"
