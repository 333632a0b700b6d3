""""打开看板" / "dashboard" in chat (or the digest's button `zf:board`): a one-time sign-in link to the board."""

from __future__ import annotations

from bot.bootstrap import App
from bot.reply import Reply
from bot.texts import Locale, t
from bot.understand.text import normalize
from domain.scope import Viewer

BUTTON = "zf:board"
WORDS_ZH = ("打开看板", "看板", "打开仪表盘", "仪表盘", "数据看板", "打开数据看板",
            "给我看板链接", "看板链接")
WORDS_EN = ("dashboard", "open dashboard", "open the dashboard", "board", "open the board", "open board",
            "dashboard link", "board link")
WORDS = {normalize(w): "zh" for w in WORDS_ZH} | {normalize(w): "en" for w in WORDS_EN}


def wants_board(text: str, action: str | None) -> Locale | None:
    """The reply's language when the message asks for the board, else None."""
    if action == BUTTON:
        return "zh"
    if action or not text:
        return None
    found = WORDS.get(normalize(text))
    return found  # type: ignore[return-value]


def board_reply(app: App, viewer: Viewer, language: Locale) -> Reply:
    from bot.board.signin import LINK_MINUTES, issue_link

    locale: Locale = app.settings.locale if language == "zh" else "en"
    if viewer.is_contact or viewer.staff_id is None:
        text = t(locale, "board.contact_refused")
        return Reply(intent="board", title=t(locale, "board.title"), text=text, locale=locale, source="rules",
                     data={"intent": "board", "text": text, "items": [], "value": None, "notes": [],
                           "source": "rules"})
    url = issue_link(app, viewer.staff_id)
    text = t(locale, "board.link", minutes=LINK_MINUTES, url=url)
    return Reply(intent="board", title=t(locale, "board.title"), text=text, locale=locale, source="rules",
                 data={"intent": "board", "text": text, "items": [], "value": url, "notes": [], "source": "rules"})
