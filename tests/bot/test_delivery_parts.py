"""A message in parts goes out part by part, each once (issue 9, item 8), and the outbox honours what the platform
says about retrying (item 10): a 429's Retry-After moves the next attempt, a permanent error fails at once.

Real senders (Slack's WebClient, WeCom's wechatpy client) talk HTTP to the local fakes; the outbox is a real
database; the clock is moved by hand."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import select

from adapters.slack.sender import SlackSender
from adapters.wecom.sender import WeComSender
from bot.bootstrap import App
from bot.config import load_settings
from bot.delivery import Destination
from bot.jobs.draft import Draft
from bot.models import OutboxMessage
from bot.outbox import enqueue
from bot.pacing import Backoff
from bot.reply import Chart, Reply
from bot.senders import SenderRegistry
from bot.sending import OutboxSender
from tests.bot.outbox_support import MONDAY_MORNING, TestClock
from tests.fakes.slack_api import FakeSlackApi, rate_limited, server_error
from tests.fakes.wecom_api import FakeWeCom

TOKEN = "xoxb-parts-token"
DIGEST = Reply(intent="digest", title="每日简报", text="早上好，今天有 3 家客户逾期。",
               chart=Chart(title="近12个月回款", labels=["10月", "11月"], series={"回款": [1200.0, 3400.5]}))


@pytest.fixture
def slack() -> Iterator[FakeSlackApi]:
    with FakeSlackApi(token=TOKEN) as server:
        yield server


def _slack_worker(app: App, slack: FakeSlackApi) -> OutboxSender:
    settings = load_settings(_env_file=None, slack_bot_token=TOKEN, slack_api_base_url=slack.api_url)
    registry = SenderRegistry(app, {"slack": SlackSender(settings)})
    return OutboxSender(app, registry, backoff=Backoff(base_seconds=30, max_seconds=3600, rng=random.Random(3)))


def _queue(app: App, destination: Destination, reply: Reply = DIGEST, key: str = "digest:U0BOSS:2026-11-23") -> None:
    enqueue(app, [Draft(key=key, kind="digest", destination=destination, recipient="经理", reply=reply)],
            MONDAY_MORNING)


def _stored(app: App) -> OutboxMessage:
    with app.session() as session:
        [message] = session.execute(select(OutboxMessage)).scalars().all()
        return message


def _delivered(slack: FakeSlackApi, method: str) -> int:
    return sum(1 for call in slack.calls(method) if not call.params.get("_failed"))


@pytest.mark.parametrize("kind", ["user", "chat"])
def test_a_failed_chart_upload_is_retried_alone_the_text_goes_out_once(app: App, slack: FakeSlackApi,
                                                                      kind: str) -> None:
    address = "U0BOSS" if kind == "user" else "C0MANAGERS"
    _queue(app, Destination(platform="slack", kind=kind, address=address))
    slack.fail("files.getUploadURLExternal", server_error(), server_error(), server_error())  # the SDK retries twice
    clock = TestClock()
    first = _slack_worker(app, slack).drain(clock)
    assert [o.status for o in first.outcomes] == ["retrying"]
    assert (_stored(app).parts_done, _stored(app).status) == (1, "pending")
    second = _slack_worker(app, slack).drain(clock.to(_stored(app).next_attempt_at))
    assert [o.status for o in second.outcomes] == ["sent"]
    assert _delivered(slack, "chat.postMessage") == 1  # the manager reads the digest text exactly once
    assert _delivered(slack, "files.completeUploadExternal") == 1  # and gets the chart once
    [done] = [c for c in slack.calls("files.completeUploadExternal") if not c.params.get("_failed")]
    assert done.params["channel_id"] == ("D0BOSS" if kind == "user" else "C0MANAGERS")  # the DM, opened again
    stored = _stored(app)
    assert (stored.status, stored.parts_done, stored.attempts) == ("sent", 2, 2)


def test_a_message_without_a_chart_is_one_part(app: App, slack: FakeSlackApi) -> None:
    _queue(app, Destination(platform="slack", kind="chat", address="C0TEAM"), DIGEST.model_copy(update={"chart": None}))
    assert [o.status for o in _slack_worker(app, slack).drain(TestClock()).outcomes] == ["sent"]
    assert (_stored(app).parts_done, _delivered(slack, "chat.postMessage")) == (1, 1)


# -- item 10: Retry-After and permanent errors reach the outbox --------------------------------------------------

def test_a_429_with_retry_after_120_moves_the_next_attempt_at_least_120_seconds(app: App,
                                                                                 slack: FakeSlackApi) -> None:
    _queue(app, Destination(platform="slack", kind="chat", address="C0TEAM"))
    slack.fail("chat.postMessage", rate_limited(retry_after=120))
    clock = TestClock()
    report = _slack_worker(app, slack).drain(clock)
    assert [o.status for o in report.outcomes] == ["retrying"]
    assert len(slack.calls("chat.postMessage")) == 1  # not slept through inside the send
    stored = _stored(app)
    assert stored.next_attempt_at - MONDAY_MORNING >= timedelta(seconds=120)
    assert _slack_worker(app, slack).drain(clock.advance(seconds=119)).outcomes == []  # not yet
    later = _slack_worker(app, slack).drain(clock.to(stored.next_attempt_at))
    assert [o.status for o in later.outcomes] == ["sent"]


def test_a_permanent_slack_error_fails_after_one_attempt(app: App, slack: FakeSlackApi) -> None:
    from tests.fakes.scripted_server import Scripted

    _queue(app, Destination(platform="slack", kind="chat", address="C0GONE"))
    slack.fail("chat.postMessage", Scripted(body={"ok": False, "error": "channel_not_found"}))
    report = _slack_worker(app, slack).drain(TestClock())
    assert [o.status for o in report.outcomes] == ["failed"]
    stored = _stored(app)
    assert (stored.status, stored.attempts) == ("failed", 1)
    assert "channel_not_found" in (stored.last_error or "")


def test_an_unknown_wecom_user_fails_after_one_attempt(app: App) -> None:
    with FakeWeCom(visible_users={"zhangsan"}) as wecom:
        settings = load_settings(_env_file=None, wecom_corp_id=wecom.corp_id, wecom_secret=wecom.secret,
                                 wecom_agent_id=wecom.agent_id, wecom_api_base_url=wecom.api_base)
        registry = SenderRegistry(app, {"wecom": WeComSender(settings)})
        _queue(app, Destination(platform="wecom", kind="user", address="nobody"), DIGEST.model_copy(
            update={"chart": None}))
        report = OutboxSender(app, registry).drain(TestClock())
    assert [o.status for o in report.outcomes] == ["failed"]
    assert (_stored(app).status, _stored(app).attempts) == ("failed", 1)


# -- a post Slack made but answered after the sender's timeout is not made again ----------------------------------

@pytest.mark.parametrize("kind", ["user", "chat"])
def test_a_post_answered_after_the_timeout_is_not_posted_again(app: App, slack: FakeSlackApi, kind: str) -> None:
    address = "U0BOSS" if kind == "user" else "C0MANAGERS"
    _queue(app, Destination(platform="slack", kind=kind, address=address))
    slack.answer_late("chat.postMessage", 3.0)  # posted at once, answered after the client gave up
    worker = _slack_worker(app, slack)
    worker.senders.get("slack").client.timeout = 1  # type: ignore[attr-defined]
    clock = TestClock()
    first = worker.drain(clock)
    assert [o.status for o in first.outcomes] == ["retrying"]
    assert (_stored(app).parts_done, _delivered(slack, "chat.postMessage")) == (0, 1)  # we could not know
    second = _slack_worker(app, slack).drain(clock.to(_stored(app).next_attempt_at))
    assert [o.status for o in second.outcomes] == ["sent"]
    assert _delivered(slack, "chat.postMessage") == 1  # the manager reads the digest once
    assert _delivered(slack, "files.completeUploadExternal") == 1  # and its chart, in the same conversation
    [chart] = [c for c in slack.calls("files.completeUploadExternal") if not c.params.get("_failed")]
    assert chart.params["channel_id"] == ("D0BOSS" if kind == "user" else "C0MANAGERS")
    [post] = [c for c in slack.calls("chat.postMessage") if not c.params.get("_failed")]
    assert post.params["metadata"] == {"event_type": "zf_outbox", "event_payload": {"key": "digest:U0BOSS:2026-11-23"}}
    assert (_stored(app).status, _stored(app).parts_done) == ("sent", 2)


def test_another_outbox_post_in_the_conversation_does_not_count_as_this_one(app: App, slack: FakeSlackApi) -> None:
    _queue(app, Destination(platform="slack", kind="chat", address="C0TEAM"), key="digest:second")
    clock = TestClock()
    assert [o.status for o in _slack_worker(app, slack).drain(clock).outcomes] == ["sent"]
    _queue(app, Destination(platform="slack", kind="chat", address="C0TEAM"), key="digest:first")
    slack.fail("chat.postMessage", server_error(), server_error(), server_error())  # not posted this time
    assert [o.status for o in _slack_worker(app, slack).drain(clock.advance(minutes=5)).outcomes] == ["retrying"]
    with app.session() as session:
        due = max(m.next_attempt_at for m in session.execute(select(OutboxMessage)).scalars())
    assert [o.status for o in _slack_worker(app, slack).drain(clock.to(due)).outcomes] == ["sent"]
    keys = [c.params["metadata"]["event_payload"]["key"] for c in slack.calls("chat.postMessage")
            if not c.params.get("_failed")]
    assert sorted(keys) == ["digest:first", "digest:second"]  # the retry looked for its own key, found none, posted
    assert len(slack.calls("conversations.history")) == 1
