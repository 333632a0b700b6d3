"""Interactions (记一笔 / log a call), feedback (4分 / five stars) and undo (撤销)."""

from __future__ import annotations

import re

from bot.understand.actions.common import ask, done, leftover, one_day, relay
from bot.understand.actions.reading import Said
from bot.understand.actions.result import ActionUnderstood, NeedsInput
from bot.understand.actions.targets import pick_client
from bot.understand.actions.words import CHANNEL, FEEDBACK, LOG_PREFIX, SCORE
from bot.understand.numbers import parse_number
from domain.actions.commands import LogInteraction, RecordFeedback, Undo

CHANNELS = {"phone": "电话", "wechat": "微信", "email": "邮件", "meet": "面谈"}
LEAD_ZH = re.compile(r"^(?:(?:今天|昨天|前天)|[和跟与同给去在到对向帮])+")
LEAD_EN = re.compile(r"^(?:(?:a|an|the|quick|short|phone|video)\s+)*(?:call|calls|meeting|visit|email|chat|wechat)?"
                     r"(?:\s+(?:with|to|at|from))?\s*(?::)?\s*(?:re|about|regarding|on)?[\s:]+", re.IGNORECASE)
FEEDBACK_WORDS = re.compile(r"客户|反馈|评价|评分|打分|给了?|打了|(?<![a-z])(?:feedback|rated|rating|score|review|gave|"
                            r"us|it)(?![a-z])|[:：]", re.IGNORECASE)


def channel_of(text: str) -> str | None:
    match = CHANNEL.search(text)
    if match is None:
        return None
    return next(CHANNELS[name] for name, value in match.groupdict().items() if value)


def log_interaction(said: Said) -> ActionUnderstood:
    client = pick_client(said, "log_interaction")
    on = one_day(said, "past")
    channel = channel_of(said.text)
    prefix = LOG_PREFIX.match(said.text)
    summary = leftover(said, prefix.group(0) if prefix else "")
    summary = LEAD_EN.sub("", summary, count=1) if said.language == "en" else LEAD_ZH.sub("", summary, count=1)
    summary = summary.strip(" :：,，.。")
    if isinstance(client, NeedsInput):
        return relay(said, client, on=on, channel=channel, summary=summary)
    return done(said, LogInteraction(client_id=client, on=on, channel=channel, summary=summary))


def score_of(text: str) -> int | None:
    match = SCORE.search(text)
    if match is None:
        return None
    if match.group(0) == "满分":
        return 5
    value = parse_number(match.group("n") or match.group("e") or match.group("s") or "")
    return int(value) if value is not None and 1 <= value <= 5 else None


def record_feedback(said: Said) -> ActionUnderstood | None:
    client = pick_client(said, "record_feedback")
    score = score_of(said.text)
    match = SCORE.search(said.text)
    comment = leftover(said, match.group(0) if match else "")
    comment = FEEDBACK_WORDS.sub(" ", comment)
    comment = re.sub(r"\s+", " ", comment).strip(" :：,，.。;；") or None
    if isinstance(client, NeedsInput):
        return relay(said, client, score=score, comment=comment)
    if score is None and not _says_something(comment):
        return None  # "feedback from Acme": neither a score nor what they said
    if score is None:
        return ask(said, "record_feedback", "missing_part", "score", client_id=client, comment=comment)
    return done(said, RecordFeedback(client_id=client, score=score, comment=comment))


def _says_something(comment: str | None) -> bool:
    if not comment:
        return False
    words = re.findall(r"[a-zA-Z]+", comment)
    return sum(1 for ch in comment if "\u4e00" <= ch <= "\u9fff") >= 2 or len(words) >= 2


def is_feedback(text: str) -> bool:
    return bool(SCORE.search(text) or FEEDBACK.search(text))


def undo(said: Said) -> ActionUnderstood:
    return done(said, Undo())
