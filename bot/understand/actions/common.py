"""Small pieces every action family uses: the answer objects, the one day of a sentence, the words left over."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal

from bot.understand.actions.dates import Direction, resolve_day
from bot.understand.actions.reading import Said
from bot.understand.actions.result import ActionUnderstood, NeedsInput, NeedsKind
from bot.understand.period_dates import resolve
from domain.actions.commands import Command

EDGE = re.compile(r"^[\s:：,，.。;；!！、\-—~·]+|[\s:：,，.。;；!！、\-—~·]+$")


def done(said: Said, command: Command) -> ActionUnderstood:
    return ActionUnderstood(intent=command.kind, language=said.language, command=command)


def ask(said: Said, intent: str, kind: NeedsKind, part: str, choices=(), **partial: object) -> ActionUnderstood:
    data = {key: _jsonable(value) for key, value in partial.items() if value not in (None, (), [], "")}
    needs = NeedsInput(kind, intent, part, tuple(choices), data)
    return ActionUnderstood(intent=intent, language=said.language, needs=needs)


def relay(said: Said, needs: NeedsInput, **partial: object) -> ActionUnderstood:
    """A question about the client (from `targets.pick_client`), with what was understood besides."""
    return ask(said, needs.intent, needs.kind, needs.part, needs.choices, **{**needs.partial, **partial})


def _jsonable(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def one_day(said: Said, direction: Direction, *, periods_end: bool = False) -> date | None:
    """The day the sentence names (the first, when it names a day twice); with `periods_end`, a period named
    instead of a day ("下周", "下个月") gives its last day — "by next week"."""
    for spec in said.days:
        day = resolve_day(spec, said.today, direction)
        if day is not None:
            return day
    if periods_end and said.periods:
        return resolve(said.periods[0], said.today, direction, trim_past=False).window.end
    return None


def amount_of(said: Said) -> Decimal | tuple[Decimal, ...] | None:
    """The one amount named; None when none; a tuple when several differ (ask which)."""
    found = tuple(dict.fromkeys(said.amounts))
    if not found:
        return None
    return found[0] if len(found) == 1 else found


def leftover(said: Said, *drop: str, kinds: tuple[str, ...] = ("client_name", "day", "code")) -> str:
    """The raw sentence without the client's name, the days, the codes and the given words — what was said
    about the action (a call's summary, a feedback comment, a dispute's note)."""
    text = unicodedata.normalize("NFKC", said.raw)
    pieces = [hit.surface for hit in said.scan.hits if hit.kind in kinds or _is_client_term(said, hit)]
    for piece in sorted(pieces + [d for d in drop if d], key=len, reverse=True):
        text = _remove(text, piece)
    return EDGE.sub("", re.sub(r"\s+", " ", text)).strip()


def _is_client_term(said: Said, hit) -> bool:
    term = hit.value
    return hit.kind == "term" and getattr(term, "clients", None) and any(
        cid in said.mentions.clients or cid in said.mentions.candidates for cid, _ in term.clients)


def _remove(text: str, piece: str) -> str:
    """Remove the first occurrence of a normalised piece, matching case-insensitively and across spaces."""
    words = [re.escape(w) for w in piece.split()]
    if not words:
        return text
    pattern = r"[\s\-,.]*".join(words)
    return re.sub(pattern, " ", text, count=1, flags=re.IGNORECASE)
