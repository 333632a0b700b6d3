"""The board warmer (bot/board/warm.py): after the book changes and holds still, the boards someone viewed lately
are answered again, so the next page finds its whole-firm figures ready; nothing is computed for nobody."""

from __future__ import annotations

import asyncio

from sqlalchemy import text

from bot.board.pages import board_page
from bot.board.warm import Warmer
from bot.bootstrap import App
from domain.models import Role
from tests.bot.board.conftest import staff_of
from tests.statements import statements_with


def _change(app: App) -> None:
    with app.engine.begin() as conn:
        conn.execute(text("UPDATE invoice SET disputed = disputed WHERE id = (SELECT min(id) FROM invoice)"))


def test_a_viewed_board_is_ready_after_the_book_changes_and_holds_still(firm: App) -> None:
    admin = staff_of(firm, Role.admin).id
    warmer = Warmer(firm)
    assert board_page(firm, admin, "value")
    warmer.viewed(admin, "value")
    warmer.tick()
    _change(firm)
    assert warmer.tick() == 0  # changed since the last look: wait until it holds still
    _change(firm)
    assert warmer.tick() == 0  # still changing (a burst of writes)
    with statements_with(firm.engine, "h_late") as statements:
        assert warmer.tick() == 1  # held still: the board is answered again
        assert len(statements) == 1
        assert warmer.tick() == 0  # and only once per change
        assert board_page(firm, admin, "value")
        assert len(statements) == 1  # the page found its figures ready


def test_nothing_is_computed_for_nobody(firm: App) -> None:
    admin = staff_of(firm, Role.admin).id
    idle, stale = Warmer(firm), Warmer(firm, recent_seconds=0)
    stale.viewed(admin, "value")
    for warmer in (idle, stale):
        warmer.tick()
    _change(firm)
    with statements_with(firm.engine, "h_late") as statements:
        for _ in range(2):
            assert idle.tick() == 0 and stale.tick() == 0
        assert statements == []


def test_the_server_loop_looks_until_cancelled(firm: App) -> None:
    admin = staff_of(firm, Role.admin).id
    warmer = Warmer(firm)
    warmer.viewed(admin, "service")

    async def scenario() -> None:
        task = asyncio.get_running_loop().create_task(warmer.run(0.01))
        await asyncio.sleep(0.2)
        _change(firm)
        for _ in range(200):  # the loop sees the change, waits one look, then answers the board
            await asyncio.sleep(0.02)
            if warmer._warmed == warmer._seen is not None:
                break
        task.cancel()

    asyncio.run(scenario())
    with statements_with(firm.engine, "h_late") as statements:
        board_page(firm, admin, "service")
    with firm.session() as session:
        from bot.book_version import token

        assert warmer._warmed == token(session)
    assert statements == []  # the service board reads no health; its on-time pass was ready too
