"""The outbox: drafts are written once per idempotency key, with the Reply as JSON; listing and retrying."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from bot.bootstrap import App
from bot.models import OutboxMessage
from bot.outbox import RetryRefused, destination_of, enqueue, open_messages, reply_of, retry
from bot.reply import Action, Chart, Reply, TableColumn
from tests.bot.outbox_support import MONDAY_MORNING, SHANGHAI, another_app, draft, drafts, robot

HOOK = robot("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=group-1")


def rows(app: App) -> list[OutboxMessage]:
    with app.session() as session:
        return list(session.execute(select(OutboxMessage).order_by(OutboxMessage.id)).scalars())


def test_planning_the_same_moment_twice_queues_nothing_new(app: App) -> None:
    first = enqueue(app, drafts(30, HOOK), MONDAY_MORNING)
    assert len(first.new) == 30 and first.existing == {}
    again = enqueue(app, drafts(30, HOOK), MONDAY_MORNING)
    assert again.new == [] and len(again.existing) == 30 and set(again.existing.values()) == {"pending"}
    assert len(rows(app)) == 30


def test_a_later_run_adds_only_the_new_keys(app: App) -> None:
    enqueue(app, drafts(3, HOOK), MONDAY_MORNING)
    later = enqueue(app, drafts(5, HOOK), MONDAY_MORNING + timedelta(hours=1))
    assert [d.key for d in later.new] == ["m003", "m004"]
    assert sorted(later.existing) == ["m000", "m001", "m002"]
    assert [row.key for row in rows(app)] == [f"m{n:03d}" for n in range(5)]


def test_the_same_key_twice_in_one_batch_is_stored_once(app: App) -> None:
    twice = [draft("dunning|client:7|2026-11-23", HOOK, text="first"),
             draft("dunning|client:7|2026-11-23", HOOK, text="second")]
    result = enqueue(app, twice, MONDAY_MORNING)
    assert [d.reply.text for d in result.new] == ["first"]
    assert [reply_of(row).text for row in rows(app)] == ["first"]


def test_the_reply_and_destination_survive_the_round_trip(app: App) -> None:
    reply = Reply(intent="dunning", title="付款提醒", text="您有 2 张发票待付", locale="zh",
                  columns=[TableColumn(key="no", label="发票号"), TableColumn(key="amt", label="金额", align="right")],
                  rows=[["INV-1", "¥1,200.00"], ["INV-2", "¥300.50"]], total_rows=2, fields=[("客户", "明远")],
                  sections=[("说明", ["请于本周内付款"])], actions=[Action(label="已付款", value="paid INV-1")],
                  chart=Chart(title="应收", labels=["10月", "11月"], series={"应收": [1200.0, 300.5]}),
                  data={"total": 1500.5})
    message = draft("k1", HOOK, client_facing=True).model_copy(update={"reply": reply})
    enqueue(app, [message], MONDAY_MORNING)
    [stored] = rows(app)
    assert reply_of(stored) == reply
    assert destination_of(stored) == HOOK
    assert (stored.kind, stored.client_facing, stored.subject) == ("dunning", True, "上海明远贸易有限公司")
    assert stored.planned_at == MONDAY_MORNING and stored.next_attempt_at == MONDAY_MORNING


def test_client_messages_planned_at_night_are_held_until_the_next_working_morning(app: App) -> None:
    friday_night = datetime(2026, 11, 20, 22, 0, tzinfo=SHANGHAI)
    result = enqueue(app, [draft("client", HOOK, client_facing=True), draft("staff", HOOK)], friday_night)
    assert [d.key for d in result.held] == ["client"]
    by_key = {row.key: row for row in rows(app)}
    assert by_key["client"].next_attempt_at == MONDAY_MORNING and by_key["client"].hold_reason == "quiet_hours"
    assert by_key["staff"].next_attempt_at == friday_night and by_key["staff"].hold_reason is None


def test_listing_shows_open_messages_oldest_first_and_failed_ones_alone(app: App) -> None:
    enqueue(app, drafts(3, HOOK), MONDAY_MORNING)
    _set(app, "m001", status="failed", last_error="wecom robot: HTTP 500")
    _set(app, "m002", status="sent")
    assert [m.key for m in open_messages(app)] == ["m000", "m001"]
    [failed] = open_messages(app, failed_only=True)
    assert (failed.key, failed.last_error) == ("m001", "wecom robot: HTTP 500")


def test_retry_puts_failed_messages_back_in_line(app: App) -> None:
    enqueue(app, drafts(3, HOOK), MONDAY_MORNING)
    _set(app, "m000", status="failed", attempts=10, last_error="boom")
    _set(app, "m001", status="failed", attempts=10, last_error="boom")
    later = MONDAY_MORNING + timedelta(hours=2)
    ids = retry(app, later, all_failed=True)
    assert len(ids) == 2
    again = {row.key: row for row in rows(app)}
    assert all(again[k].status == "pending" and again[k].attempts == 0 for k in ("m000", "m001"))
    assert again["m000"].next_attempt_at == later and again["m000"].last_error == "boom"


def test_retry_of_a_client_message_waits_for_working_hours(app: App) -> None:
    enqueue(app, [draft("c", HOOK, client_facing=True)], MONDAY_MORNING)
    _set(app, "c", status="failed")
    [only] = rows(app)
    retry(app, datetime(2026, 11, 23, 23, 0, tzinfo=SHANGHAI), [only.id or 0])
    assert rows(app)[0].next_attempt_at == datetime(2026, 11, 24, 8, 30, tzinfo=SHANGHAI)


@pytest.mark.parametrize("status", ["sent", "missing"])
def test_retry_refuses_sent_and_unknown_messages(app: App, status: str) -> None:
    enqueue(app, drafts(1, HOOK), MONDAY_MORNING)
    [only] = rows(app)
    if status == "sent":
        _set(app, "m000", status="sent")
    with pytest.raises(RetryRefused):
        retry(app, MONDAY_MORNING, [only.id or 0] if status == "sent" else [999])
    assert rows(app)[0].status == ("sent" if status == "sent" else "pending")


def test_two_apps_enqueueing_the_same_keys_concurrently_store_each_once(make_app: Callable[..., App]) -> None:
    """Two Apps with their own engines (two planners in two processes would have nothing more in common)."""
    import threading

    first = make_app()
    apps = [first, another_app(first)] * 2
    results = []
    barrier = threading.Barrier(len(apps))

    def plan(app: App) -> None:
        barrier.wait()
        results.append(enqueue(app, drafts(50, HOOK), MONDAY_MORNING))

    threads = [threading.Thread(target=plan, args=(app,)) for app in apps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    apps[1].engine.dispose()
    assert len(results) == 4 and sum(len(r.new) for r in results) == 50
    assert all(len(r.new) + len(r.existing) == 50 for r in results)
    with first.session() as session:
        assert session.execute(select(func.count()).select_from(OutboxMessage)).scalar_one() == 50


def _set(app: App, key: str, **values: object) -> None:
    with app.session() as session:
        session.execute(update(OutboxMessage).where(OutboxMessage.key == key).values(**values))
