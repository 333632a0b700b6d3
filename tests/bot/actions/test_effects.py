"""Effects of actions, seen where they matter — in later answers and in the planners' runs (time travel through
bot.jobs.planners.plan_all), not by reading tables: a payment leaves the overdue list and lowers the balance and the
dunning; 都齐了 stops the chasing; a renewal leaves the renewal reminders; a new owner gets the reminders; a promise
pauses dunning through its date and a broken one resumes it and tells the owner once; a disputed invoice leaves
dunning and is marked in overdue lists."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from bot.jobs.planners import plan_all
from tests.bot.actions.support import MINGYUAN, MINGYUAN_GROUP, TODAY, at, build_firm, chat


@pytest.fixture
def firm(make_app):
    app = make_app(today=TODAY)
    app.clock = app.clock.at(at(TODAY))
    return app, build_firm(app)


def act(app, who: str, sentence: str) -> None:
    proposal = chat(app, who, sentence)
    assert proposal.data["status"] == "proposed", proposal.text
    assert chat(app, who, "确认").data["status"] == "done"


def drafts(app, day: date, kind: str, *, record: bool = True) -> list:
    return plan_all(app, at(day, time(9, 0)), record=record)[kind]


def mingyuan_dunned(app, day: date, *, record: bool = True) -> bool:
    return any(d.destination.address == MINGYUAN_GROUP for d in drafts(app, day, "dunning", record=record))


def days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def test_a_payment_leaves_the_overdue_list_lowers_the_balance_and_stops_dunning(firm) -> None:
    app, _ = firm
    overdue = chat(app, "王芳", "逾期客户")
    assert MINGYUAN in [i["client"] for i in overdue.data["items"]]
    balance = chat(app, "王芳", "明远贸易的应收余额").data["value"]
    assert balance == 5000.0
    assert mingyuan_dunned(app, date(2026, 12, 14), record=False)  # FP100234 is 60 days overdue that day
    act(app, "王芳", "收到明远贸易转账5000元")
    assert MINGYUAN not in [i["client"] for i in chat(app, "王芳", "逾期客户").data["items"]]
    assert chat(app, "王芳", "明远贸易的应收余额").data["value"] == balance - 5000
    assert not any(mingyuan_dunned(app, day, record=False) for day in days(TODAY, date(2027, 1, 31)))


def test_a_partial_payment_lowers_the_balance_by_its_amount(firm) -> None:
    app, _ = firm
    act(app, "王芳", "收到明远贸易转账1200元")
    assert chat(app, "王芳", "明远贸易的应收余额").data["value"] == 3800.0
    assert mingyuan_dunned(app, date(2026, 12, 14), record=False)  # still open: still dunned


def test_all_documents_received_leaves_the_missing_list_and_is_not_chased(firm) -> None:
    app, _ = firm
    missing = chat(app, "王芳", "11月哪些客户资料没交")
    assert MINGYUAN in [i["client"] for i in missing.data["items"]]
    chased = drafts(app, TODAY, "document_chase", record=False)
    assert [d.destination.address for d in chased] == [MINGYUAN_GROUP]
    act(app, "王芳", "明远贸易11月资料都齐了")
    assert MINGYUAN not in [i["client"] for i in chat(app, "王芳", "11月哪些客户资料没交").data["items"]]
    assert all(drafts(app, day, "document_chase") == [] for day in days(TODAY, date(2026, 12, 31)))


def test_a_renewed_contract_leaves_the_expiring_list_and_the_renewal_reminders(firm) -> None:
    app, ids = firm
    expiring = chat(app, "王芳", "哪些合同快到期了")
    assert "HT1001" in [i.get("contract_no") for i in expiring.data["items"]]
    reminders = drafts(app, TODAY, "renewal")  # 30 days before 12-31
    assert [d.key.split("|")[1] for d in reminders] == [f"staff:{ids['wang']}"]
    act(app, "王芳", "HT1001 已续约")
    assert "HT1001" not in [i.get("contract_no") for i in chat(app, "王芳", "哪些合同快到期了").data["items"]]
    assert all(drafts(app, day, "renewal") == [] for day in days(TODAY, date(2026, 12, 31)))


def test_an_owner_change_moves_future_reminders_to_the_new_owner(firm) -> None:
    app, ids = firm
    refused = chat(app, "王芳", "明远贸易转给秦霞负责")  # staff may not move their own client
    assert refused.data["status"] == "refused", refused.text
    act(app, "杜萍", "明远贸易转给秦霞负责")  # their manager may: she manages both
    reminders = drafts(app, TODAY, "renewal")
    assert [d.key.split("|")[1] for d in reminders] == [f"staff:{ids['qin']}"]
    assert "HT1001" in reminders[0].subject
    assert MINGYUAN not in [i["client"] for i in chat(app, "王芳", "逾期客户").data["items"]]
    assert MINGYUAN in [i["client"] for i in chat(app, "秦霞", "逾期客户").data["items"]]


def test_a_promise_pauses_dunning_through_its_date_and_a_broken_one_resumes_it_and_tells_the_owner_once(firm):
    app, ids = firm
    assert mingyuan_dunned(app, date(2026, 12, 14), record=False)
    act(app, "王芳", "明远贸易说12月15日前付款")
    for day in days(TODAY, date(2026, 12, 15)):
        assert not mingyuan_dunned(app, day), day
        assert drafts(app, day, "promise_broken") == []
    told = [d for day in days(date(2026, 12, 16), date(2027, 1, 31)) for d in drafts(app, day, "promise_broken")]
    assert [d.key.split("|")[1] for d in told] == [f"staff:{ids['wang']}"] and MINGYUAN in told[0].reply.text
    assert any(mingyuan_dunned(app, day) for day in days(date(2026, 12, 16), date(2027, 1, 31)))


def test_a_kept_promise_tells_nobody(firm) -> None:
    app, _ = firm
    act(app, "王芳", "明远贸易说12月15日前付款")
    app.clock = app.clock.at(at(date(2026, 12, 10)))
    act(app, "王芳", "收到明远贸易转账5000元")
    assert [d for day in days(date(2026, 12, 16), date(2026, 12, 31)) for d in drafts(app, day, "promise_broken")] == []


def test_a_disputed_invoice_leaves_dunning_and_is_marked_in_overdue_lists(firm) -> None:
    app, _ = firm
    act(app, "王芳", "FP100234 客户有异议，金额不对")
    assert not mingyuan_dunned(app, date(2026, 12, 14))  # FP100234's step: disputed, so nothing
    overdue = chat(app, "王芳", "逾期客户")
    [item] = [i for i in overdue.data["items"] if i["client"] == MINGYUAN]
    assert item["disputed"] is True and item["overdue_amount"] == 5000.0  # still counted
    assert any("有异议" in cell for row in overdue.rows for cell in row)
    act(app, "王芳", "FP100234 异议已解决")
    assert mingyuan_dunned(app, date(2026, 12, 14), record=False)
    assert "disputed" not in next(i for i in chat(app, "王芳", "逾期客户").data["items"] if i["client"] == MINGYUAN)


def test_the_managers_digest_the_next_morning_counts_the_payment(firm) -> None:
    app, ids = firm

    def du_digest(day: date) -> dict:
        [draft] = [d for d in drafts(app, day, "digest", record=False) if d.key.split("|")[1] == f"staff:{ids['du']}"]
        return draft.reply.data

    before = du_digest(date(2026, 12, 2))
    assert before["overdue_total"] == 10000.0 and before["overdue_clients"] == 2  # 明远贸易 ¥5,000, 华信科技 ¥5,000
    act(app, "王芳", "收到明远贸易转账5000元")
    after = du_digest(date(2026, 12, 2))
    assert after["overdue_total"] == 5000.0 and after["overdue_clients"] == 1
