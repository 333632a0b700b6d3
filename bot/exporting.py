""" "导出" / "export" after a list answer: the asker's last list question, run again in full within their scope,
sent back as an .xlsx attachment (the platforms upload it as a file; the console writes it to disk).

Every list answer is remembered per asker in the `last_list_question` table (one row each, overwritten), so an
export works in a later message, on another worker, or in another process (`zhangfang ask 导出 --as 王芳`).
Three small hooks tie this to the answering path (bot/answer.py, bot/routes.py): `export_reply` is tried first for
each message (typed "导出", or the 导出 button's `zf:export:` value), `remember` is called for each answer that was
run, and `offer_export` puts the 导出 / Export button on each list, breakdown or trend answer that shows rows.

The button carries the question itself (`zf:export:<zh|en>:<query JSON>`, like "show more"), so a click exports
the list of the message clicked — not whatever was asked since — run again now within the *clicker's* scope.
On the asker's own reply that is exactly the list just shown to them; when someone else clicks it (a Slack channel,
a DingTalk group) they get the same question answered over the clients they may see, as if they had asked it
themselves — never the asker's rows. A client contact may export only what a contact may ask (their invoices).
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from bot.db import BUSY_TIMEOUT_SECONDS
from bot.models import LastListQuestion
from bot.render import SCALAR_ONLY
from bot.reply import Action, Attachment, Reply
from bot.texts import Locale, t
from domain.executor import execute
from domain.facts.common import read
from domain.queries import Intent, Query
from domain.scope import Viewer
from domain.types import utcnow

log = logging.getLogger(__name__)
REMEMBER_WAIT_MS = 200  # how long an answer waits for another writer before skipping the memory

if TYPE_CHECKING:
    from bot.bootstrap import App

NOT_LISTS = frozenset({*SCALAR_ONLY, Intent.client_profile})  # answers with no rows to export
NOT_ANSWERS = frozenset({Intent.help, Intent.unknown})  # leave the last list as it was
CONTACT_LISTS = frozenset({Intent.my_invoices, Intent.my_documents})  # the lists a client contact may ask for
EXPORT_INTENT = "export"
EXPORT_PREFIX = "zf:export:"
_ZH = re.compile(
    r"(?:请|麻烦|帮我|帮忙|给我)?(?:把|将)?(?:这个|这些|这份|上面的?|刚才的?|以上|结果|列表|清单|名单|它|全部|所有)*"
    r"(?:(?:导出|下载)(?:一下|下)?(?:为|成|到|个|一份|份)?(?:excel|xlsx|表格|文件|电子表格|清单)*"
    r"|(?:excel|xlsx|表格)(?:导出|下载))(?:表格|文件)?(?:吧|呢|谢谢|，谢谢)?[。.!！~～]*",
    re.IGNORECASE)
_EN = re.compile(
    r"(?:please |pls |can you |could you )?(?:export|download)"
    r"(?: (?:this|that|it|these|them|the list|the result|the results|the table|all|everything))?"
    r"(?: (?:to|as|in|into) (?:an? )?(?:excel|xlsx|spreadsheet|sheet)(?: file)?)?(?: please)?[.!?]*",
    re.IGNORECASE)


def export_language(text: str) -> Locale | None:
    """zh or en when the message asks to export the last answer ("导出", "导出Excel", "export this"), else None."""
    words = re.sub(r"\s+", " ", text.strip())
    if _ZH.fullmatch(words.replace(" ", "")):
        return "zh"
    if _EN.fullmatch(words):
        return "en"
    return None


def asker(viewer: Viewer) -> str:
    return f"staff:{viewer.staff_id}" if viewer.kind == "staff" else f"contact:{viewer.contact_id}"


def remember(session: Session, viewer: Viewer, query: Query, locale: Locale) -> None:
    """Keep `query` as the asker's last list question. After an answer that is not a list (a total, a profile) the
    kept one is blanked, so that "导出" then says there is no list rather than exporting an older one.

    Best effort: answering is a read, and a database that is busy with another writer or read-only must not turn
    an answer into a failure — the memory is then skipped (at most a short wait for the lock), and "导出" later
    says there is nothing to export rather than exporting something else."""
    if query.intent in NOT_ANSWERS:
        return
    key = asker(viewer)
    kept = "" if query.intent in NOT_LISTS else query.model_dump_json(exclude_defaults=True)
    stored = read(session, select(LastListQuestion.query, LastListQuestion.locale)
                  .where(LastListQuestion.asker == key))  # Core, no ORM result handling: every answer pays it
    stored = stored[0] if stored else None
    if stored is not None and stored.query == kept and (not kept or stored.locale == locale):
        return  # the same question again: nothing to write (a write costs more than the answer's own query)
    sqlite = session.get_bind().dialect.name == "sqlite"
    try:
        with session.begin_nested():
            if sqlite:
                session.execute(text(f"PRAGMA busy_timeout = {REMEMBER_WAIT_MS}"))
            _keep(session, key, query, locale)
    except DBAPIError as exc:  # locked, read-only, unreachable: skip the memory, keep the answer
        log.info("last list question not kept (%s)", type(exc.orig).__name__ if exc.orig else "OperationalError")
    finally:
        if sqlite:
            session.execute(text(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}"))


def _keep(session: Session, key: str, query: Query, locale: Locale) -> None:
    if query.intent in NOT_LISTS:
        session.execute(update(LastListQuestion).where(LastListQuestion.asker == key).values(query=""))
        return
    values: dict[str, Any] = {"query": query.model_dump_json(exclude_defaults=True), "locale": locale,
                              "asked_at": utcnow()}
    changed = session.execute(update(LastListQuestion).where(LastListQuestion.asker == key).values(**values))
    if changed.rowcount:  # type: ignore[attr-defined]
        return
    try:
        with session.begin_nested():
            session.add(LastListQuestion(asker=key, **values))
    except IntegrityError:  # another worker kept one for the same asker a moment ago
        session.execute(update(LastListQuestion).where(LastListQuestion.asker == key).values(**values))


def recall(session: Session, viewer: Viewer) -> Query | str:
    """The asker's last list question, or why there is none: "none" (never asked one), "not_a_list" (the last
    answer was a total or a profile)."""
    raw = session.execute(select(LastListQuestion.query).where(LastListQuestion.asker == asker(viewer))).scalar()
    if raw is None:
        return "none"
    if not raw:
        return "not_a_list"
    try:
        return Query.model_validate_json(raw)
    except ValueError:  # kept by an older version whose Query had other fields
        return "none"


def offer_export(reply: Reply, query: Query, locale: Locale) -> None:
    """Add the 导出 / Export button to an answer that shows rows in a table (a list, a breakdown, a trend); the
    reply's own table decides, so a total, a profile or an empty list gets none."""
    if query.intent in NOT_LISTS or query.intent in NOT_ANSWERS or not reply.columns or not reply.total_rows:
        return
    value = f"{EXPORT_PREFIX}{locale}:{query.model_dump_json(exclude_defaults=True)}"
    reply.actions.append(Action(label=t(locale, "export_chat.button"), value=value))


def export_reply(app: App, viewer: Viewer, text: str, action: str | None = None) -> Reply | None:
    """The chat hook: None unless the message asks for an export (typed, or the 导出 button pressed); then the
    file (or why there is none)."""
    if action is not None:
        return export_pressed(app, viewer, action) if action.startswith(EXPORT_PREFIX) else None
    locale = export_language(text)
    if locale is None:
        return None
    return export_last(app, viewer, locale)


def export_pressed(app: App, viewer: Viewer, action: str) -> Reply:
    """The 导出 button: the question it carries, run now within the clicker's scope (see the module's docstring)."""
    head, _, payload = action.removeprefix(EXPORT_PREFIX).partition(":")
    locale: Locale = "en" if head == "en" else "zh" if head == "zh" else app.settings.locale
    try:
        query = Query.model_validate_json(payload)
    except ValueError:  # a button from an older version, or a value that was never ours
        return _reply(locale, t(locale, "export_chat.stale_button"), {})
    if query.intent in NOT_LISTS or query.intent in NOT_ANSWERS:
        return _reply(locale, t(locale, "export_chat.not_a_list"), {})
    if viewer.is_contact and query.intent not in CONTACT_LISTS:
        return _reply(locale, t(locale, "common.not_for_contacts"), {})
    return export_query(app, viewer, query, locale)


def export_last(app: App, viewer: Viewer, locale: Locale) -> Reply:
    """The asker's last list question, run again now in full, as a reply carrying the .xlsx."""
    with app.session() as session:
        query = recall(session, viewer)
    if isinstance(query, str):
        key = "export_chat.not_a_list" if query == "not_a_list" else "export_chat.nothing_to_export"
        return _reply(locale, t(locale, key), {})
    return export_query(app, viewer, query, locale)


def export_query(app: App, viewer: Viewer, query: Query, locale: Locale) -> Reply:
    """`query` run now in full within `viewer`'s scope, as a reply carrying the .xlsx (or saying it has no rows)."""
    today = app.today()
    with app.session() as session:
        result = execute(session, viewer, query, today, tax_calendar_dir=app.settings.tax_calendar_path)
    result.query = query
    from bot.workbook import title_for, workbook_bytes  # openpyxl only when a file is made

    title = title_for(result, locale, today, app.settings.currency_symbol)[0]
    if not result.items:
        return _reply(locale, t(locale, "export_chat.empty", question=title), {"of": query.intent.value, "rows": 0})
    filename = f"{_safe(title)}-{today.isoformat()}.xlsx"
    content = workbook_bytes(result, locale, today, app.settings.currency_symbol)
    text = t(locale, "export_chat.done", count=len(result.items), filename=filename)
    reply = _reply(locale, text, {"of": query.intent.value, "rows": len(result.items), "filename": filename})
    reply.title = title
    reply.attachment = Attachment(filename=filename, content=content)
    return reply


def _reply(locale: Locale, text: str, extra: dict[str, Any]) -> Reply:
    data = {"intent": EXPORT_INTENT, "text": text, "items": [], "value": extra.get("rows"), "notes": [],
            "source": "rules", **extra}
    return Reply(intent=EXPORT_INTENT, text=text, locale=locale, source="system", data=data)


def _safe(name: str) -> str:
    """A file name part without path separators or characters file systems refuse."""
    return re.sub(r'[\\/:*?"<>|\s]+', "_", name).strip("_.") or "export"
