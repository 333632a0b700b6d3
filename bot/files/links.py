"""Signed, expiring links to a client's file, opened through `zhangfang serve` (GET /files/{id}).

The signature is an HMAC-SHA256, with ZHANGFANG_FILES_LINK_SECRET, over the file id, the staff member the link was
made for and the expiry; the server checks it, the expiry, and that this staff member may still see the file's
client (403 otherwise — a forwarded link opens for nobody else)."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode

from bot.config import Settings


@dataclass(frozen=True)
class LinkSigner:
    secret: bytes
    base_url: str
    minutes: int

    @classmethod
    def from_settings(cls, settings: Settings) -> LinkSigner | None:
        if settings.files_link_secret is None or not settings.files_link_secret.get_secret_value():
            return None
        base = settings.files_public_url or f"http://{settings.host}:{settings.port}"
        secret = settings.files_link_secret.get_secret_value().encode()
        return cls(secret, base.rstrip("/"), settings.files_link_minutes)

    def signature(self, file_id: int, staff_id: int, expires: int) -> str:
        message = f"{file_id}.{staff_id}.{expires}".encode()
        return hmac.new(self.secret, message, hashlib.sha256).hexdigest()

    def link(self, file_id: int, staff_id: int, now: datetime) -> str:
        expires = int((now + timedelta(minutes=self.minutes)).timestamp())
        query = urlencode({"staff": staff_id, "exp": expires, "sig": self.signature(file_id, staff_id, expires)})
        return f"{self.base_url}/files/{file_id}?{query}"

    def valid(self, file_id: int, staff: str, expires: str, signature: str, now: datetime) -> int | None:
        """The staff id the link was made for, when the signature matches and it has not expired."""
        if not (staff.isdigit() and expires.isdigit()) or len(signature) != 64:
            return None
        expected = self.signature(file_id, int(staff), int(expires))
        if not hmac.compare_digest(expected, signature) or int(expires) < now.timestamp():
            return None
        return int(staff)
