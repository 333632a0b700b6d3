"""Deterministic understanding of staff questions in Chinese and English: text → `domain.queries.Query`.

    index = EntityIndex.load(session)          # once per App; rebuild when clients/staff change
    understood = understand(text, today=today, viewer=viewer, index=index)

`understood.query.intent` is `unknown` when the parser is not sure, with `unknown_reason` one of:
"empty", "too_long", "no_intent", "unrecognised_words", "unparsed_number", "negation", "client_not_found",
"conflict:<words>", "two_questions", "multiple_periods", "multiple_thresholds", "multiple_limits",
"multiple_staff", "ambiguous:due", "ambiguous:tax", "missing:<slot>", "unsupported:<slot>",
"not_for_contacts". When a client name fits several clients, `understood.ambiguous` (and
`query.candidates`) hold their full names and the query is otherwise complete: the pipeline asks back.
"""

from bot.understand.entities import EntityIndex
from bot.understand.parser import Understood, understand

__all__ = ["EntityIndex", "Understood", "understand"]
