"""Which action a sentence is (or none), then the family reads its parts.

Order matters where words overlap: undo; an explicit "记一笔 / log" (whatever the summary says); then
questions and negations are not actions ("还欠多少钱", "还没收到明远贸易的钱"); then feedback with a score,
disputes, renewals (not "沟通续约", which is a conversation about one), client changes, documents (before
payments: "收到了银行对账单" is not money), promises (a payment in the future), payments, and last a
conversation named by its channel ("昨天去华信科技面谈了").
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Literal

from sqlalchemy.orm import Session

from bot.understand.actions import clients, documents, money, notes
from bot.understand.actions.dates import resolve_day
from bot.understand.actions.reading import Said, read
from bot.understand.actions.result import ActionUnderstood
from bot.understand.actions.words import (
    ALL_ITEMS,
    CHANNEL,
    CHASE,
    CHURN,
    CONTROL,
    DISPUTE,
    DOC_WORD,
    FUTURE_PAY,
    LOG_PREFIX,
    MONEY_WORD,
    NEGATION,
    NEGATION_OK,
    OWNER,
    PAY_CHASE,
    PAY_VERB,
    POLITE_HEAD,
    POLITE_TAIL,
    PROMISE,
    QUESTION_EN,
    QUESTION_ZH,
    REACTIVATE,
    RECEIVED,
    RENEW,
    SCORE,
    SET_VERB,
    TAG_WORD,
    TALK,
    TALK_VERB,
    TIER,
    UNDO,
)
from bot.understand.entities import EntityIndex
from bot.understand.text import has_cjk, normalize
from domain.scope import Viewer

MAX_CHARS = 300
PAST_MARK = ("了", "已", "收到", "到账", "received", "paid", "got", "came in")
Family = Callable[[Said], ActionUnderstood | None]
FAMILIES: dict[str, Family] = {
    "log_interaction": notes.log_interaction, "record_feedback": notes.record_feedback, "undo": notes.undo,
    "record_payment": money.record_payment, "promise_to_pay": money.promise_to_pay,
    "dispute_invoice": money.dispute_invoice, "mark_documents_received": documents.mark_documents_received,
    "request_documents": documents.request_documents, "update_client": clients.update_client,
    "renew_contract": clients.renew_contract,
}


def parse(text: str, *, today: date, viewer: Viewer, index: EntityIndex, session: Session
          ) -> ActionUnderstood | None:
    raw = text if isinstance(text, str) else ""
    if viewer.is_contact:
        return None  # a client's own messages are read by the client-reply path
    normalized = normalize(raw)
    if not normalized or len(normalized) > MAX_CHARS or CONTROL.match(normalized):
        return None
    body = POLITE_TAIL.sub("", POLITE_HEAD.sub("", normalized)).strip()
    intent = _intent(body, raw)
    if intent is None:
        return None
    said = read(body, raw, _language(raw), today=today, viewer=viewer, index=index, session=session,
                term=intent == "renew_contract")
    if intent == "record_payment":
        intent = _payment_or_promise(said)
        if intent is None:
            return None
    if intent == "log_interaction" and not LOG_PREFIX.match(body) and not _names_someone(said):
        return None  # "今天开会" names no client: small talk, not a log entry
    return FAMILIES[intent](said)


def _language(raw: str) -> Literal["zh", "en"]:
    return "zh" if has_cjk(raw) else "en"


def _intent(body: str, raw: str) -> str | None:
    if UNDO.match(body):
        return "undo"
    if LOG_PREFIX.match(body) and _mentions_talk(body):
        return "log_interaction"
    if _is_question(body, raw) or _negated(body):
        return None
    for intent, test in _TESTS:
        if test(body):
            return intent
    return None


def _mentions_talk(body: str) -> bool:
    """记一笔 / log: taken as a log entry unless what follows is another action ("记一笔: 收到…5000元")."""
    rest = LOG_PREFIX.sub("", body, count=1)
    other = next((intent for intent, test in _TESTS if intent != "log_interaction" and test(rest)), None)
    return other is None or bool(TALK_VERB.search(rest) or CHANNEL.search(rest))


def _is_question(body: str, raw: str) -> bool:
    if "?" in raw or "？" in raw:
        return not POLITE_HEAD.match(normalize(raw))
    return bool(QUESTION_ZH.search(body) or QUESTION_EN.match(body))


def _negated(body: str) -> bool:
    return bool(NEGATION.search(NEGATION_OK.sub(" ", body)))


def _renewal(body: str) -> bool:
    match = RENEW.search(body)
    if match is None:
        return False
    talk = TALK.search(body)
    return talk is None or talk.start() > match.start()  # "沟通续约" is a conversation about a renewal


def _client_change(body: str) -> bool:
    if TIER.search(body) and SET_VERB.search(body):
        return True
    return bool(TAG_WORD.search(body) or OWNER.search(body) or CHURN.search(body) or (
        REACTIVATE.search(body) and not DOC_WORD.search(body)))


def _documents_received(body: str) -> bool:
    return bool(DOC_WORD.search(body) and (RECEIVED.search(body) or ALL_ITEMS.search(body))
                and not MONEY_WORD.search(body.replace("发票", "")))


def _chase(body: str) -> bool:
    return bool(DOC_WORD.search(body) and CHASE.search(body) and not PAY_CHASE.search(body))


def _payment(body: str) -> bool:
    return bool(PAY_VERB.search(body) or PROMISE.search(body))


_TESTS: list[tuple[str, Callable[[str], bool]]] = [
    ("record_feedback", lambda b: bool(SCORE.search(b)) or (notes.is_feedback(b) and not DISPUTE.search(b))),
    ("dispute_invoice", lambda b: bool(DISPUTE.search(b))),
    ("renew_contract", _renewal),
    ("request_documents", _chase),
    ("mark_documents_received", _documents_received),
    ("update_client", _client_change),
    ("record_payment", _payment),  # or a promise: decided once the days are read
    ("log_interaction", lambda b: bool(CHANNEL.search(b) or TALK_VERB.search(b))),
]


def _payment_or_promise(said: Said) -> str | None:
    text = said.text
    if PROMISE.search(text):
        return "promise_to_pay"
    days = [resolve_day(spec, said.today, "future") for spec in said.days]
    future = any(day is not None and day > said.today for day in days) or (not said.days and any(
        p.label.startswith(("下", "next", "月底", "年底")) for p in said.periods))
    if FUTURE_PAY.search(text) or (future and not any(mark in text for mark in PAST_MARK)):
        return "promise_to_pay"
    if said.amounts or said.codes or MONEY_WORD.search(text):
        return "record_payment"
    return None


def _names_someone(said: Said) -> bool:
    m = said.mentions
    return bool(m.clients or m.candidates or m.unresolved_name)
