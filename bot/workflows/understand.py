"""Understanding workflow commands and questions, with the question parser's own pieces: its normalisation, its
period reader, its entity index (client and colleague names, with slips and ambiguity) and its keyword lexicon.

    ask = understand_workflow(text, today=today, viewer=viewer, index=index, terms=terms)

returns None when the message is not about workflows (the question parser then takes it), else a `WorkflowAsk`.
The stages: periods → client names that contain a workflow word ("立信审计") → workflow words (lexicon.py) →
every other known word and name (EntityIndex.scan_terms) → mentions → the family → what is left over. A message
that also speaks of money, contracts, documents … or leaves words unexplained is not taken: better the question
parser's "not sure" than a workflow answer to another question.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from bot.understand.entities import EntityIndex, Term
from bot.understand.mentions import resolve_mentions
from bot.understand.period_dates import resolve
from bot.understand.periods import PeriodSpec, find_periods
from bot.understand.text import Scan, has_cjk, is_cjk, normalize, segment
from bot.workflows.lexicon import CANCEL, CONFIRM
from domain.scope import Viewer

MAX_CHARS = 200
FOREIGN = {"receivable", "invoice", "collect", "collection_rate", "invoiced", "signed", "revenue", "profit", "margin",
           "credit", "contract", "renew", "aging", "negative", "feedback", "not_contacted", "tax_deadline", "docs",
           "debtor", "expire", "due", "help"}
Family = Literal["complete", "reassign", "wait", "status", "pending", "overdue", "tasks", "history", "on_time",
                 "load", "cycle", "confirm", "cancel"]
COMMANDS = {"complete", "reassign", "wait"}


@dataclass
class WorkflowAsk:
    family: Family
    language: Literal["zh", "en"]
    text: str = ""  # the normalised message
    clients: list[int] = field(default_factory=list)
    candidates: list[int] = field(default_factory=list)  # an ambiguous client name: ask back
    unresolved_client: bool = False
    templates: list[str] = field(default_factory=list)  # services named
    stages: list[tuple[str, str]] = field(default_factory=list)  # (template, stage key) named
    unknown_stage: str | None = None  # a command naming a stage nobody has ("装修完成")
    period: str | None = None  # "2026-11" or a year "2025"
    current_period: bool = False  # "本月 / this month": the period being worked this month
    window: tuple[date, date] | None = None
    staff: list[int] = field(default_factory=list)
    me: bool = False
    by: Literal["stage", "staff"] | None = None


# What `_family` needs at the least: one of these signals alone, or one of the weak ones with a service or stage
# named. Keep in step with `_family` and `_question_family`.
STANDALONE = {"on_time", "cycle", "load", "transfer", "wait", "done", "who_did", "progress", "task"}
WITH_NAMED = {"not_yet", "progress_weak", "overdue"}


class TermGate:
    """Whether a message could be about workflows at all: 确认 / 取消, or workflow words somewhere in it that
    could make a family. The understanding finds its words in the masked text (a copy of the normalised one with
    some characters hidden), so they are among the words found anywhere in the normalised text, and `_family`
    only grows more likely with more words: a message that does not pass gets None from `understand_workflow`
    too. It is left to the question parser without a session or a name scan — microseconds ("逾期总额是多少"
    has a workflow word, 逾期, but neither a task nor a service named)."""

    def __init__(self, terms: dict[str, frozenset[str]]) -> None:
        self.terms = terms
        self.lengths = sorted({len(surface) for surface in terms}, reverse=True)

    def __call__(self, text: str) -> bool:
        normalized = normalize(text if isinstance(text, str) else "")
        if normalized in CONFIRM or normalized in CANCEL:
            return True
        if not normalized or len(normalized) > MAX_CHARS:
            return False
        tags = self._tags(normalized)
        signals = {tag[3:] for tag in tags if tag.startswith("wf.")}
        named = any(tag.startswith(("svc.", "stage.")) for tag in tags)
        return bool(signals & STANDALONE or (named and signals & WITH_NAMED))

    def _tags(self, normalized: str) -> set[str]:
        terms, size, found = self.terms, len(normalized), set()
        for start in range(size):
            for length in self.lengths:
                if start + length <= size and (tags := terms.get(normalized[start:start + length])):
                    found |= tags
        return found


def understand_workflow(text: str, *, today: date, viewer: Viewer, index: EntityIndex,
                        terms: dict[str, frozenset[str]]) -> WorkflowAsk | None:
    normalized = normalize(text if isinstance(text, str) else "")
    language: Literal["zh", "en"] = "zh" if has_cjk(text or "") else "en"
    if normalized in CONFIRM or normalized in CANCEL:
        return WorkflowAsk("confirm" if normalized in CONFIRM else "cancel", language, normalized)
    if not normalized or len(normalized) > MAX_CHARS:
        return None
    scan = Scan(normalized)
    periods = find_periods(scan)
    _protect_client_names(scan, index, terms)
    _take_terms(scan, terms)
    tags = {tag for hit in scan.of_kind("wf") for tag in hit.tags}
    if not tags:
        return None
    index.scan_terms(scan)
    mentions = resolve_mentions(scan, index, viewer)
    cues = {tag[4:] for hit in scan.of_kind("term") for tag in hit.tags if tag.startswith("cue.")}
    if cues & FOREIGN or len(periods) > 1:
        return None
    ask = WorkflowAsk("status", _language(scan, language), normalized, clients=list(mentions.clients),
                      candidates=list(mentions.candidates), unresolved_client=mentions.unresolved_name,
                      staff=list(mentions.staff), me="owner_me" in cues)
    _named(ask, tags)
    signals = {t[3:] for t in tags if t.startswith("wf.")}
    if signals & {"done", "wait", "transfer"} and (ask.templates or ask.stages) and not ask.clients:
        ask.unresolved_client = ask.unresolved_client or any(
            end - start >= 2 and has_cjk(scan.text[start:end]) for start, end in scan.residue())
    family = _family(ask, signals, cues)
    if family is None:
        return None
    ask.family = family
    if not _residue_ok(scan, ask):
        return None
    if periods:
        _period(ask, periods[0], today)
    return ask


def _protect_client_names(scan: Scan, index: EntityIndex, terms: dict[str, frozenset[str]]) -> None:
    """A client alias containing a workflow word ("立信审计", "明远工作室") stays a name."""
    probe = Scan(scan.masked())
    index.scan_terms(probe)
    for hit in probe.of_kind("term"):
        term = hit.value
        if isinstance(term, Term) and term.clients and any(word in hit.surface for word in terms):
            scan.take(hit.start, hit.end, "term", term, term.tags)


def _take_terms(scan: Scan, terms: dict[str, frozenset[str]]) -> None:
    """The workflow words, segmented to leave the fewest characters unexplained — greedy longest-match would
    read "做账务处理" as 做账 + 务处理."""
    text = scan.masked()
    lengths = sorted({len(surface) for surface in terms}, reverse=True)
    for begin, end in segment(text, lambda _ch: lengths, terms.__contains__):
        scan.take(begin, end, "wf", text[begin:end], terms[text[begin:end]])



def _language(scan: Scan, fallback: Literal["zh", "en"]) -> Literal["zh", "en"]:
    surfaces = [hit.surface for hit in scan.of_kind("wf")]
    if any(has_cjk(s) for s in surfaces):
        return "zh"
    return "en" if surfaces else fallback


def _named(ask: WorkflowAsk, tags: set[str]) -> None:
    for tag in sorted(tags):
        kind, _, rest = tag.partition(".")
        if kind == "svc":
            ask.templates.append(rest)
        elif kind == "stage":
            template, _, key = rest.partition(".")
            ask.stages.append((template, key))


def _family(ask: WorkflowAsk, signals: set[str], cues: set[str]) -> Family | None:
    named = bool(ask.templates or ask.stages)
    client = bool(ask.clients or ask.candidates or ask.unresolved_client)
    if "on_time" in signals:
        ask.by = "staff" if "by_staff" in signals or "staff_noun" in cues else "stage"
        return "on_time"
    if "cycle" in signals:
        return "cycle"
    counted = cues & {"rank_most", "who", "count", "howmuch"} or "by_staff" in signals
    if "load" in signals or ("task" in signals and counted and not ask.me and not ask.staff):
        return "load"
    if "transfer" in signals and client and ask.staff:
        return "reassign"
    if "wait" in signals and client:
        return "wait"
    if "not_yet" in signals and named and not client:
        return "pending"
    if "done" in signals and client and "not_yet" not in signals:
        return "complete"
    return _question_family(ask, signals, named, client)


def _question_family(ask: WorkflowAsk, signals: set[str], named: bool, client: bool) -> Family | None:
    if "who_did" in signals and client:
        return "history"
    if client and ("progress" in signals or (signals & {"progress_weak", "task", "not_yet"} and (named or
                                                                                                 "task" in signals))):
        return "status"
    if "overdue" in signals and (named or "task" in signals) and not client:
        return "overdue"
    if "task" in signals and not client and not named:
        return "tasks"
    return None


def _residue_ok(scan: Scan, ask: WorkflowAsk) -> bool:
    """Whatever is left unexplained: a number or two characters / a word too many → not a workflow message — except
    a command naming a stage nobody has, which gets a clear "no such stage"."""
    unexplained = []
    for start, end in scan.residue():
        piece = scan.text[start:end]
        if any(ch.isdigit() for ch in piece):
            return False
        unexplained.append(piece)
    cjk = sum(1 for piece in unexplained for ch in piece if is_cjk(ch))
    words = sum(len(piece.split()) for piece in unexplained if not has_cjk(piece))
    if cjk + 2 * words < 2:
        return True
    if ask.unresolved_client and ask.family in ("complete", "wait", "reassign", "status", "history"):
        return True  # the unexplained text is a company name nobody has: "no such client"
    if ask.family in ("complete", "wait") and not ask.stages and len(unexplained) == 1 and has_cjk(unexplained[0]):
        ask.unknown_stage = unexplained[0]
        return True
    return False


def _period(ask: WorkflowAsk, spec: PeriodSpec, today: date) -> None:
    resolved = resolve(spec, today, "past", False)
    ask.window = (resolved.window.start, resolved.window.end)
    if spec.kind == "cal" and spec.unit == "month" and spec.offset == 0:
        ask.current_period = True
    elif resolved.month:
        ask.period = resolved.month
    elif spec.kind == "cal" and spec.unit == "year":
        ask.period = str(resolved.window.start.year)
