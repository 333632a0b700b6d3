"""Which action a sentence is (or none), then the family reads its parts.

Order matters where words overlap: undo; an explicit "记一笔 / log" (whatever the summary says); then
questions, breakdowns by a dimension ("按负责人统计逾期60天以上的金额") and negations are not actions ("还欠多少钱",
"还没收到明远贸易的钱"); then feedback with a score,
disputes, renewals (not "沟通续约", which is a conversation about one), client changes, documents (before
payments: "收到了银行对账单" is not money), promises (a payment in the future), payments, and last a
conversation named by its channel ("昨天去华信科技面谈了").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Literal

from sqlalchemy.orm import Session

from bot.understand.actions import clients, documents, money, notes
from bot.understand.actions.dates import DaySpec, resolve_day
from bot.understand.actions.reading import Said, read
from bot.understand.actions.result import ActionUnderstood
from bot.understand.actions.words import (
    ABOUT,
    ALL_ITEMS,
    CHANNEL,
    CHASE,
    CHURN,
    CONTROL,
    DISPUTE,
    DOC_WORD,
    FUTURE_PAY,
    GROUPED,
    LOG_PREFIX,
    LOGGED_ACT,
    MONEY_WORD,
    NEGATION,
    NEGATION_OK,
    NEW_ITEM,
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
    WORKFLOW,
)
from bot.understand.entities import EntityIndex
from bot.understand.text import has_cjk, normalize
from domain.scope import Viewer

MAX_CHARS = 300
PAST_MARK = ("了", "已", "收到", "到账", "来款", "received", "paid", "got", "came in", "wired", "transferred",
             "settled", "remitted", "cleared", "sent")
Family = Callable[[Said], ActionUnderstood | None]
FAMILIES: dict[str, Family] = {
    "log_interaction": notes.log_interaction, "record_feedback": notes.record_feedback, "undo": notes.undo,
    "record_payment": money.record_payment, "promise_to_pay": money.promise_to_pay,
    "dispute_invoice": money.dispute_invoice, "mark_documents_received": documents.mark_documents_received,
    "request_documents": documents.request_documents, "update_client": clients.update_client,
    "renew_contract": clients.renew_contract,
}


def candidate(text: str, viewer: Viewer) -> tuple[str, str, str] | None:
    """(raw text, body, intent) when the words make the text an action, else None — the cheap first step of
    `parse`, reading no names and no database, so a question pays microseconds for not being an action."""
    raw = text if isinstance(text, str) else ""
    if viewer.is_contact:
        return None  # a client's own messages are read by the client-reply path
    normalized = normalize(raw)
    if not normalized or len(normalized) > MAX_CHARS or CONTROL.match(normalized):
        return None
    body = POLITE_TAIL.sub("", POLITE_HEAD.sub("", normalized)).strip()
    intent = _intent(body, raw)
    return None if intent is None else (raw, body, intent)


def parse(text: str, *, today: date, viewer: Viewer, index: EntityIndex, session: Session
          ) -> ActionUnderstood | None:
    found = candidate(text, viewer)
    if found is None:
        return None
    raw, body, intent = found
    said = read(body, raw, _language(raw), today=today, viewer=viewer, index=index, session=session,
                term=intent == "renew_contract")
    if intent == "record_payment":
        intent = _payment_or_promise(said)
        if intent is None:
            return None
    if intent == "log_interaction" and not LOG_PREFIX.match(body) and any(
            _is_future(spec, today) for spec in said.days):
        return None  # "明天给明远贸易打电话": a plan, not something to log yet
    if not _names_someone(said) and not _strong(intent, said, body):
        return None  # "今天开会", "最近90天差评的客户": nothing names a client, so not an action to ask back on
    return FAMILIES[intent](said)


def _strong(intent: str, said: Said, body: str) -> bool:
    """Without a client named, only an unmistakable action is worth a question back ("收到转账5000元")."""
    if intent == "undo" or LOG_PREFIX.match(body) or said.codes:
        return True
    if intent == "record_payment":
        return bool(said.amounts)
    return intent == "mark_documents_received" and bool(said.periods)


def _language(raw: str) -> Literal["zh", "en"]:
    return "zh" if has_cjk(raw) else "en"


def _intent(body: str, raw: str) -> str | None:
    if UNDO.match(body):
        return "undo"
    if LOG_PREFIX.match(body) and _mentions_talk(body):
        return "log_interaction"
    if _is_question(body, raw) or (_negated(body) and not SCORE.search(body)) or PAY_CHASE.search(body) or (
            GROUPED.search(body)):
        return None  # chasing money ("催一下明远贸易的款") is dunning, not an action of actions.md
    if ABOUT.search(body) and not _has_amount_or_code(body):
        return None  # "华信科技付款情况", "收款记录": asking about a thing, not doing it
    for intent, test in _TESTS:
        if test(body):
            return intent
    return None


def _has_amount_or_code(body: str) -> bool:
    return bool(re.search(r"\d{2,}|[一二两三四五六七八九十]+[千万百]", body))


def _mentions_talk(body: str) -> bool:
    """记一笔 / log: taken as a log entry unless what follows is another action ("记一笔: 收到…5000元")."""
    rest = LOG_PREFIX.sub("", body, count=1)
    if _negated(rest):
        return True  # "记一笔：客户说下个月不一定续约" notes what was said
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
    if OWNER.search(body) and WORKFLOW.search(body):
        return False  # "把华信科技的报税转给王芳" hands over a workflow stage (bot/workflows)
    if TIER.search(body) and SET_VERB.search(body):
        return True
    return bool(TAG_WORD.search(body) or OWNER.search(body) or CHURN.search(body) or (
        REACTIVATE.search(body) and not DOC_WORD.search(body)))


def _documents_received(body: str) -> bool:
    return bool(DOC_WORD.search(body) and (RECEIVED.search(body) or ALL_ITEMS.search(body))
                and not MONEY_WORD.search(body.replace("发票", "")))


def _chase(body: str) -> bool:
    if CHANNEL.search(body) and re.search(r"催了|提醒了|催过|(?<![a-z])(?:chased|reminded)(?![a-z])", body):
        return False  # "今天给长青打电话催了发票": a call that happened, logged as one
    return bool((DOC_WORD.search(body) or NEW_ITEM.search(body)) and CHASE.search(body) and not PAY_CHASE.search(body))


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
    ("log_interaction", lambda b: bool((CHANNEL.search(b) or TALK_VERB.search(b)) and LOGGED_ACT.search(b))),
]


def _payment_or_promise(said: Said) -> str | None:
    """Money that came in (a past act, or an amount / invoice named) or money promised (a day ahead)."""
    text = said.text
    if not said.amounts and not said.codes and CHANNEL.search(text) and LOGGED_ACT.search(text):
        return "log_interaction"  # "给明远贸易打了个电话，确认了…": a call, not money
    if PROMISE.search(text):
        return "promise_to_pay"
    if any(mark in text for mark in PAST_MARK):
        return "record_payment"
    future = any(_is_future(spec, said.today) for spec in said.days) or (not said.days and any(
        p.label.startswith(("下", "next", "月底", "年底")) for p in said.periods))
    if FUTURE_PAY.search(text) or future:
        return "promise_to_pay"
    if said.amounts or said.codes:
        return "record_payment"
    return None  # "明远贸易的回款": money named, nothing said to have happened


def _is_future(spec: DaySpec, today: date) -> bool:
    """A day that can only be ahead: 明天, 下周三, 月底, 三天内, or a date within the next two months (12/15)."""
    if spec.kind in ("rel", "in_days"):
        return spec.offset > 0
    if spec.kind in ("month_end", "year_end"):
        return True
    if spec.kind == "weekday":
        return spec.week_named and spec.offset > 0
    day = resolve_day(spec, today, "future")
    return day is not None and today < day <= today + timedelta(days=62)


def _names_someone(said: Said) -> bool:
    m = said.mentions
    return bool(m.clients or m.candidates or m.unresolved_name)
