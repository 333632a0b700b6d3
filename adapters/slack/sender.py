"""Posting to Slack: the WebClient every Slack call goes through, and the Sender the outbox uses.

The client has a timeout and the SDK's retry handlers (429 honouring Retry-After, 5xx, dropped connections).
Tokens stay inside the client (its debug log redacts the Authorization header); this module never logs them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler, RetryHandler
from slack_sdk.http_retry.builtin_handlers import ServerErrorRetryHandler
from slack_sdk.webhook import WebhookClient

from adapters.slack.outbound import message
from bot.config import Settings
from bot.delivery import DeliveryError, Destination, Part
from bot.reply import Attachment, Chart, Reply
from bot.texts import t

if TYPE_CHECKING:
    from bot.bootstrap import App

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10
RETRIES = 2
PERMANENT_ERRORS = {"channel_not_found", "not_in_channel", "is_archived", "invalid_auth", "not_authed",
                    "account_inactive", "token_revoked", "user_not_found", "cannot_dm_bot", "invalid_blocks",
                    "msg_too_long", "no_text", "restricted_action", "missing_scope"}


EVENT_TYPE = "zf_outbox"  # Slack message metadata on outbox posts: {"key": the outbox key}
ANSWER_TYPE = "zf_answer"  # Slack message metadata on answers: {"key": the id of the message answered}
HISTORY_PAGES = 5  # of 200 messages, searched for an earlier post of a retried outbox message
CLOCK_SKEW_SECONDS = 300  # Slack's clock against ours, when reading the history since a message was queued
MAX_WAIT_SECONDS = 10  # a longer Retry-After is not slept through: the outbox schedules the next attempt instead


class ShortRateLimitRetryHandler(RateLimitErrorRetryHandler):
    """Retries a 429 in place only when its Retry-After is short; a longer hint reaches the outbox, which moves the
    message's next attempt at least that far (a worker never sleeps minutes inside one send)."""

    def _can_retry(self, *, state: Any, request: Any, response: Any = None, error: Any = None) -> bool:
        if response is None or response.status_code != 429:
            return False
        wait = _retry_after(response.headers)
        return wait is None or wait <= MAX_WAIT_SECONDS


def retry_handlers() -> list[RetryHandler]:
    return [ConnectionErrorRetryHandler(max_retry_count=RETRIES), ShortRateLimitRetryHandler(max_retry_count=RETRIES),
            ServerErrorRetryHandler(max_retry_count=RETRIES)]


def build_client(settings: Settings) -> WebClient:
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    base_url = settings.slack_api_base_url.rstrip("/") + "/"
    return WebClient(token=token, base_url=base_url, timeout=TIMEOUT_SECONDS, retry_handlers=retry_handlers())


def webhook_client(url: str) -> WebhookClient:
    return WebhookClient(url, timeout=TIMEOUT_SECONDS, retry_handlers=retry_handlers())


def chart_png(chart: Chart) -> bytes:
    from bot.charts import render_png

    return render_png(chart)


def upload_chart(client: WebClient, channel: str, chart: Chart, thread_ts: str | None = None) -> None:
    """The chart as a PNG in the conversation (files_upload_v2: get URL, upload, complete)."""
    client.files_upload_v2(channel=channel, content=chart_png(chart), filename="chart.png", title=chart.title,
                           thread_ts=thread_ts)


def upload_attachment(client: WebClient, channel: str, attachment: Attachment, thread_ts: str | None = None) -> None:
    """A file beside the reply (an exported workbook), through the same three steps of files_upload_v2."""
    client.files_upload_v2(channel=channel, content=attachment.content, filename=attachment.filename,
                           title=attachment.filename, thread_ts=thread_ts)


def upload_files(client: WebClient, channel: str, reply: Reply, thread_ts: str | None = None) -> None:
    """The reply's chart and its attached file, when it has them."""
    if reply.chart is not None:
        upload_chart(client, channel, reply.chart, thread_ts)
    if reply.attachment is not None:
        upload_attachment(client, channel, reply.attachment, thread_ts)


def post_reply(client: WebClient, channel: str, reply: Reply, thread_ts: str | None = None,
               answers: str | None = None) -> dict[str, Any]:
    """The reply in Block Kit (plus its chart and file, when it has them) into a channel, DM or thread; `answers`,
    the platform id of the message it answers, goes along as message metadata (ANSWER_TYPE)."""
    tag = {"metadata": {"event_type": ANSWER_TYPE, "event_payload": {"key": answers}}} if answers else {}
    response = client.chat_postMessage(channel=channel, thread_ts=thread_ts, **message(reply), **tag)
    conversation = response.get("channel") or channel
    try:
        upload_files(client, conversation, reply, thread_ts)
    except SlackApiError as exc:  # the text is out; say the file is not, rather than fail the whole answer
        log.warning("slack: file upload refused (%s)", exc.response.get("error", exc.response.status_code))
        client.chat_postMessage(channel=conversation, thread_ts=thread_ts,
                                text=t(reply.locale, "export_chat.file_not_sent"))
    return response.data if isinstance(response.data, dict) else {}


class SlackSender:
    """The outbox's Sender for Slack: users (a DM), channels, and incoming-webhook URLs."""

    platform = "slack"

    def __init__(self, settings: Settings, client: WebClient | None = None) -> None:
        self.settings = settings
        self.client = client or build_client(settings)

    def send(self, destination: Destination, reply: Reply) -> None:
        for part in self.parts(destination, reply):
            part()

    def parts(self, destination: Destination, reply: Reply) -> list[Part]:
        return self.keyed_parts(destination, reply, None, None)

    def keyed_parts(self, destination: Destination, reply: Reply, key: str | None, since: datetime | None
                    ) -> list[Part]:
        """The message, then its chart upload: two parts the outbox records one by one, so that a failed upload
        is retried alone (bot.delivery.PartedSender). A webhook takes text only: one part.

        The message carries the outbox `key` as Slack message metadata; with `since` (an earlier attempt may have
        posted it — e.g. Slack posted it but answered after our timeout) the conversation's history since then is
        searched for that key first, and a message found there is not posted again (bot.delivery.KeyedSender)."""
        if destination.kind == "webhook":
            return [lambda: self._guarded(destination, lambda: self._send_webhook(destination, reply))]
        posted: dict[str, str] = {}

        def post() -> None:
            if key and since is not None and (found := self._posted_before(destination, key, since)):
                log.info("slack: outbox message already posted by an earlier attempt; not posting it again")
                posted["channel"] = found
                return
            tag = {"metadata": {"event_type": EVENT_TYPE, "event_payload": {"key": key}}} if key else {}
            response = self.client.chat_postMessage(channel=destination.address, **message(reply), **tag)
            posted["channel"] = str(response.get("channel") or destination.address)

        parts: list[Part] = [lambda: self._guarded(destination, post)]
        chart = reply.chart
        if chart is not None:
            parts.append(lambda: self._guarded(destination, lambda: upload_chart(
                self.client, posted.get("channel") or self._channel(destination), chart)))
        return parts

    def _posted_before(self, destination: Destination, key: str, since: datetime) -> str | None:
        """The conversation where a message tagged with `key` was posted since `since`, or None. A conversation
        the bot may not read (a missing history scope) counts as not found: the message is posted (at least once)."""
        channel = self._channel(destination)
        cursor = None
        for _ in range(HISTORY_PAGES):
            try:
                page = self.client.conversations_history(
                    channel=channel, oldest=f"{since.timestamp() - CLOCK_SKEW_SECONDS:.6f}", limit=200,
                    include_all_metadata=True, cursor=cursor)
            except SlackApiError as exc:
                if str(exc.response.get("error", "")) not in PERMANENT_ERRORS:
                    raise
                log.warning("slack: cannot read the conversation to check for an earlier post (%s)",
                            exc.response.get("error"))
                return None
            if any(_tagged(found, key) for found in page.get("messages") or []):
                return channel
            cursor = (page.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                return None
        return None

    def _channel(self, destination: Destination) -> str:
        """Where a chart goes when the message went out in an earlier attempt: a user's DM is opened again."""
        if destination.kind != "user":
            return destination.address
        opened = self.client.conversations_open(users=destination.address)
        return str((opened.get("channel") or {}).get("id") or destination.address)

    def _guarded(self, destination: Destination, call: Callable[[], object]) -> None:
        try:
            call()
        except SlackApiError as exc:
            raise as_delivery_error(exc, destination) from None
        except (SlackClientError, OSError) as exc:
            raise DeliveryError(f"slack: {type(exc).__name__} sending to {destination.redacted()}") from None

    def _send_webhook(self, destination: Destination, reply: Reply) -> None:
        response = webhook_client(destination.address).send(**message(reply))
        if response.status_code != 200:
            retryable = response.status_code == 429 or response.status_code >= 500
            raise DeliveryError(f"slack webhook {destination.redacted()} answered {response.status_code}",
                                retryable=retryable, retry_after=_retry_after(response.headers))


def _tagged(posted: dict[str, Any], key: str, event_type: str = EVENT_TYPE) -> bool:
    metadata = posted.get("metadata") or {}
    return metadata.get("event_type") == event_type and (metadata.get("event_payload") or {}).get("key") == key


def answered_before(client: WebClient, channel: str, thread_ts: str | None, key: str, since: float) -> bool:
    """Whether an answer tagged with `key` is in the conversation (or thread) since `since` (epoch seconds):
    a message replayed after a crash that was in fact answered just before it. Unreadable counts as not answered."""
    try:
        if thread_ts:
            page = client.conversations_replies(channel=channel, ts=thread_ts, oldest=f"{since:.6f}", limit=200,
                                                include_all_metadata=True)
        else:
            page = client.conversations_history(channel=channel, oldest=f"{since:.6f}", limit=200,
                                                include_all_metadata=True)
    except SlackApiError as exc:
        log.warning("slack: cannot read the conversation to check for an earlier answer (%s)",
                    exc.response.get("error"))
        return False
    return any(_tagged(found, key, ANSWER_TYPE) for found in page.get("messages") or [])


def as_delivery_error(exc: SlackApiError, destination: Destination) -> DeliveryError:
    status = exc.response.status_code
    error = str(exc.response.get("error", "")) if isinstance(exc.response.data, dict) else ""
    retryable = status == 429 or status >= 500 or error not in PERMANENT_ERRORS
    text = f"slack {error or status} sending to {destination.redacted()}"
    return DeliveryError(text, retryable=retryable, retry_after=_retry_after(exc.response.headers))


def _retry_after(headers: Any) -> float | None:
    for name, value in dict(headers or {}).items():
        if name.lower() == "retry-after":
            raw = value[0] if isinstance(value, list) else value
            try:
                return float(raw)
            except (TypeError, ValueError):
                return None
    return None


def sender(app: App) -> SlackSender:
    """The outbox's entry point (bot/senders.py): the Slack Sender for this App's settings."""
    return SlackSender(app.settings)
