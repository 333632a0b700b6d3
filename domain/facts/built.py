"""Statements built once and reused: building a SQLAlchemy select costs about a millisecond (column proxies,
coercions, a CTE's collections), as much as the query it describes when the answer is a few aggregates.

    stmt = STATEMENTS.get(("aging", today, exact, viewer, filter_key(clients)), lambda: build(...))

The key must name everything the statement is built from — the day included, since dates are written into it as
bound values — so that a reused statement is exactly the one that would have been built. Statements are immutable
once built and safe to execute from several sessions and threads; SQLAlchemy then also finds its compiled form
(the engine's compiled cache) without generating the cache key of a fresh object again.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from threading import Lock
from typing import TypeVar

from domain.queries import ClientFilter

T = TypeVar("T")


class StatementCache:
    """A bounded map key → built statement (emptied when full: the keys are a few dozen question shapes a day)."""

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._built: dict[Hashable, object] = {}
        self._lock = Lock()

    def get(self, key: Hashable, build: Callable[[], T]) -> T:
        found = self._built.get(key)
        if found is None:
            found = build()
            with self._lock:
                if len(self._built) >= self.size:
                    self._built.clear()
                self._built[key] = found
        return found  # type: ignore[return-value]


STATEMENTS = StatementCache()


def filter_key(clients: ClientFilter | None) -> str | None:
    """A question's client filter as part of a key."""
    if clients is None:
        return None
    return clients.model_dump_json(exclude_defaults=True)
