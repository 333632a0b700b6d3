"""The workflow desk: the one entry the Answerer calls before its question parser.

    reply = workflow_reply(answerer, viewer, text, action=action, via="slack")   # None: not about workflows

It answers the buttons it made (`zf:wf:…`), 确认 / 取消 (typed or pressed), and every message the workflow
understanding takes (understand.py); everything else is left to the question parser. Client contacts get nothing
here. The templates are loaded and validated once per App (`app.templates`, bot/bootstrap.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.reply import Reply
from bot.workflows import answers, commands
from bot.workflows.lexicon import STRONG_CONFIRM
from bot.workflows.render import PREFIX
from bot.workflows.understand import COMMANDS, TermGate, WorkflowAsk, understand_workflow
from domain.scope import Viewer
from domain.workflows.pending import has_pending
from domain.workflows.templates import Templates

if TYPE_CHECKING:
    from bot.answer import Answerer
    from bot.bootstrap import App


def workflow_templates(app: App) -> Templates:
    """The firm's templates (shipped + Settings.workflows_dir), loaded and validated once when the App is built
    (bot/bootstrap.compose; a bad file raises domain.workflows.templates.TemplateError naming it)."""
    return app.templates


def _terms(app: App) -> dict[str, frozenset[str]]:
    return app.workflow_terms


def _gate(app: App) -> TermGate:
    return app.shared("workflow_gate", lambda: TermGate(_terms(app)))


def workflow_reply(answerer: Answerer, viewer: Viewer, text: str, *, action: str | None = None,
                   via: str = "cli") -> Reply | None:
    app = answerer.app
    if viewer.is_contact or viewer.staff_id is None:
        return None
    if action and action.startswith(PREFIX):
        return commands.pressed(app, viewer, action.removeprefix(PREFIX), via)
    if not text or not _gate(app)(text):
        return None  # no workflow word in it: no session, no name scan
    with app.session() as session:
        ask = understand_workflow(text, today=app.today(), viewer=viewer, index=answerer.index(session),
                                  terms=_terms(app))
        if ask is None:
            return None
        if ask.family in ("confirm", "cancel") and ask.text not in STRONG_CONFIRM and not has_pending(
                session, viewer.staff_id, app.clock.now()):
            return None  # "好" / "ok" with nothing pending is not a confirmation
    return _answer(app, viewer, ask, via)


def _answer(app: App, viewer: Viewer, ask: WorkflowAsk, via: str) -> Reply:
    if ask.family == "confirm":
        return commands.confirm(app, viewer, None, via, ask.language)
    if ask.family == "cancel":
        return commands.cancel(app, viewer, None, ask.language)
    if ask.family in COMMANDS:
        return commands.propose_from(app, viewer, ask, via, workflow_templates(app))
    return answers.answer(app, viewer, ask, workflow_templates(app))
