"""Slack: app mentions, direct messages, /zf and buttons (slack_bolt), Block Kit replies, chart uploads.

The server calls `routes(app)` (POST /slack/events when a signing secret is set), `background(app)` (Socket
Mode when an app-level token is set) and `shutdown(app)`; the outbox gets its Sender from `sender(app)`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from starlette.routing import BaseRoute

    from adapters.slack.app import SlackAdapter
    from adapters.slack.sender import SlackSender
    from bot.bootstrap import App
    from bot.messages import IncomingMessage


def adapter(app: App) -> SlackAdapter:
    """The App's one SlackAdapter, built on first use."""
    from adapters.slack.app import SlackAdapter

    return app.shared("slack", lambda: SlackAdapter(app))


def routes(app: App) -> list[BaseRoute]:
    from starlette.routing import Route

    from adapters.slack.app import EVENTS_PATH

    if not app.settings.slack_signing_secret:
        return []
    return [Route(EVENTS_PATH, adapter(app).handle_http, methods=["POST"], name="slack_events")]


def background(app: App) -> list[Callable[[], None]]:
    return [adapter(app).run_socket_mode] if app.settings.slack_app_token else []


def shutdown(app: App) -> None:
    found = app.extras.pop("slack", None)
    if found is not None:
        found.close()


def replay(app: App, incoming: IncomingMessage) -> None:
    """Answer a message accepted before a crash and never answered (bot/inbox.py)."""
    import time

    from bot.inbox import REPLAY_LOOKBACK_SECONDS

    adapter(app).replay(incoming, time.time() - 60 * app.settings.inbox_replay_minutes - REPLAY_LOOKBACK_SECONDS)


def sender(app: App) -> SlackSender:
    from adapters.slack.sender import sender as build

    return build(app)
