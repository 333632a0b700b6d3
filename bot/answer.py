"""Question → Query → Result → Reply, for one asker (a Viewer). The same path serves chat, CLI and HTTP API."""

from __future__ import annotations

import gc
import logging
import time
from functools import cache
from typing import TYPE_CHECKING

from pydantic import ValidationError
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from bot.colleagues import colleague_reply, scope_phrase, unknown_colleague, with_scope
from bot.exporting import offer_export, remember
from bot.render import MORE_PREFIX, answer_data, render
from bot.reply import Action, Reply
from bot.routes import Route, build_routes
from bot.texts import Locale, lookup, maybe, t
from domain.executor import execute
from domain.models import Client, Staff
from domain.queries import Intent, Query, Result
from domain.scope import Viewer, with_teams

if TYPE_CHECKING:
    from bot.bootstrap import App
    from bot.understand import EntityIndex

log = logging.getLogger(__name__)
QUERY_PREFIX = "zf:q:"
CONTACT_INTENTS = {Intent.my_invoices, Intent.my_documents, Intent.tax_deadline, Intent.help, Intent.unknown}
MAX_QUESTION = 2000
LLM_SERVICE_ERRORS = {"timeout", "http_error"}


class Answerer:
    """Holds what is worth keeping between questions: the entity index (refreshed when clients or staff
    change) and the optional LLM client."""

    def __init__(self, app: App, routes: list[Route] | None = None) -> None:
        self.app = app
        self._index: EntityIndex | None = None
        self._index_key: tuple | None = None
        self._llm = None
        self._llm_built = False
        self.routes: list[Route] = routes if routes is not None else build_routes(self)

    def answer(self, viewer: Viewer, text: str, *, action: str | None = None, via: str = "cli") -> Reply:
        """The first route that answers (bot/routes.py: buttons, proposals, change log, actions, workflows,
        questions)."""
        started = time.perf_counter()
        text = (text or "").strip()[:MAX_QUESTION]
        reply: Reply | None = None
        for route in self.routes:
            reply = route(viewer, text, action, via)
            if reply is not None:
                break
        assert reply is not None  # the last route (questions) always answers
        log.info("answered intent=%s in %.1f ms", reply.intent, (time.perf_counter() - started) * 1000)
        return reply

    def answer_question(self, viewer: Viewer, text: str) -> Reply:
        if not text:
            locale: Locale = self.app.settings.locale
            return plain_reply(Intent.help, t(locale, "common.empty_question"), locale)
        return self._answer_text(viewer, text)

    def answer_button(self, viewer: Viewer, action: str, locale: Locale) -> Reply:
        return self._answer_action(viewer, action, locale)

    # -- paths ---------------------------------------------------------------------------------------

    def _answer_text(self, viewer: Viewer, text: str) -> Reply:
        from bot.understand.generalise import interpret

        with self.app.session() as session:
            outcome = interpret(text, today=self.app.today(), viewer=viewer, index=self.index(session))
            understood = outcome.understood
            locale: Locale = understood.language
            query, source = understood.query, "rules"
            if understood.ambiguous:
                ids = dict(session.execute(select(Client.name, Client.id)
                                           .where(Client.name.in_(understood.ambiguous))).all())
                return ambiguous_reply(query, {name: ids[name] for name in understood.ambiguous if name in ids}, locale)
            if query.intent == Intent.unknown and outcome.options:
                from bot.clarify import choice_reply

                return choice_reply(outcome.options, locale)  # "您是想问 A 还是 B？"
            if query.intent == Intent.unknown and (colleague := self._unknown_colleague(session, viewer, text,
                                                                                    understood.unknown_reason)):
                return colleague  # "张伟负责多少个客户" with no 张伟 on the staff (bot/colleagues.py)
            if query.intent == Intent.unknown and (understood.unknown_reason or "").startswith("reversed:"):
                return unknown_reply(viewer, locale, None, understood.unknown_reason)  # no model guesses the opposite
            if query.intent == Intent.unknown:
                llm_query, reason = self._ask_llm(session, viewer, text, locale)
                if llm_query is None:
                    return unknown_reply(viewer, locale, reason, understood.unknown_reason)
                if llm_query.candidates:
                    ids = dict(session.execute(select(Client.name, Client.id)
                                               .where(Client.name.in_(llm_query.candidates))).all())
                    return ambiguous_reply(llm_query, ids, locale)
                query, source = llm_query, "llm"
            return self._run(session, viewer, query, locale, source=source)

    def _answer_action(self, viewer: Viewer, action: str, locale: Locale) -> Reply:
        offset = 0
        payload = action.removeprefix(QUERY_PREFIX)
        if action.startswith(MORE_PREFIX):
            head, _, payload = action.removeprefix(MORE_PREFIX).partition(":")
            offset = int(head) if head.isdigit() else 0
        try:
            query = Query.model_validate_json(payload)
        except ValidationError:
            return unknown_reply(viewer, locale)
        with self.app.session() as session:
            return self._run(session, viewer, query, locale, offset=offset)

    def _run(self, session: Session, viewer: Viewer, query: Query, locale: Locale, *, source: str = "rules",
             offset: int = 0) -> Reply:
        if query.intent == Intent.help:
            return help_reply(viewer, locale)
        if query.intent == Intent.unknown:
            return unknown_reply(viewer, locale)
        if viewer.is_contact and query.intent not in CONTACT_INTENTS:
            return plain_reply(query.intent, t(locale, "common.not_for_contacts"), locale)
        query = with_teams(session, query)  # "王芳团队的…": her and her reports, named in the scope phrase too
        self.app.read_memos.attach(session)  # a question reads the book only: whole-firm figures kept until it changes
        result: Result = execute(session, viewer, query, self.app.today(),
                                 tax_calendar_dir=self.app.settings.tax_calendar_path)
        result.query = query
        remember(session, viewer, query, locale)  # for a later "导出" (bot/exporting.py)
        reply = render(result, locale, self.app.today(), offset=offset, symbol=self.app.settings.currency_symbol,
                       source=source)
        offer_export(reply, query, locale)  # the 导出 / Export button on lists, breakdowns and trends
        return with_scope(reply, scope_phrase(session, viewer, query, locale))  # whose clients (bot/colleagues.py)

    def _unknown_colleague(self, session: Session, viewer: Viewer, text: str, reason: str | None) -> Reply | None:
        reasons = ("unrecognised", "missing:staff", "staff_not_found", "ask_back", "not_sure")  # a doubt may be a name
        if viewer.is_contact or not (reason or "").startswith(reasons):
            return None
        found = unknown_colleague(session, viewer, text, self.index(session), self.app.today())
        return colleague_reply(text, *found) if found else None

    # -- collaborators ---------------------------------------------------------------------------------

    def index(self, session: Session) -> EntityIndex:
        """The name index, rebuilt when a client or staff member was added or removed: checked on every question
        with one statement of four index-only aggregates (`_freshness_key`, ~0.02 ms), so a new client or
        colleague is understood from the very next question. (Renaming a client in place is not detected.)

        At 10,000 clients the index is ~300k long-lived objects. Once built it is moved out of the garbage
        collector's generations (`gc.freeze`, with everything else alive at that moment), so that the full
        collections which answers of thousands of rows trigger do not walk it again each time (~100 ms each);
        the next rebuild unfreezes them first, so a replaced index can still be collected."""
        from bot.understand.index_cache import database_key, load_index

        key = tuple(session.connection().execute(_freshness_key()).one())  # Core: ~20 µs, the ORM path ~45
        if self._index is None or key != self._index_key:
            gc.unfreeze()
            settings = self.app.settings
            self._index = load_index(session, settings.cache_path, database_key(settings.database_url))
            self._index_key = key
            gc.freeze()
        return self._index

    def _ask_llm(self, session: Session, viewer: Viewer, text: str, locale: Locale
                 ) -> tuple[Query | None, str | None]:
        """The model's reading of a question the rules could not place, names resolved within the asker's scope.

        Returns (query, None), or (None, reason) where reason is set only when the service itself failed."""
        if not self._llm_built:
            from bot.understand.llm import build_llm

            self._llm = build_llm(self.app.settings)
            self._llm_built = True
        if self._llm is None:
            return None, None
        from bot.understand.llm_names import resolve_names

        outcome = self._llm.understand(text, today=self.app.today(), language=locale)
        if outcome.query is not None:
            outcome = resolve_names(session, viewer, outcome)
        if outcome.query is None or outcome.query.intent == Intent.unknown:
            return None, outcome.error if outcome.error in LLM_SERVICE_ERRORS else None
        return outcome.query, None


@cache
def _freshness_key() -> Select:
    """(client count, max client id, staff count, max staff id) in one round trip. Each aggregate stands alone
    in its sub-select: SQLite answers a lone COUNT(*) or MAX(id) from the b-tree without a scan (together in one
    SELECT they would scan the table)."""
    return select(select(func.count()).select_from(Client).scalar_subquery(),
                  select(func.max(Client.id)).scalar_subquery(),
                  select(func.count()).select_from(Staff).scalar_subquery(),
                  select(func.max(Staff.id)).scalar_subquery())


# -- replies that need no query ------------------------------------------------------------------------


def plain_reply(intent: Intent, text: str, locale: Locale, **extra: object) -> Reply:
    reply = Reply(intent=intent.value, text=text, locale=locale, source="system", **extra)  # type: ignore[arg-type]
    reply.data = answer_data(Result(intent=intent), text, "rules")
    return reply


def help_reply(viewer: Viewer, locale: Locale) -> Reply:
    examples = lookup(locale, "help.contact_examples" if viewer.is_contact else "help.staff_examples")
    text = t(locale, "help.intro") + "\n" + "\n".join(f"• {e}" for e in examples)
    return plain_reply(Intent.help, text, locale, title=t(locale, "help.title"))


def unknown_reply(viewer: Viewer, locale: Locale, llm_error: str | None = None, reason: str | None = None) -> Reply:
    """ "I don't know, here is what I can answer" — with the reason in words where it helps the asker."""
    if reason == "not_for_contacts":
        return plain_reply(Intent.unknown, t(locale, "common.not_for_contacts"), locale)
    examples = lookup(locale, "help.contact_examples" if viewer.is_contact else "help.staff_examples")
    if llm_error:
        head = t(locale, "common.llm_unavailable", reason=llm_error)
    else:
        head = (maybe(locale, f"common.unknown_reasons.{(reason or '').split(':')[0]}")
                or maybe(locale, f"nlu.reasons.{reason}") or t(locale, "common.unknown"))
    text = head + "\n" + "\n".join(f"• {e}" for e in examples[:6])
    suggestions = list(lookup(locale, "suggestions"))
    return plain_reply(Intent.unknown, text, locale, title=t(locale, "intents.unknown.title"), suggestions=suggestions)


def ambiguous_reply(query: Query, candidates: dict[str, int], locale: Locale) -> Reply:
    """Ask back which client was meant; each button carries the same query pinned to one candidate."""
    text = t(locale, "common.ambiguous") + "\n" + "\n".join(f"• {c}" for c in candidates)
    text += "\n" + t(locale, "common.ambiguous_hint")
    names = list(candidates)[:5]
    actions = [Action(label=name, value=f"{QUERY_PREFIX}{_pinned(query, candidates[name])}") for name in names]
    reply = plain_reply(query.intent, text, locale, actions=actions, suggestions=names)
    reply.data["candidates"] = list(candidates)
    return reply


def _pinned(query: Query, client_id: int) -> str:
    pinned = query.model_copy(deep=True)
    pinned.candidates = []
    pinned.clients.name_contains = []
    pinned.clients.client_ids = [client_id]
    return pinned.model_dump_json(exclude_defaults=True)
