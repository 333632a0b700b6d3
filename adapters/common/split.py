"""Cut a long message into pieces a platform accepts, at line boundaries, measured in UTF-8 bytes."""

from __future__ import annotations


def utf8_size(text: str) -> int:
    return len(text.encode("utf-8"))


def split_by_bytes(text: str, limit: int) -> list[str]:
    """Pieces of at most `limit` UTF-8 bytes, each made of whole lines; a single line longer than
    `limit` is cut between characters. Joining the pieces with newlines gives back the lines."""
    if limit < 4:
        raise ValueError("limit must hold at least one character")
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for line in text.split("\n"):
        for part in _cut_line(line, limit):
            added = utf8_size(part) + (1 if current else 0)
            if current and size + added > limit:
                pieces.append("\n".join(current))
                current, size = [], 0
                added = utf8_size(part)
            current.append(part)
            size += added
    if current:
        pieces.append("\n".join(current))
    return [p.strip("\n") for p in pieces if p.strip()] or [""]


def _cut_line(line: str, limit: int) -> list[str]:
    if utf8_size(line) <= limit:
        return [line]
    parts: list[str] = []
    current, size = "", 0
    for char in line:
        width = utf8_size(char)
        if size + width > limit:
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    if current:
        parts.append(current)
    return parts
