"""How a message finds its answer: an ordered list of routes, built once for an App (bot/bootstrap.py).

Each route takes (viewer, text, button value, platform) and answers, or returns None to let the next one try:
  1. query buttons — "show more" and pinned questions (`zf:q:`, `zf:more:`); then "导出" / "export", typed or
     pressed (`zf:export:`);
     then "打开看板" / "dashboard" (or the digest's `zf:board` button): a one-time board link (bot/board/chat.py);
  2. proposals — 确认 / 取消 / 撤销, typed or pressed (`zf:act:`), for actions and workflow moves alike;
  3. the change log — "明远贸易最近的操作记录";
  4. actions — sentences that change the book (bot/understand/actions), proposed with a preview;
  5. workflows — workflow moves and questions (bot/workflows/desk.py);
  6. questions — everything else (bot/understand).
Adding an action needs no change here: its command, handler, words and texts are enough.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.actions import render
from bot.actions.audit_view import audit_reply, audit_request
from bot.actions.desk import ActionDesk
from bot.render import MORE_PREFIX
from bot.reply import Reply
from bot.texts import Locale
from bot.understand.text import normalize
from bot.workflows.lexicon import CANCEL, CONFIRM, STRONG_CONFIRM
from domain.actions import proposals
from domain.actions.proposals import ProposalError
from domain.scope import Viewer

if TYPE_CHECKING:
    from bot.answer import Answerer

Route = Callable[[Viewer, str, str | None, str], Reply | None]
# answered even with nothing pending ("好" / "ok" alone are not: they fall through)
ANSWERED_ALONE = STRONG_CONFIRM | {normalize(w) for w in ("yes", "no", "取消操作", "确认执行")}
UNDO = {normalize(w) for w in ("撤销", "撤回", "撤销刚才的操作", "撤回刚才的操作", "撤销上一步", "撤销操作", "撤回操作",
                               "undo", "undo that", "undo last", "undo the last change", "take that back")}


def build_routes(answerer: Answerer) -> list[Route]:
    desk = ActionDesk(answerer.app)
    return [query_buttons(answerer), exports(answerer), board_link(answerer), pending_proposals(answerer, desk),
            change_log(answerer), client_files(answerer), actions(answerer, desk), workflows(answerer),
            questions(answerer)]


def client_files(answerer: Answerer) -> Route:
    """"明远贸易10月交了哪些资料": the files a client sent in chat, with signed links (bot/clients/listing.py)."""
    from bot.clients.listing import files_question

    def route(viewer: Viewer, text: str, action: str | None, via: str) -> Reply | None:
        return None if action or not text else files_question(answerer.app, answerer, viewer, text)

    return route


def _language(word: str, default: Locale) -> Locale:
    return "en" if word and word.isascii() else "zh" if word else default


def query_buttons(answerer: Answerer) -> Route:
    from bot.answer import QUERY_PREFIX

    def route(viewer: Viewer, text: str, action: str | None, via: str) -> Reply | None:
        if action and action.startswith((QUERY_PREFIX, MORE_PREFIX)):
            return answerer.answer_button(viewer, action, answerer.app.settings.locale)
        return None

    return route


def exports(answerer: Answerer) -> Route:
    """"导出" / "export": the asker's last list answer as a workbook; the 导出 button: the list of the message
    pressed, within the presser's scope (bot/exporting.py)."""
    from bot.exporting import export_reply

    def route(viewer: Viewer, text: str, action: str | None, via: str) -> Reply | None:
        return export_reply(answerer.app, viewer, text, action)

    return route


def board_link(answerer: Answerer) -> Route:
    from bot.board.chat import board_reply, wants_board

    def route(viewer: Viewer, text: str, action: str | None, via: str) -> Reply | None:
        language = wants_board(text, action)
        return None if language is None else board_reply(answerer.app, viewer, language)

    return route


def pending_proposals(answerer: Answerer, desk: ActionDesk) -> Route:
    app = answerer.app

    def route(viewer: Viewer, text: str, action: str | None, via: str) -> Reply | None:
        if viewer.is_contact or viewer.staff_id is None:
            return None
        if action and action.startswith(render.PREFIX):
            return desk.pressed(viewer, action.removeprefix(render.PREFIX), via, app.settings.locale)
        word = normalize(text) if text and not action else ""
        locale = _language(word, app.settings.locale)
        if word in UNDO:
            return desk.undo(viewer, via, locale)
        if word not in CONFIRM and word not in CANCEL:
            return None
        with app.session() as session:
            latest = proposals.latest(session, viewer.staff_id)
        if latest is None:
            if word in ANSWERED_ALONE:
                verb = "confirm" if word in CONFIRM else "cancel"
                return desk.pending_reply(verb, ProposalError("nothing_pending"), locale)
            return None  # "好" / "ok" with nothing pending is not a confirmation
        if proposals.is_workflow_kind(latest.kind):
            from bot.workflows import commands

            if word in CONFIRM:
                return commands.confirm(app, viewer, None, via, locale)
            return commands.cancel(app, viewer, None, locale)
        return desk.confirm(viewer, None, via, locale) if word in CONFIRM else desk.cancel(viewer, None, locale)

    return route


def change_log(answerer: Answerer) -> Route:
    def route(viewer: Viewer, text: str, action: str | None, via: str) -> Reply | None:
        if viewer.is_contact or action or not text:
            return None
        request = audit_request(text)
        if request is None:
            return None
        return audit_reply(answerer.app, viewer, request)

    return route


def actions(answerer: Answerer, desk: ActionDesk) -> Route:
    from bot.understand.actions import might_be_action, understand_action

    app = answerer.app

    def route(viewer: Viewer, text: str, action: str | None, via: str) -> Reply | None:
        if viewer.is_contact or viewer.staff_id is None or action or not text or not might_be_action(text, viewer):
            return None  # the words alone rule most questions out: no session, no name index
        with app.session() as session:
            understood = understand_action(text, today=app.today(), viewer=viewer, index=answerer.index(session),
                                           session=session)
        if understood is None:
            return None
        if understood.command is not None:
            return desk.propose(viewer, understood.command, via, understood.language)
        needs = understood.needs
        if needs is None:
            return None
        part = needs.part or ("client" if needs.kind in ("ambiguous_client", "unknown_client") else "other")
        partial = {"kind": understood.intent, **needs.partial}
        return desk.needs_reply(understood.intent, part, understood.language, needs.choices, partial)

    return route


def workflows(answerer: Answerer) -> Route:
    from bot.workflows.desk import workflow_reply

    def route(viewer: Viewer, text: str, action: str | None, via: str) -> Reply | None:
        return workflow_reply(answerer, viewer, text, action=action, via=via)

    return route


def questions(answerer: Answerer) -> Route:
    def route(viewer: Viewer, text: str, action: str | None, via: str) -> Reply | None:
        return answerer.answer_question(viewer, text)

    return route
