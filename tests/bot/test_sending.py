"""The sender loop against real databases and real HTTP: a local fake of the group-robot webhooks (and of Slack's
Web API) stands in for the platforms; the product's own WeCom and Slack senders do the talking."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text

from adapters.common.http import http_session
from adapters.dingtalk.sender import DingTalkSender
from adapters.slack.sender import SlackSender
from adapters.wecom.sender import WeComSender
from bot.bootstrap import App
from bot.delivery import Destination
from bot.models import OutboxMessage
from bot.outbox import enqueue, open_messages, retry
from bot.pacing import Backoff
from bot.senders import SenderRegistry
from bot.sending import OutboxSender
from tests.bot.outbox_support import MONDAY_MORNING, SHANGHAI, TestClock, draft, drafts, robot
from tests.fakes.robot_webhook import RobotWebhook
from tests.fakes.slack_api import FakeSlackApi

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def webhook() -> Iterator[RobotWebhook]:
    with RobotWebhook(hang_seconds=3.0) as server:
        yield server


def wecom_registry(app: App) -> SenderRegistry:
    """The real WeCom sender, with a short timeout and no inner retries so that failures reach the outbox fast."""
    return SenderRegistry(app, {"wecom": WeComSender(app.settings, session=http_session(timeout=0.5, attempts=1))})


def worker(app: App, **options: object) -> OutboxSender:
    import random

    options.setdefault("backoff", Backoff(base_seconds=30, max_seconds=3600, rng=random.Random(3)))
    return OutboxSender(app, wecom_registry(app), **options)  # type: ignore[arg-type]


def stored(app: App) -> dict[str, OutboxMessage]:
    with app.session() as session:
        return {m.key: m for m in session.execute(select(OutboxMessage)).scalars()}


def test_delivers_each_message_once_and_marks_it_sent(app: App, webhook: RobotWebhook) -> None:
    enqueue(app, drafts(3, robot(webhook.wecom_url())), MONDAY_MORNING)
    sender = worker(app)
    report = sender.drain(TestClock())
    assert report.by_kind() == {"dunning": {"sent": 3}}
    assert sorted(webhook.contents()) == ["m000", "m001", "m002"]
    assert {(m.status, m.attempts, m.sent_at) for m in stored(app).values()} == {("sent", 1, MONDAY_MORNING)}
    assert sender.drain(TestClock(MONDAY_MORNING + timedelta(days=1))).outcomes == []
    assert len(webhook.contents()) == 3


def test_dingtalk_group_robots_are_delivered_and_paced_the_same_way(app: App, webhook: RobotWebhook) -> None:
    session = http_session(timeout=0.5, attempts=1)
    registry = SenderRegistry(app, {"dingtalk": DingTalkSender(app.settings, session=session)})
    enqueue(app, drafts(21, robot(webhook.dingtalk_url("group-token"), platform="dingtalk")), MONDAY_MORNING)
    clock = TestClock()
    first = OutboxSender(app, registry).drain(clock)
    assert (first.count("sent"), first.count("rate_limited")) == (20, 1)
    assert OutboxSender(app, registry).drain(clock.advance(minutes=1)).count("sent") == 1
    assert sorted(webhook.contents("group-token")) == [f"m{n:03d}" for n in range(21)]


def test_platform_down_then_back_retries_with_growing_delays_and_delivers_once(
        app: App, webhook: RobotWebhook) -> None:
    enqueue(app, [draft("only", robot(webhook.wecom_url()))], MONDAY_MORNING)
    sender, clock, waits = worker(app), TestClock(), []
    for mode, error in (("error", "HTTP 500"), ("error", "HTTP 500"), ("hang", "Timeout")):
        webhook.mode = mode
        [outcome] = sender.drain(clock).outcomes
        message = stored(app)["only"]
        assert (outcome.status, message.status) == ("retrying", "pending")
        assert error in (message.last_error or "")
        waits.append(message.next_attempt_at - clock())
        assert sender.drain(clock.advance(seconds=1)).outcomes == []  # not due yet: nothing is tried
        clock.to(message.next_attempt_at)
    assert waits[0] < waits[1] < waits[2]
    webhook.mode = "up"
    assert [o.status for o in sender.drain(clock).outcomes] == ["sent"]
    assert webhook.contents() == ["only"] and webhook.refused == 3
    assert (stored(app)["only"].attempts, stored(app)["only"].status) == (4, "sent")
    assert sender.drain(clock.advance(hours=2)).outcomes == []


def test_gives_up_after_the_last_attempt_keeps_the_message_and_can_retry_it(
        make_app: Callable[..., App], webhook: RobotWebhook) -> None:
    app = make_app(outbox_max_attempts=3)
    enqueue(app, [draft("stubborn", robot(webhook.wecom_url()))], MONDAY_MORNING)
    sender, clock = worker(app), TestClock()
    webhook.mode = "error"
    statuses = []
    for _ in range(3):
        statuses += [o.status for o in sender.drain(clock).outcomes]
        clock.to(stored(app)["stubborn"].next_attempt_at)
    assert statuses == ["retrying", "retrying", "failed"]
    [failed] = open_messages(app, failed_only=True)
    assert (failed.key, failed.attempts) == ("stubborn", 3) and "HTTP 500" in (failed.last_error or "")
    assert sender.drain(clock.advance(days=1)).outcomes == []  # failed for good: not retried on its own
    webhook.mode = "up"
    retry(app, clock(), all_failed=True)
    assert [o.status for o in sender.drain(clock).outcomes] == ["sent"]
    assert webhook.contents() == ["stubborn"]


def test_a_platform_without_a_sender_fails_the_message_with_the_reason(app: App) -> None:
    enqueue(app, [draft("lost", Destination(platform="feishu", kind="chat", address="oc_1"))], MONDAY_MORNING)
    [outcome] = worker(app).drain(TestClock()).outcomes
    assert outcome.status == "failed" and "feishu" in (outcome.error or "")
    assert open_messages(app, failed_only=True)[0].key == "lost"


def test_quiet_hours_hold_client_messages_until_the_working_morning_but_not_staff_ones(
        app: App, webhook: RobotWebhook) -> None:
    group = robot(webhook.wecom_url())
    friday_night = datetime(2026, 11, 20, 22, 0, tzinfo=SHANGHAI)
    enqueue(app, [draft("to-client", group, client_facing=True), draft("to-owner", group)], friday_night)
    sender, clock = worker(app), TestClock(friday_night)
    assert [o.status for o in sender.drain(clock).outcomes] == ["sent"]
    assert webhook.contents() == ["to-owner"]
    assert sender.drain(clock.to(datetime(2026, 11, 21, 11, 0, tzinfo=SHANGHAI))).outcomes == []  # Saturday
    assert sender.drain(clock.to(datetime(2026, 11, 23, 8, 29, tzinfo=SHANGHAI))).outcomes == []
    assert [o.status for o in sender.drain(clock.to(MONDAY_MORNING)).outcomes] == ["sent"]
    assert webhook.contents() == ["to-owner", "to-client"]


def test_a_due_client_message_is_not_sent_once_the_night_has_begun(app: App, webhook: RobotWebhook) -> None:
    enqueue(app, [draft("late", robot(webhook.wecom_url()), client_facing=True)], MONDAY_MORNING)
    sender = worker(app)
    assert sender.drain(TestClock(datetime(2026, 11, 23, 21, 5, tzinfo=SHANGHAI))).outcomes == []
    assert [o.status for o in sender.drain(TestClock(datetime(2026, 11, 24, 8, 30, tzinfo=SHANGHAI))).outcomes] \
        == ["sent"]


def test_group_robots_get_at_most_20_messages_a_minute(app: App, webhook: RobotWebhook) -> None:
    busy, quiet_group = robot(webhook.wecom_url("busy")), robot(webhook.wecom_url("other"))
    enqueue(app, drafts(25, busy, prefix="b") + drafts(2, quiet_group, prefix="o"), MONDAY_MORNING)
    sender, clock = worker(app), TestClock()
    first = sender.drain(clock)
    assert (first.count("sent"), first.count("rate_limited")) == (22, 5)
    assert len(webhook.contents("busy")) == 20 and len(webhook.contents("other")) == 2
    waiting = [m for m in stored(app).values() if m.status == "pending"]
    next_minute = MONDAY_MORNING + timedelta(minutes=1)
    assert {(m.hold_reason, m.next_attempt_at) for m in waiting} == {("rate_limit", next_minute)}
    assert sender.drain(clock.advance(seconds=59)).count("sent") == 0
    assert sender.drain(clock.advance(seconds=1)).count("sent") == 5
    assert sorted(webhook.contents("busy")) == [f"b{n:03d}" for n in range(25)]
    slots = sorted(m.slot_at for m in stored(app).values() if m.key.startswith("b"))
    assert all(later - earlier >= timedelta(minutes=1) for earlier, later in zip(slots, slots[20:], strict=False))


def test_slack_channels_get_about_one_message_a_second(make_app: Callable[..., App]) -> None:
    with FakeSlackApi(token="xoxb-test") as slack:
        app = make_app(slack_bot_token="xoxb-test", slack_api_base_url=slack.api_url)
        general = Destination(platform="slack", kind="chat", address="C1")
        other = Destination(platform="slack", kind="chat", address="C2")
        enqueue(app, [*drafts(3, general, prefix="c"), draft("d", other)], MONDAY_MORNING)
        clock = TestClock()
        sender = OutboxSender(app, SenderRegistry(app, {"slack": SlackSender(app.settings)}))
        report = sender.drain(clock, max_wait=2.0, sleep=lambda seconds: clock.advance(seconds=seconds))
        assert report.count("sent") == 4
        assert sorted(c.params["channel"] for c in slack.calls("chat.postMessage")) == ["C1", "C1", "C1", "C2"]
    slots = sorted(m.slot_at for m in stored(app).values() if m.address == "C1")
    assert [s - MONDAY_MORNING for s in slots] == [timedelta(0), timedelta(seconds=1), timedelta(seconds=2)]


# -- crashes and several workers -------------------------------------------------------------------------------------
def worker_env(app: App) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    if app.engine.dialect.name == "postgresql":
        with app.engine.connect() as conn:
            env["OUTBOX_TEST_SCHEMA"] = conn.execute(text("SELECT current_schema()")).scalar_one()
        env["ZHANGFANG_DATABASE_URL"] = app.engine.url.render_as_string(hide_password=False)
    else:
        env["ZHANGFANG_DATABASE_URL"] = str(app.engine.url)
    return env


def spawn(app: App, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "tests.bot.outbox_support", *args], cwd=REPO, env=worker_env(app),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_crash_between_queueing_and_sending_loses_nothing(app: App, webhook: RobotWebhook) -> None:
    process = spawn(app, "enqueue-then-die", MONDAY_MORNING.isoformat(), webhook.wecom_url(), "5")
    _, errors = process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL, errors
    assert webhook.contents() == []
    assert {m.status for m in stored(app).values()} == {"pending"} and len(stored(app)) == 5
    assert worker(app).drain(TestClock()).count("sent") == 5
    assert sorted(webhook.contents()) == [f"m{n:03d}" for n in range(5)]
    assert worker(app).drain(TestClock(MONDAY_MORNING + timedelta(hours=1))).outcomes == []


def test_a_worker_killed_mid_send_is_taken_over_after_its_lease(app: App, webhook: RobotWebhook) -> None:
    enqueue(app, [draft("in-flight", robot(webhook.wecom_url()))], MONDAY_MORNING)
    webhook.mode, webhook.hang_seconds = "hang", 60.0
    process = spawn(app, "claim-then-die", MONDAY_MORNING.isoformat())
    _wait_until(lambda: webhook.refused >= 1)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    assert stored(app)["in-flight"].status == "sending"
    webhook.mode = "up"
    assert worker(app).drain(TestClock()).outcomes == []  # within the lease another worker keeps off
    assert [o.status for o in worker(app, lease=timedelta(0)).drain(TestClock()).outcomes] == ["sent"]
    assert webhook.contents() == ["in-flight"]
    assert "interrupted" in (stored(app)["in-flight"].last_error or "")


def test_two_worker_processes_deliver_every_message_exactly_once(app: App, webhook: RobotWebhook,
                                                                  tmp_path: Path) -> None:
    keys = [f"group-{n}" for n in range(30)]
    batch = [draft(f"{key}/{i}", robot(webhook.wecom_url(key))) for key in keys for i in range(3)]
    enqueue(app, batch, MONDAY_MORNING)
    go = tmp_path / "go"
    workers = [spawn(app, "drain", MONDAY_MORNING.isoformat(), str(go)) for _ in range(2)]
    for process in workers:
        assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    go.touch()  # both are connected and waiting: start them together
    counts = []
    for process in workers:
        out, errors = process.communicate(timeout=120)
        assert process.returncode == 0, errors
        counts.append(json.loads(out.strip().splitlines()[-1]))
    assert sum(c["sent"] for c in counts) == 90 and all(c["other"] == 0 for c in counts)
    assert sorted(webhook.contents()) == sorted(d.key for d in batch)  # each once, none twice
    assert {m.status for m in stored(app).values()} == {"sent"}


def _wait_until(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition never became true")
        time.sleep(0.05)
