"""Accepted Slack messages survive kill -9 (bot/inbox.py): a message Slack got its 200 for but that was never
answered is answered once by the next start against the same database; an answered or old one is not."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update
from starlette.testclient import TestClient

from adapters.slack.inbound import from_event
from bot.bootstrap import App, bootstrap
from bot.dedup import admit
from bot.models import ProcessedEvent
from bot.server import create_app
from domain.types import utcnow
from tests.adapters.slack.conftest import direct, post_event
from tests.fakes.slack_api import FakeSlackApi, server_error
from tests.small_firm import DUPING_SLACK, WANGFANG_SLACK, SmallFirm

QUESTION = "哪些客户逾期未付款"


def _restart(app: App) -> App:
    """A new process's App on the same database (the old one died without answering)."""
    return bootstrap(app.settings, engine=app.engine, clock=app.clock)


def _crashed_after_ack(app: App, event_id: str, channel: str, user: str = DUPING_SLACK) -> None:
    """What the server had done when it was killed: the event recorded and acked, the answer not yet sent."""
    event = direct(user, QUESTION, channel=channel)
    assert admit(app, "slack", event_id, from_event(event, event_id))


def _posts_to(slack_api: FakeSlackApi, channel: str) -> int:
    return sum(1 for call in slack_api.calls("chat.postMessage")
               if call.params.get("channel") == channel and "_failed" not in call.params)


def test_an_unanswered_message_is_answered_once_after_a_restart(slack_app: App, slack_api: FakeSlackApi,
                                                                firm: SmallFirm) -> None:
    _crashed_after_ack(slack_app, "EvLost", "D0LOST")
    with TestClient(create_app(_restart(slack_app))):
        pass
    assert _posts_to(slack_api, "D0LOST") == 1
    [post] = [call for call in slack_api.calls("chat.postMessage") if call.params.get("channel") == "D0LOST"]
    assert sum(name in post.block_text() for name in firm.duping_clients) == 10  # the asker's own answer
    with TestClient(create_app(_restart(slack_app))):  # and never again
        pass
    assert _posts_to(slack_api, "D0LOST") == 1


def test_an_answered_or_old_message_is_not_replayed(slack_app: App, slack_api: FakeSlackApi,
                                                    firm: SmallFirm) -> None:
    with TestClient(create_app(slack_app)) as client:
        assert post_event(client, direct(WANGFANG_SLACK, QUESTION, channel="D0DONE"), "EvDone") == 200
    assert _posts_to(slack_api, "D0DONE") == 1
    _crashed_after_ack(slack_app, "EvOld", "D0OLD")
    minutes = slack_app.settings.inbox_replay_minutes
    with slack_app.session() as session:
        session.execute(update(ProcessedEvent).where(ProcessedEvent.event_id == "EvOld")
                        .values(received_at=utcnow() - timedelta(minutes=minutes + 1)))
    with TestClient(create_app(_restart(slack_app))):
        pass
    assert _posts_to(slack_api, "D0DONE") == 1
    assert _posts_to(slack_api, "D0OLD") == 0
    with slack_app.session() as session:
        done = session.execute(select(ProcessedEvent.payload, ProcessedEvent.answered_at)
                               .where(ProcessedEvent.event_id == "EvDone")).one()
    assert done.payload is None and done.answered_at is not None


def test_the_live_path_records_the_message_before_the_answer(slack_app: App, slack_api: FakeSlackApi,
                                                             firm: SmallFirm) -> None:
    """Through the real endpoint: Slack refuses every try of the answer, so it is still owed at the next start."""
    slack_api.fail("chat.postMessage", server_error(), server_error(), server_error())
    with TestClient(create_app(slack_app)) as client:
        assert post_event(client, direct(DUPING_SLACK, QUESTION, channel="D0FAIL"), "EvFail") == 200
    assert _posts_to(slack_api, "D0FAIL") == 0
    with TestClient(create_app(_restart(slack_app))):
        pass
    assert _posts_to(slack_api, "D0FAIL") == 1


def test_two_starts_at_once_replay_a_message_once(slack_app: App, slack_api: FakeSlackApi, firm: SmallFirm) -> None:
    """Both processes see the message unanswered; the conditional UPDATE gives it to one of them."""
    from bot.inbox import claim, unanswered

    _crashed_after_ack(slack_app, "EvBoth", "D0BOTH")
    other = _restart(slack_app)
    [(row_id, platform, _)] = unanswered(slack_app)
    assert [row[0] for row in unanswered(other)] == [row_id] and platform == "slack"
    assert claim(slack_app, row_id) and not claim(other, row_id)
    assert unanswered(other) == []


def test_an_answer_posted_just_before_the_crash_is_not_posted_again(slack_app: App, slack_api: FakeSlackApi,
                                                                    firm: SmallFirm) -> None:
    """Killed after Slack took the answer but before the answered mark was written: the replay finds the answer
    (tagged with the message's id) in the conversation and does not post it twice."""
    from adapters.slack import adapter
    from adapters.slack.sender import post_reply
    from bot.metrics import answer

    _crashed_after_ack(slack_app, "EvPosted", "D0POSTED")
    incoming = from_event(direct(DUPING_SLACK, QUESTION, channel="D0POSTED"), "EvPosted")
    post_reply(adapter(slack_app).client, "D0POSTED", answer(slack_app, incoming), None, "EvPosted")
    assert _posts_to(slack_api, "D0POSTED") == 1
    with TestClient(create_app(_restart(slack_app))):
        pass
    assert _posts_to(slack_api, "D0POSTED") == 1
