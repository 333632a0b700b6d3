"""The full action matrix on the console (tests/bot/actions/platform_matrix.py), the same conversation as on Slack,
WeCom and DingTalk: through the console adapter's inbound message into bot.conversation.handle, buttons pressed by
their value (the console shows them numbered), answers as the console's plain text."""

from __future__ import annotations

from typing import Any

import pytest

from adapters.common.text import to_text
from adapters.console.adapter import inbound
from bot.conversation import handle
from tests.bot.actions.platform_matrix import CASES, IDS, START, Case, Said, build, converse
from tests.bot.actions.support import TODAY


class ConsoleDriver:
    platform = "console"

    def __init__(self, app: Any) -> None:
        self.app = app

    def _said(self, text: str, who: str, action: str | None = None) -> Said:
        reply = handle(self.app, inbound(text, who, action))
        return Said(to_text(reply), {a.label: a.value for a in reply.actions})

    def say(self, who: str, text: str) -> Said:
        return self._said(text, who)

    def press(self, who: str, button: str) -> Said:
        return self._said("", who, button)

    def forge(self, who: str, value: str) -> Said:
        return self._said("", who, value)


@pytest.fixture(scope="module")
def console(make_module_app) -> tuple[Any, dict[str, int], ConsoleDriver]:
    app = make_module_app(today=TODAY)
    app.clock = app.clock.at(START)
    return app, build(app), ConsoleDriver(app)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_every_action_on_the_console(console, case: Case) -> None:
    app, ids, driver = console
    converse(app, ids, driver, case)
