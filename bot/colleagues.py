"""Colleagues in answers: whose clients a scoped answer covers, and a name that is nobody on the staff.

- `scope_phrase`: an answer limited to a colleague's (or the asker's own, or a manager's team's) clients says so up
  front — "在魏昊兰负责的客户中，共有 4 家客户逾期。" — so that it is never read as the firm's figure.
- `unknown_colleague`: "张伟负责多少个客户" where nobody is called 张伟 gets "没有叫张伟的同事" and the closest
  names on the staff (characters and pinyin, rapidfuzz), instead of the generic "没听懂". It applies only to a
  question the parser could not place and that it *does* place once the name is read as "我"/"my" — the shape of a
  question about a person — so an unknown word that is not a person's name is left alone.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rapidfuzz import fuzz
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from bot.texts import Locale, t
from domain.models import Client, Role, Staff
from domain.queries import Intent, Query
from domain.scope import Viewer

if TYPE_CHECKING:
    from bot.reply import Reply
    from bot.understand import EntityIndex

NOT_ABOUT_A_SCOPE = {Intent.staff_client_count, Intent.staff_ranking,  # their summaries name the colleagues already
                     Intent.tax_deadline, Intent.help, Intent.unknown, Intent.client_profile,
                     Intent.my_invoices, Intent.my_documents}
CLOSEST = 3
MIN_SCORE = 60
_ZH_PERSON = re.compile(r"^(?:请问)?(?P<name>[\u4e00-\u9fff]{2,3}?)(?P<rest>(?:负责|手上|手里|名下|管的|的).*)$")
_EN_PERSON = [
    (re.compile(r"^(?P<head>how many (?:active )?clients (?:does|has)) (?P<name>[A-Za-z][A-Za-z .'-]{1,30}?)"
                r" (?:have|got|look after|handle|own)\??$", re.IGNORECASE), "how many clients do I have"),
    (re.compile(r"^(?P<head>.*?)\b(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+)?)'s (?P<rest>.+)$"), "{head}my {rest}"),
]


def scope_phrase(session: Session, viewer: Viewer, query: Query, locale: Locale) -> str | None:
    """Whose clients an answer covers, when that is not the whole firm's: "在魏昊兰负责的客户中，" for a colleague
    asked about, "在你负责的客户中，" for "我的" or for a staff member's own scope, "在你和你团队负责的客户中，"
    for a manager's. None for the admin's firm-wide answers and for answers that name their subject already."""
    if query.intent in NOT_ABOUT_A_SCOPE or query.clients.client_ids or viewer.is_contact:
        return None
    owners = query.clients.owner_ids
    if not owners:
        if viewer.owner_ids is None:
            return None  # the admin: the whole firm
        return t(locale, "reliability.scope.team" if viewer.role == Role.manager else "reliability.scope.yours")
    if viewer.staff_id is not None and owners == [viewer.staff_id]:
        return t(locale, "reliability.scope.yours")
    names = session.execute(select(Staff.name).where(Staff.id.in_(owners)).order_by(Staff.name)).scalars()
    who = ("、" if locale == "zh" else ", ").join(names)
    return t(locale, "reliability.scope.others", owners=who) if who else None


def with_scope(reply: Reply, phrase: str | None) -> Reply:
    if phrase:
        reply.text = phrase + reply.text
        reply.data["text"] = reply.text
    return reply


def unknown_colleague(session: Session, viewer: Viewer, text: str, index: EntityIndex, today: object,
                      ) -> tuple[str, Locale, list[str]] | None:
    """(the name asked about, the question's language, the closest staff names) when `text` asks about a person who
    is not on the staff; None otherwise."""
    from bot.understand import understand

    found = _person_and_question(text.strip())
    if found is None:
        return None
    name, as_mine, locale = found
    known = set(session.execute(select(Staff.name)).scalars())
    if name in known or _names_a_client(session, name):
        return None
    understood = understand(as_mine, today=today, viewer=viewer, index=index)  # type: ignore[arg-type]
    query = understood.query
    if query.intent == Intent.unknown or not (query.intent == Intent.staff_client_count or query.clients.owner_ids):
        return None
    return name, locale, closest(name, sorted(known))


def closest(name: str, names: list[str], limit: int = CLOSEST) -> list[str]:
    """The staff names nearest to `name`, by characters and by pinyin (so 张薇 is near 张伟, and Zhang Wei too)."""
    spelled = _pinyin(name)
    scored = [(max(fuzz.ratio(name, other), fuzz.ratio(spelled, _pinyin(other))), other) for other in names]
    ranked = sorted((item for item in scored if item[0] >= MIN_SCORE), key=lambda item: (-item[0], item[1]))
    return [other for _, other in ranked[:limit]]


def colleague_reply(text: str, name: str, locale: Locale, names: list[str]) -> Reply:
    """"没有叫张伟的同事。名字相近的有：张薇、章伟。你是不是想问：• 张薇负责多少个客户 …" (suggestions: the same)."""
    from bot.answer import plain_reply

    head = t(locale, "reliability.no_such_colleague", name=name)
    if not names:
        return plain_reply(Intent.unknown, head + t(locale, "reliability.no_close_colleague"), locale)
    questions = [text.strip().replace(name, other, 1) for other in names]
    listed = t(locale, "reliability.closest_colleagues", names=("、" if locale == "zh" else ", ").join(names))
    body = head + listed + "\n" + "\n".join(f"• {q}" for q in questions)
    return plain_reply(Intent.unknown, body, locale, suggestions=questions)


def _person_and_question(text: str) -> tuple[str, str, Locale] | None:
    zh = _ZH_PERSON.match(text)
    if zh:
        return zh["name"], "我" + zh["rest"], "zh"
    for pattern, shape in _EN_PERSON:
        en = pattern.match(text)
        if en:
            return en["name"].strip(), shape.format(**{k: v or "" for k, v in en.groupdict().items()}), "en"
    return None


def _names_a_client(session: Session, word: str) -> bool:
    hit = select(func.count()).select_from(Client).where(or_(Client.name.contains(word), Client.short_name == word))
    return bool(session.execute(hit).scalar())


def _pinyin(text: str) -> str:
    from pypinyin import lazy_pinyin  # only when a colleague is not found: keeps start-up fast

    return "".join(lazy_pinyin(text)).replace(" ", "").lower()
