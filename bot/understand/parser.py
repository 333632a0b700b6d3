"""`understand`: a staff member's (or a client contact's) question → an `Understood` (a typed `Query`).

The stages, each consuming the parts of the normalised text it explains:
1. periods ("上个月", "未来两周", "2026年10月"), thresholds ("60天以上", "超过5000元"), top-N ("前10"),
   credit ratings ("信用等级为D");
2. one walk for every known word — keywords, attribute values, client / colleague names — choosing the
   segmentation that explains the most text (entities.py);
3. client names with a slip, or named ambiguously (mentions.py);
4. requests that are not questions (actions, per-group breakdowns), then whatever is left over (the
   residue): a number nobody read, a negation, an unknown word — the parser is not sure, because
   "I don't know" beats a confident wrong answer;
5. the family (decide.py) and the Query (build.py), which refuses filters the family cannot honour.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from bot.understand.build import NO_CLIENT_FILTER, build_query
from bot.understand.decide import NotSure, Reading, decide, refuse_early
from bot.understand.entities import EntityIndex
from bot.understand.mentions import resolve_mentions
from bot.understand.periods import EN_MONTHS, find_periods
from bot.understand.settle import settle
from bot.understand.settle import values as tag_values
from bot.understand.slots import find_credit, find_limits, find_thresholds
from bot.understand.text import Scan, has_cjk, is_cjk, normalize
from domain.queries import Intent, Query
from domain.scope import Viewer

MAX_CHARS = 200  # longer messages are not questions this parser should guess at
NEGATION_CHARS = set("不非没未无别")
# a question whether: 吗 / 么 / 是否 / 是不是 (text.normalize makes 有没有 是否有 and 了没 了吗), or English word order
YES_NO = re.compile(r"吗|么$|是否|是不是|^(?:has|have|had|did|does|do|is|are|was|were)(?![a-z])")


class Understood(BaseModel):
    query: Query
    language: Literal["zh", "en"]
    ambiguous: list[str] = Field(default_factory=list)  # candidates' full names: ask back which one
    unknown_reason: str | None = None  # a short code when query.intent is unknown (see bot/understand/__init__)


@dataclass
class Analysis:
    """The first stages' work on one question: what was consumed, and the reading of it."""

    scan: Scan
    reading: Reading
    language: Literal["zh", "en"]




def understand(text: str, *, today: date, viewer: Viewer, index: EntityIndex) -> Understood:
    analysis = analyse(text, viewer=viewer, index=index)
    if isinstance(analysis, Understood):
        return analysis
    return conclude(analysis, today=today, viewer=viewer, index=index)


def analyse(text: str, *, viewer: Viewer, index: EntityIndex) -> Analysis | Understood:
    """Stages 1–3 (slots, words, names); an `Understood` only for an empty or over-long message."""
    raw = text if isinstance(text, str) else ""
    language: Literal["zh", "en"] = "zh" if has_cjk(raw) else "en"
    normalized = normalize(raw)
    if not normalized:
        return _unknown("empty", language)
    if len(normalized) > MAX_CHARS:
        return _unknown("too_long", language)
    scan = Scan(normalized)
    periods = find_periods(scan)
    thresholds = find_thresholds(scan)
    limits = find_limits(scan)
    credit = find_credit(scan)
    index.scan_terms(scan)
    mentions = resolve_mentions(scan, index, viewer)
    reading = _reading(scan, mentions, periods, thresholds, limits, credit)
    return Analysis(scan, reading, _language(scan, raw))


def conclude(analysis: Analysis, *, today: date, viewer: Viewer, index: EntityIndex,
             unread_words: bool = False) -> Understood:
    """Stages 4–5: the residue, the family and the Query — or "not sure" with the reason. `unread_words`: what the
    rules would say if the words nobody read were not there (numbers, month names and negations still refuse);
    generalise.py uses it only where the classifier agrees."""
    scan, reading, language = analysis.scan, analysis.reading, analysis.language
    mentions = reading.mentions
    try:
        refuse_early(reading)
        if mentions.unresolved_name:
            raise NotSure("client_not_found")
        if mentions.unresolved_staff:
            raise NotSure("staff_not_found")
        _check_residue(scan, check_words=not unread_words)
        intent = decide(reading, contact=viewer.is_contact)
        if viewer.is_contact:
            reading.mentions.clients, reading.mentions.candidates = [], []  # a contact only ever sees its own
        query = build_query(intent, reading, today, viewer)
        if mentions.candidates and intent in NO_CLIENT_FILTER:
            raise NotSure("unsupported:client_filter")
    except NotSure as not_sure:
        return _unknown(not_sure.reason, language)
    ambiguous = [index.client_names[cid] for cid in reading.mentions.candidates]
    query.candidates = ambiguous
    return Understood(query=query, language=language, ambiguous=ambiguous)


def _unknown(reason: str, language: Literal["zh", "en"]) -> Understood:
    return Understood(query=Query(intent=Intent.unknown), language=language, unknown_reason=reason)


def _language(scan: Scan, raw: str) -> Literal["zh", "en"]:
    """The language of the words that carried meaning; the script of the message breaks a tie."""
    zh = en = 0
    for hit in scan.hits:
        meaningful = hit.kind != "term" or any(tag not in ("filler", "neg") for tag in hit.tags)
        if meaningful and hit.kind not in ("client_name",):
            if has_cjk(hit.surface):
                zh += 1
            elif re.search(r"[a-z]", hit.surface):
                en += 1
    if zh != en:
        return "zh" if zh > en else "en"
    return "zh" if has_cjk(raw) else "en"


def _reading(scan: Scan, mentions, periods, thresholds, limits, credit) -> Reading:
    cues: set[str] = set()
    attrs: dict[str, list[str]] = defaultdict(list)
    soft: dict[str, list[str]] = defaultdict(list)
    tag_word = any("cue.tag_word" in hit.tags for hit in scan.hits)
    for hit in scan.hits:
        if hit.kind not in ("term", "credit"):
            continue
        cues |= {tag[4:] for tag in hit.tags if tag.startswith("cue.")}
        values = tag_values(hit.tags)
        if "industry" in values and "tag" in values:
            del values["tag" if not tag_word else "industry"]
        dual = "service" in values and ("industry" in values or any(t.startswith("cue.") for t in hit.tags))
        for kind, found in values.items():
            (soft if dual and kind in ("service", "industry") else attrs)[kind].extend(found)
    settle(scan, cues, attrs)
    return Reading(cues=cues, attrs=dict(attrs), soft=dict(soft), mentions=mentions, periods=periods,
                   days=[t for t in thresholds if t.kind == "days"],
                   amounts=[t for t in thresholds if t.kind == "amount"], limits=limits, credit=credit,
                   yes_no=bool(YES_NO.search(scan.text)))


_SPELLED_QUANTITY = re.compile(r"[一二两俩三仨四五六七八九十百千万半]\s*[个拉]?\s*"
                               r"(月|天|日|周|年|星期|礼拜|万|千|元|块|家|个)")


def _check_residue(scan: Scan, check_words: bool = True) -> None:
    """Unexplained text: a number, a negation, a word, or more than one stray character → not sure.

    A one-character filler glued to unexplained characters counts with them: in "下雨天" the 下 is not the
    下 of "看下"."""
    if scan.of_kind("grade"):
        raise NotSure("ambiguous:grade")  # "A级客户": a credit rating or a tier? never a guess
    runs = scan.residue()
    glue = {hit.start: hit for hit in scan.hits if _is_glue(hit)}
    glue_ends = {hit.end: hit for hit in glue.values()}
    cjk = words = 0
    for start, end in runs:
        piece = scan.text[start:end]
        if any(ch.isdigit() for ch in piece) or _SPELLED_QUANTITY.search(piece):
            raise NotSure("unparsed_number")  # "俩月", "三星期多": a quantity no rule read is never dropped
        if piece in EN_MONTHS or piece.strip() in ("月", "年"):
            raise NotSure("unparsed_period")  # a month name no rule read ("oct" mid-sentence), "那个月的回款"
        if NEGATION_CHARS & set(piece):
            raise NotSure("negation")
        cjk += sum(1 for ch in piece if is_cjk(ch)) + _glued(glue, glue_ends, start, end, has_cjk(piece))
        words += len(re.findall(r"[a-z]+", piece))
    if "neg" in scan.tags():
        raise NotSure("negation")
    if check_words and cjk + 2 * words >= 2:
        raise NotSure("unrecognised_words")


def _is_glue(hit) -> bool:
    return hit.kind == "term" and hit.tags == frozenset({"filler"}) and len(hit.surface) == 1 and is_cjk(hit.surface)


def _glued(glue: dict, glue_ends: dict, start: int, end: int, cjk_run: bool) -> int:
    """How many one-character fillers touch this unexplained run (on either side, in a row)."""
    if not cjk_run:
        return 0
    count = 0
    while start in glue_ends:
        count += 1
        start = glue_ends[start].start
    while end in glue:
        count += 1
        end = glue[end].end
    return count
