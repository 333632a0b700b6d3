""" "导出" / "export" after a list answer: the asker's last list question, run again in full within their scope,
sent back as an .xlsx attachment (the platforms upload it as a file; the console writes it to disk).

Every list answer is remembered per asker in the `last_list_question` table (one row each, overwritten), so an
export works in a later message, on another worker, or in another process (`zhangfang ask 导出 --as 王芳`).
Two small hooks tie this to the answering path (bot/answer.py): `export_reply` is tried first for each message,
`remember` is called for each answer that was run.
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
from bot.reply import Attachment, Reply
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
EXPORT_INTENT = "export"
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


def export_reply(app: App, viewer: Viewer, text: str) -> Reply | None:
    """The chat hook: None unless the message asks for an export; then the file (or why there is none)."""
    locale = export_language(text)
    if locale is None:
        return None
    return export_last(app, viewer, locale)


def export_last(app: App, viewer: Viewer, locale: Locale) -> Reply:
    """The asker's last list question, run again now in full, as a reply carrying the .xlsx."""
    today = app.today()
    with app.session() as session:
        query = recall(session, viewer)
        if isinstance(query, str):
            key = "export_chat.not_a_list" if query == "not_a_list" else "export_chat.nothing_to_export"
            return _reply(locale, t(locale, key), {})
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
