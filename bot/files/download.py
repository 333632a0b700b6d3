"""The port every platform's file download implements (adapters/<platform>/files.py), and the size-limited read.

A downloader turns an `Attachment` reference into bytes through the platform's own API, reading at most
`limit` + 1 bytes so that a huge file is refused without being held in memory. It runs in a worker thread (the
adapters answer off the request thread), never while the platform waits for its acknowledgement.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from bot.messages import Attachment

CHUNK = 64 * 1024


class DownloadError(Exception):
    """The platform would not give the file (the reason is for logs, never shown with a URL or token)."""


class TooLarge(DownloadError):
    """The file is larger than the limit (said by the platform, or found while reading)."""


class Downloader(Protocol):
    platform: str

    def fetch(self, attachment: Attachment, limit: int) -> bytes: ...


def read_limited(chunks: Iterable[bytes], limit: int) -> bytes:
    """Join the chunks, stopping with TooLarge as soon as more than `limit` bytes arrived."""
    parts, total = [], 0
    for chunk in chunks:
        total += len(chunk)
        if total > limit:
            raise TooLarge(f"more than {limit} bytes")
        parts.append(chunk)
    return b"".join(parts)


def declared_too_large(attachment: Attachment, limit: int) -> None:
    if attachment.size is not None and attachment.size > limit:
        raise TooLarge(f"declared {attachment.size} bytes")
