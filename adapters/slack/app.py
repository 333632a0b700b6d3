"""The slack_bolt App: HTTP mode on POST /slack/events, Socket Mode when an app-level token is set.

Bolt checks the v0 signature (HMAC-SHA256 of "v0:{timestamp}:{body}", 5-minute window) and acks at once;
the answering runs afterwards on Bolt's listener threads, never on the server's event loop. Listeners:
app mentions, direct messages (message.im), the slash command /zf, button clicks, and the App Home tab.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import time
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from slack_bolt import App as BoltApp
from slack_bolt import BoltResponse
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from slack_sdk.errors import SlackApiError, SlackClientError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from adapters.slack.inbound import PLATFORM, from_action, from_command, from_event
from adapters.slack.outbound import ACTION_PREFIX, message, to_blocks
from adapters.slack.sender import answered_before, build_client, post_reply, upload_files, webhook_client
from bot.dedup import StoreUnavailable, admit
from bot.http_body import BodyTooLarge, read_capped, too_large
from bot.inbox import mark_answered
from bot.messages import IncomingMessage
from bot.metrics import answer, count_delivery, count_error, count_request
from bot.reply import Reply

if TYPE_CHECKING:
    from bot.bootstrap import App

log = logging.getLogger(__name__)
WINDOW_SECONDS = 5 * 60
EVENTS_PATH = "/slack/events"
WORKERS = 8
MAX_BODY_BYTES = 1_000_000  # Slack's payloads are a few kilobytes


def _in_window(timestamp: str, now: float) -> bool:
    """A Slack request timestamp (seconds) within five minutes of now."""
    return timestamp.isdigit() and abs(now - int(timestamp)) <= WINDOW_SECONDS


def _signed(secret: bytes, body: bytes, timestamp: str, signature: str) -> bool:
    """The v0 signature, over the raw bytes (a body that is not UTF-8 simply does not match)."""
    digest = hmac.new(secret, b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256).hexdigest()
    return bool(secret) and hmac.compare_digest(f"v0={digest}".encode(), signature.encode("utf-8", "replace"))


_OBJECTS = ("event", "team", "user", "channel", "container", "message", "view", "enterprise", "state")
_STRINGS = ("type", "team_id", "api_app_id", "event_id", "token", "user_id", "channel_id", "command", "text",
            "trigger_id", "response_url", "enterprise_id", "challenge")


def _well_formed(body: Any) -> bool:
    """The top-level shapes Bolt relies on (it raises on, e.g., an `event` that is a string: found by fuzzing)."""
    if not isinstance(body, dict):
        return False
    if any(key in body and not isinstance(body[key], dict | None) for key in _OBJECTS):
        return False
    if "event" in body and not isinstance(body["event"], dict):  # Slack never sends `"event": null`; Bolt trips on it
        return False
    if any(key in body and not isinstance(body[key], str | None) for key in _STRINGS):
        return False
    for key in ("actions", "authorizations"):
        if key in body and not (isinstance(body[key], list) and all(isinstance(i, dict) for i in body[key])):
            return False
    event = body.get("event") or {}
    return all(not (key in event and not isinstance(event[key], str | None))
               for key in ("type", "subtype", "channel_type", "user", "channel", "ts", "thread_ts", "bot_id"))


def _key(body: dict[str, Any]) -> str | None:
    """What a delivery is recorded under: the event id, or a command's or click's trigger id."""
    return body.get("event_id") or body.get("trigger_id")


def _bolt_logger() -> logging.Logger:
    """Bolt logs a refused request's body at INFO (which may hold the legacy verification token): warnings only."""
    logger = logging.getLogger("zhangfang.slack.bolt")
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.WARNING)
    return logger


class SlackAdapter:
    """One per App: the Bolt app, its WebClient and the worker threads that answer."""

    def __init__(self, app: App) -> None:
        settings = app.settings
        self.app = app
        self.client = build_client(settings)
        self.executor = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="slack-answer")
        secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else ""
        self.bolt = BoltApp(
            client=self.client,
            signing_secret=secret,
            request_verification_enabled=bool(secret),
            token_verification_enabled=False,  # no network at start-up; auth.test runs on the first event
            listener_executor=self.executor,
            logger=_bolt_logger(),
        )
        self.secret = secret.encode()
        self._socket: Any = None
        self._register()

    def _register(self) -> None:
        bolt = self.bolt
        bolt.middleware(self._once)
        bolt.event("app_mention")(self._on_mention)
        bolt.event("message")(self._on_message)
        bolt.event("app_home_opened")(self._on_home)
        bolt.command("/zf")(self._on_command)
        bolt.action(re.compile(f"^{ACTION_PREFIX}"))(self._on_action)

    # -- HTTP and Socket Mode ------------------------------------------------------------------------
    async def handle_http(self, request: Request) -> Response:
        """POST /slack/events: checked before Bolt sees it, dispatched off the event loop.

        Refused with a bare 401 before the body is read when the signature headers are missing or the timestamp
        is outside Slack's 5-minute window; 413 as soon as the body passes MAX_BODY_BYTES (streamed, Content-Length
        or not); 401 when the v0 signature does not match — so an unsigned body, JSON or not, is never parsed."""
        timestamp = request.headers.get("x-slack-request-timestamp", "")
        signature = request.headers.get("x-slack-signature", "")
        if not (signature and _in_window(timestamp, time.time())):
            return self._refused(401)
        try:
            body = await read_capped(request, MAX_BODY_BYTES)
        except BodyTooLarge:
            return self._refused(413)
        if not _signed(self.secret, body, timestamp, signature):
            return self._refused(401)
        try:
            bolt_request = to_bolt_request(request, body)
        except Exception:  # Bolt parsing a signed body that is not JSON, too deep, not an object …: a bad body
            return self._refused(400)
        if not _well_formed(bolt_request.body):
            return self._refused(400)
        bolt_response = await run_in_threadpool(self.bolt.dispatch, bolt_request)
        if bolt_response.status == 401:
            return self._refused(401)
        return to_starlette_response(bolt_response)

    def _refused(self, status: int) -> Response:
        count_request(self.app, PLATFORM, "rejected")
        return too_large() if status == 413 else Response(status_code=status)

    def run_socket_mode(self) -> None:
        """Connect over Socket Mode and keep the connection (runs in a background thread)."""
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        token = self.app.settings.slack_app_token
        assert token is not None
        self._socket = SocketModeHandler(self.bolt, token.get_secret_value(), web_client=self.client)
        self._socket.connect()

    def close(self) -> None:
        """Stop Socket Mode and wait for the answers still being written."""
        if self._socket is not None:
            self._socket.close()
        self.executor.shutdown(wait=True)

    # -- listeners (Bolt passes arguments by name) ---------------------------------------------------
    def _once(self, body: dict[str, Any], next: Any, context: Any = None) -> BoltResponse | None:
        """Retried deliveries (same event_id, X-Slack-Retry-Num) and repeated clicks are processed once. The
        question is recorded before Slack's ack, so that a crash before the answer does not lose it (bot/inbox.py)."""
        try:
            fresh = admit(self.app, PLATFORM, _key(body), self._question(body, context))
        except StoreUnavailable as exc:  # Slack retries a 5xx: the event comes back when the database does
            log.warning("slack event not taken: database %s", exc.kind)
            return BoltResponse(status=503, body="", headers={"Retry-After": str(exc.retry_after)})
        if not fresh:
            return BoltResponse(status=200, body="")
        return next()

    def _question(self, body: dict[str, Any], context: Any) -> IncomingMessage | None:
        """The message an event, command or click asks to answer; None for anything else (edits, joins, home)."""
        event = body.get("event") or {}
        if event.get("type") == "app_mention" or (event.get("type") == "message" and self._heard(event, context)):
            return from_event(event, body.get("event_id"))
        if body.get("command"):
            return from_command(body)
        if body.get("type") == "block_actions" and body.get("trigger_id"):
            return from_action(body)
        return None

    def _heard(self, event: dict[str, Any], context: Any) -> bool:
        if event.get("subtype") not in (None, "file_share") or event.get("bot_id"):
            return False  # edits, joins and bot posts are not questions
        # channel chatter: only a client's message in a channel bound to a client is heard
        return event.get("channel_type") == "im" or self._client_channel_message(event, context)

    def _on_mention(self, event: dict[str, Any], body: dict[str, Any]) -> None:
        incoming = from_event(event, body.get("event_id"))
        self._post(incoming, self._answer(incoming), _key(body))

    def _on_message(self, event: dict[str, Any], body: dict[str, Any], context: Any = None) -> None:
        if not self._heard(event, context):
            return
        incoming = from_event(event, body.get("event_id"))
        self._post(incoming, self._answer(incoming), _key(body))

    def _client_channel_message(self, event: dict[str, Any], context: Any) -> bool:
        """A message in a shared (Slack Connect) channel bound to a client, from someone who is not staff, that
        does not mention the bot (app_mention answers those)."""
        bot_user = getattr(context, "bot_user_id", None) if context is not None else None
        if bot_user and f"<@{bot_user}" in (event.get("text") or ""):
            return False
        from bot.clients.who import speaks_for_client

        return speaks_for_client(self.app, PLATFORM, event.get("channel", ""), event.get("user", ""))

    def _on_command(self, ack: Any, command: dict[str, Any]) -> None:
        ack()
        incoming = from_command(command)
        self._respond(incoming, self._answer(incoming), _key(command))

    def _on_action(self, ack: Any, body: dict[str, Any]) -> None:
        ack()
        self._reply(from_action(body), _key(body))

    def replay(self, incoming: IncomingMessage, since: float) -> None:
        """A message accepted before a crash and not marked answered (bot/inbox.py): answered as it would have been
        — unless its answer is in the conversation already (posted just before the crash, the mark not written)."""
        if incoming.message_id and incoming.chat_id and answered_before(
                self.client, incoming.chat_id, incoming.thread_id, incoming.message_id, since):
            log.info("slack: a replayed message was answered before the crash; not answering it again")
            return
        self._reply(incoming, None)

    def _reply(self, incoming: IncomingMessage, key: str | None) -> None:
        reply = self._answer(incoming)
        if incoming.action is not None and not incoming.extras.get("ephemeral") and incoming.chat_id:
            self._post(incoming, reply, key)  # a click on a reply everyone sees
        elif incoming.extras.get("response_url") or incoming.action is not None:
            self._respond(incoming, reply, key)  # a slash command, a click on a reply only the asker sees
        else:
            self._post(incoming, reply, key)

    def _on_home(self, event: dict[str, Any]) -> None:
        user = event.get("user", "")
        if event.get("tab") not in (None, "home") or not user:
            return
        reply = self._answer(IncomingMessage(platform=PLATFORM, chat_id="", sender_id=user, text="帮助"))
        self._deliver(lambda: self.client.views_publish(user_id=user,
                                                        view={"type": "home", "blocks": to_blocks(reply)}))

    # -- answering and delivering -------------------------------------------------------------------
    def _answer(self, incoming: IncomingMessage) -> Reply:
        return answer(self.app, incoming)

    def _post(self, incoming: IncomingMessage, reply: Reply, key: str | None = None) -> None:
        self._deliver(lambda: post_reply(self.client, incoming.chat_id, reply, incoming.thread_id,
                                         incoming.message_id), key)

    def _respond(self, incoming: IncomingMessage, reply: Reply, key: str | None = None) -> None:
        """Through the response_url: only the asker sees it (a slash command, a click on such a reply)."""
        url = incoming.extras.get("response_url")
        if not url:
            self._post(incoming, reply, key)
            return

        def send() -> None:
            response = webhook_client(url).send(response_type="ephemeral", replace_original=False, **message(reply))
            if response.status_code != 200:
                raise SlackClientError(f"response_url answered {response.status_code}")
            if incoming.chat_id:  # a response_url carries no files: the chart or workbook goes to the conversation
                upload_files(self.client, incoming.chat_id, reply, incoming.thread_id)

        self._deliver(send, key)

    def _deliver(self, send: Any, key: str | None = None) -> None:
        """Send, count, and mark the message `key` answered once Slack has the reply."""
        try:
            send()
        except (SlackApiError, SlackClientError, OSError) as exc:
            count_delivery(self.app, PLATFORM, ok=False)
            count_error(self.app, PLATFORM, "delivery")
            log.warning("slack delivery failed: %s", type(exc).__name__)
            return
        count_delivery(self.app, PLATFORM, ok=True)
        mark_answered(self.app, PLATFORM, key)
