"""Keeping the boards people look at ready after the book changes.

A board page keeps its whole-firm figures until the book's token changes (bot/book_version.py); the first page
after a change computes them afresh — for the admin's 客户价值 and 服务效率 on a 10,000-client firm that is most of
the page's time. While `zhangfang serve` runs, `Warmer` reads the token every few seconds (one tiny query) and,
once it has changed and then held still for one interval (a burst of writes, an import, is waited out), answers
again the boards someone opened in the last half hour, so their figures are ready when the page is next opened.
It sees every process's writes (the token is in the database); with no recent viewer it computes nothing.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import OrderedDict

from starlette.concurrency import run_in_threadpool

from bot.book_version import token
from bot.bootstrap import App

log = logging.getLogger(__name__)
RECENT_SECONDS = 30 * 60
MAX_BOARDS = 8


class Warmer:
    def __init__(self, app: App, *, recent_seconds: float = RECENT_SECONDS, max_boards: int = MAX_BOARDS) -> None:
        self.app = app
        self.recent_seconds, self.max_boards = recent_seconds, max_boards
        self._viewed: OrderedDict[tuple[int, str], float] = OrderedDict()  # (staff id, board) → when
        self._lock = threading.Lock()
        self._seen: str | None = None  # the token at the last look
        self._warmed: str | None = None  # the token the boards were last answered for

    def viewed(self, staff_id: int, board: str) -> None:
        with self._lock:
            self._viewed.pop((staff_id, board), None)
            self._viewed[(staff_id, board)] = time.monotonic()
            while len(self._viewed) > self.max_boards:
                self._viewed.popitem(last=False)

    def recent(self) -> list[tuple[int, str]]:
        since = time.monotonic() - self.recent_seconds
        with self._lock:
            return [key for key, at in self._viewed.items() if at >= since]

    def tick(self) -> int:
        """One look at the token; answers the recent boards again when it changed and then held still. Returns
        how many boards were answered."""
        from bot.board.pages import board_views

        with self.app.session() as session:
            current = token(session)
        if current is None or current != self._seen:
            self._seen = current
            return 0
        if current == self._warmed:
            return 0
        self._warmed = current
        boards = self.recent()
        for staff_id, board in boards:
            board_views(self.app, staff_id, board)
        return len(boards)

    async def run(self, interval: float) -> None:
        """Look every `interval` seconds until cancelled (the server's lifespan)."""
        while True:
            await asyncio.sleep(interval)
            try:
                answered = await run_in_threadpool(self.tick)
            except Exception as exc:  # a locked or unreachable database: try again at the next look
                log.warning("board warm-up skipped: %s", type(exc).__name__)
                continue
            if answered:
                log.info("board figures refreshed for %d recently viewed boards", answered)


def warmer(app: App) -> Warmer:
    """The App's one Warmer (pages record what was viewed; the server runs it)."""
    return app.shared("board_warmer", lambda: Warmer(app))
