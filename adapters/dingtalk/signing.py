"""DingTalk's HmacSHA256 signatures: the bot callback check (HTTP mode) and signed custom-robot URLs.

Both sign `timestamp + "\\n" + secret` with the secret as the key and Base64 the digest; the timestamp is
in milliseconds and must be within one hour of now. The callback carries them in the `timestamp` and
`sign` headers; a robot URL carries them as query parameters (the sign URL-encoded).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from urllib.parse import quote_plus

WINDOW_MS = 60 * 60 * 1000


def now_ms() -> int:
    return int(time.time() * 1000)


def sign(timestamp: str | int, secret: str) -> str:
    """base64(HmacSHA256(key=secret, message=timestamp + "\\n" + secret))."""
    message = f"{timestamp}\n{secret}".encode()
    return base64.b64encode(hmac.new(secret.encode("utf-8"), message, hashlib.sha256).digest()).decode("ascii")


def valid_callback(timestamp: str | None, signature: str | None, secret: str, *, now: int | None = None) -> bool:
    """True when `signature` is the sign of `timestamp` and the timestamp is within the hour."""
    if not timestamp or not signature or not timestamp.isdigit():
        return False
    current = now_ms() if now is None else now
    if abs(current - int(timestamp)) > WINDOW_MS:
        return False
    return hmac.compare_digest(sign(timestamp, secret), signature)


def signed_robot_url(webhook_url: str, secret: str, *, now: int | None = None) -> str:
    """A custom robot's webhook URL with &timestamp=…&sign=… appended (robots with 加签 security)."""
    timestamp = now_ms() if now is None else now
    joiner = "&" if "?" in webhook_url else "?"
    return f"{webhook_url}{joiner}timestamp={timestamp}&sign={quote_plus(sign(timestamp, secret))}"
