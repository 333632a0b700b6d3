"""Which SQL statements a block of code runs: the tests that prove a figure was computed once, or not at all."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, event


@contextmanager
def statements_with(engine: Engine, needle: str) -> Iterator[list[str]]:
    """The statements run on `engine` inside the block whose text contains `needle` (filled as they run)."""
    seen: list[str] = []

    def note(_conn, _cursor, statement, *_rest) -> None:
        if needle in statement:
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)
