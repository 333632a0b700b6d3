"""Outbound HTTP for the requests-based platform clients (wechatpy, DingTalk webhooks and OpenAPI).

One `requests.Session` per client with: a default timeout on every call (the SDKs leave some calls without
one), a few retries with exponential backoff on 429/5xx honouring `Retry-After` (a longer hint than
`max_wait` is not slept through: the response is returned and the caller raises a retryable
DeliveryError carrying the hint), connection retries, and log records that never show tokens, webhook
keys, signatures or tickets (they travel in query strings, which urllib3 logs at DEBUG).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from bot.delivery import DeliveryError

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_SECRET_PARAMS = re.compile(
    r"((?:access_token|corpsecret|key|sign|session|ticket|clientSecret|appSecret)=)[^&\s\"']+", re.IGNORECASE
)
# Filters apply only to records made on the logger they are attached to, so these are exact names.
_NOISY_LOGGERS = ("urllib3.connectionpool", "websockets.client", "dingtalk_stream.client", "dingtalk_stream.handler")

log = logging.getLogger(__name__)


def redact(text: str) -> str:
    """`text` with the values of secret-bearing query parameters replaced by ***."""
    return _SECRET_PARAMS.sub(r"\1***", text)


def safe_url(url: str) -> str:
    """Scheme, host and path only: what may appear in a log line."""
    return url.split("?", 1)[0]


class RedactSecrets(logging.Filter):
    """Rewrites a record's message with `redact` before any handler formats it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def install_log_redaction(*names: str) -> None:
    """Attach the redacting filter to the loggers that may print request URLs or frames (idempotent)."""
    for name in (*_NOISY_LOGGERS, *names):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactSecrets) for f in logger.filters):
            logger.addFilter(RedactSecrets())


def retry_after_seconds(response: requests.Response) -> float | None:
    """The Retry-After header as seconds (delta-seconds or an HTTP date), or None."""
    value = response.headers.get("Retry-After")
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())


class RetryingAdapter(HTTPAdapter):
    """Adds a default timeout and re-sends on 429/5xx (at most `attempts` tries, waits capped by `max_wait`)."""

    def __init__(self, *, timeout: float = 10.0, attempts: int = 3, backoff: float = 0.5, max_wait: float = 10.0,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        # connection failures are retried (nothing was sent); a read timeout is not (the message may be posted)
        super().__init__(max_retries=Retry(total=None, connect=2, read=False, redirect=0, status=0, other=False,
                                           backoff_factor=backoff))
        self.timeout, self.attempts, self.backoff = timeout, attempts, backoff
        self.max_wait, self.sleep = max_wait, sleep

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout
        attempt = 1
        while True:
            response = super().send(request, **kwargs)
            wait = self.wait_before_retry(response, attempt)
            if wait is None:
                return response
            log.warning("%s %s answered %s; retrying in %.1f s", request.method, safe_url(request.url or ""),
                        response.status_code, wait)
            response.close()
            self.sleep(wait)
            attempt += 1

    def wait_before_retry(self, response: requests.Response, attempt: int) -> float | None:
        if response.status_code not in RETRY_STATUSES or attempt >= self.attempts:
            return None
        hinted = retry_after_seconds(response)
        wait = hinted if hinted is not None else self.backoff * 2 ** (attempt - 1)
        return wait if wait <= self.max_wait else None


def http_session(*, timeout: float = 10.0, attempts: int = 3, max_wait: float = 10.0) -> requests.Session:
    """A session whose every request has a timeout and the retry policy above."""
    install_log_redaction()
    session = requests.Session()
    adapter = RetryingAdapter(timeout=timeout, attempts=attempts, max_wait=max_wait)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def delivery_error(response: requests.Response | None, what: str) -> DeliveryError:
    """A DeliveryError for a failed HTTP answer: retryable for 429/5xx (with the Retry-After hint)."""
    if response is None:
        return DeliveryError(f"{what}: no response", retryable=True)
    status = response.status_code
    return DeliveryError(f"{what}: HTTP {status}", retryable=status in RETRY_STATUSES,
                         retry_after=retry_after_seconds(response))


def post_json(session: requests.Session, url: str, payload: dict[str, Any], what: str,
              headers: dict[str, str] | None = None) -> dict[str, Any]:
    """POST a JSON body; the decoded JSON answer, or DeliveryError (network failures are retryable)."""
    try:
        response = session.post(url, json=payload, headers=headers)
    except requests.RequestException as exc:
        raise DeliveryError(f"{what}: {type(exc).__name__}", retryable=True) from None
    if response.status_code >= 400:
        raise delivery_error(response, what)
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}
