"""Scoring understanding against a question set: each question right, "not sure", or wrong.

A set is a text file, one question a line: ``family | slots | question`` (``#`` starts a comment line).
Slots are ``key=value`` separated by spaces:
``c`` client ids (comma-separated), ``o`` owner ids or ``me``, ``s`` the colleague asked about
(staff_client_count), ``p`` a period (``2026-10`` a month — the window or the month field — or
``2026-11-22..2026-12-22``), ``d`` days threshold (overdue days, days without contact or of feedback),
``a`` amount threshold, ``n`` limit, ``asc`` 1 for lowest-first, ``tier``/``region``/``ind``/``tag``,
``cr`` credit rating, ``late`` 1/0 (documents), ``tax``, ``metric`` (staff ranking), ``m`` the measure and
``dim`` the dimension of an analytics question, ``seg`` a value segment, ``share`` 1 for 占比.

*Right*: the family and every listed slot match, and no filter the line does not list was added (client,
owner, colleague, thresholds, limit, tier, region, industry, tag, rating; ``late`` for documents). A
question whose family is ``unknown`` (an action, chit-chat, nonsense) is right when it is not answered.
*Not sure*: the question was not answered (asked back — also which of several clients a name fits — or said
what can be answered). *Wrong*: answered
with another family or other slots. Families this build has no Query for yet (docs/questions.md's new
ones) are scored on the family and the slots the rules read (the period is not compared for them).
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from pathlib import Path

from bot.understand.entities import EntityIndex
from bot.understand.generalise import Outcome, interpret
from domain.scope import Viewer

STRICT = ("c", "o", "s", "d", "a", "n", "tier", "region", "ind", "tag", "cr", "asc")


@dataclass(frozen=True)
class Case:
    family: str
    slots: dict[str, str]
    text: str
    line: int


@dataclass
class Scored:
    case: Case
    verdict: str  # "right" | "not_sure" | "wrong"
    got: str
    got_slots: dict[str, str]
    top: tuple[str, float] = ("", 0.0)  # the classifier's best guess, for the calibration table


@dataclass
class Report:
    scored: list[Scored] = field(default_factory=list)
    seconds: float = 0.0

    def count(self, verdict: str) -> int:
        return sum(1 for s in self.scored if s.verdict == verdict)

    @property
    def accuracy(self) -> float:
        return self.count("right") / len(self.scored) if self.scored else 0.0

    def by_family(self) -> dict[str, Counter]:
        out: dict[str, Counter] = defaultdict(Counter)
        for s in self.scored:
            out[s.case.family][s.verdict] += 1
        return dict(sorted(out.items()))


def load(path: Path) -> list[Case]:
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        family, slots, text = (part.strip() for part in line.split("|", 2))
        pairs = dict(item.split("=", 1) for item in slots.split() if item != "-")
        cases.append(Case(family, pairs, text, number))
    return cases


def run(cases: list[Case], *, today: date, viewer: Viewer, index: EntityIndex) -> Report:
    report = Report()
    started = time.perf_counter()
    for case in cases:
        outcome = interpret(case.text, today=today, viewer=viewer, index=index)
        scored = score(case, outcome, viewer)
        if outcome.guesses:
            scored.top = (outcome.guesses[0].label, outcome.guesses[0].probability)
        report.scored.append(scored)
    report.seconds = time.perf_counter() - started
    return report


def score(case: Case, outcome: Outcome, viewer: Viewer) -> Scored:
    answered = outcome.family != "unknown"
    got_slots = slots_of(outcome, viewer) if answered else {}
    if case.family == "unknown" and outcome.family == "help":
        answered = False  # a greeting answered with what can be asked is not a wrong answer
    if not answered:
        verdict = "right" if case.family == "unknown" else "not_sure"
        return Scored(case, verdict, outcome.understood.unknown_reason or "unknown", got_slots)
    if outcome.understood.ambiguous and "c" not in got_slots:  # it asks which client, with buttons: no answer
        return Scored(case, "right" if case.family == "unknown" else "not_sure", "ask_back:client", got_slots)
    if not _same_family(case, outcome.family, got_slots) or not _slots_match(case, got_slots):
        return Scored(case, "wrong", outcome.family, got_slots)
    return Scored(case, "right", outcome.family, got_slots)


# one client's flow figure is the same number as the flow family filtered to that client
SAME_NUMBER = {"collected": "collected", "invoiced": "invoiced", "signed": "signed"}


def _same_family(case: Case, got: str, got_slots: dict[str, str]) -> bool:
    if case.family == got:
        return True
    if case.family == "client_metric" and got == SAME_NUMBER.get(case.slots.get("m", "")):
        got_slots["m"] = case.slots["m"]
        return True
    # "王芳的客户数量", "我有多少个客户": the active clients one staff member owns (semantics.md, Clients) — the
    # count of clients filtered by that owner is the same number as that staff member's client count
    if case.family == "client_count" and got == "staff_client_count" and set(case.slots) == {"o"} \
            and _staff(got_slots.get("s", "")) == _staff(case.slots["o"]):
        got_slots.pop("s")
        got_slots["o"] = case.slots["o"]
        return True
    if case.family == "staff_client_count" and got == "client_count" and set(case.slots) == {"s"} \
            and _staff(got_slots.get("o", "")) == _staff(case.slots["s"]):
        got_slots.pop("o")
        got_slots["s"] = case.slots["s"]
        return True
    if case.family == "breakdown" and got == "aging" and case.slots.get("dim") == "aging" \
            and case.slots.get("m") == "overdue_amount":  # the aging report is that breakdown
        got_slots.update(m="overdue_amount", dim="aging")
        return True
    return False


def _staff(value: str) -> str:
    return "1" if value == "me" else value  # the sets' asker is staff id 1 (conftest.py)


def _slots_match(case: Case, got: dict[str, str]) -> bool:
    for key, value in case.slots.items():
        if key == "p" and "p" not in got:
            if case.family in _NO_PERIOD_CHECK:
                continue
            return False
        if key == "p":
            if value not in got["p"].split("|"):
                return False
        elif got.get(key, "") != value:
            return False
    for key in STRICT:
        if key not in case.slots and got.get(key, "0") not in ("", "0"):
            return False
    return not (case.family == "documents_missing" and got.get("late", "0") != case.slots.get("late", "0"))


_NO_PERIOD_CHECK = {"breakdown", "trend", "summary", "staff_board", "new_clients", "clients_by_health",
                    "clients_at_risk", "client_segments", "client_metric"}


def slots_of(outcome: Outcome, viewer: Viewer) -> dict[str, str]:
    if outcome.slots_reading is not None:
        return _reading_slots(outcome, viewer)
    q = outcome.understood.query
    out: dict[str, str] = {}
    f = q.clients
    _put(out, "c", f.client_ids)
    _put(out, "o", ["me" if i == viewer.staff_id else i for i in f.owner_ids or []])
    _put(out, "s", [q.staff_id] if q.staff_id is not None else [])
    periods = []
    if q.month:
        periods.append(q.month)
    if q.window:
        periods.append(f"{q.window.start}..{q.window.end}")
        if q.window.start.day == 1 and q.window.start.month == q.window.end.month:
            periods.append(str(q.window.start)[:7])
    if periods:
        out["p"] = "|".join(periods)
    days = q.min_days_overdue if q.min_days_overdue is not None else q.days
    _put(out, "d", [days] if days is not None else [])
    _put(out, "a", [format(q.min_amount.normalize(), "f")] if q.min_amount is not None else [])
    _put(out, "n", [q.limit] if q.limit not in (None, 1000) else [])  # 1000: "all of them, largest first"
    out["asc"] = "1" if q.ascending else ""
    _put(out, "tier", [t.value for t in f.tiers])
    _put(out, "region", f.regions)
    _put(out, "ind", f.industries)
    _put(out, "tag", f.tags)
    _put(out, "cr", [q.credit_rating] if q.credit_rating else [])
    out["late"] = "1" if q.late_only else "0"
    _put(out, "tax", [q.tax] if q.tax else [])
    _put(out, "metric", [q.metric] if q.metric else [])
    _put(out, "m", [q.measure] if q.measure else [])
    _put(out, "dim", [q.dimension] if q.dimension else [])
    _put(out, "seg", [q.segment] if q.segment else [])
    out["share"] = "1" if q.share else ""
    return {k: v for k, v in out.items() if v}


def _reading_slots(outcome: Outcome, viewer: Viewer) -> dict[str, str]:
    r = outcome.slots_reading.reading  # type: ignore[union-attr]
    out: dict[str, str] = {}
    _put(out, "c", list(r.mentions.clients))
    owners: list = list(r.mentions.staff)
    if r.owner_me:
        owners.append("me")
    _put(out, "o", owners)
    _put(out, "n", sorted({limit.n for limit in r.limits}))
    if "rank_least" in r.cues or any(limit.ascending for limit in r.limits):
        out["asc"] = "1"
    for key, kind in (("tier", "tier"), ("region", "region"), ("ind", "industry"), ("tag", "tag")):
        _put(out, key, list(dict.fromkeys(r.attrs.get(kind, []))))
    return out


def _put(out: dict[str, str], key: str, values) -> None:
    if values:
        out[key] = ",".join(str(v) for v in values)


def table(report: Report) -> str:
    n = len(report.scored) or 1
    lines = [f"{'family':<26}{'n':>5}{'right':>7}{'not sure':>10}{'wrong':>7}"]
    for family, counts in report.by_family().items():
        total = sum(counts.values())
        lines.append(f"{family:<26}{total:>5}{counts['right']:>7}{counts['not_sure']:>10}{counts['wrong']:>7}")
    right, unsure, wrong = report.count("right"), report.count("not_sure"), report.count("wrong")
    lines.append(f"{'total':<26}{len(report.scored):>5}{right:>7}{unsure:>10}{wrong:>7}")
    lines.append(f"right {right / n:.1%} · not sure {unsure / n:.1%} · wrong {wrong / n:.1%} · "
                 f"{report.seconds * 1000 / n:.2f} ms a question")
    return "\n".join(lines)


def calibration(report: Report, edges: tuple[float, ...] = (0.0, 0.5, 0.7, 0.85, 0.95, 1.01)) -> str:
    """How often the classifier's best guess is the expected family, by its probability (the "not sure" cut-offs
    are only as good as this table)."""
    lines = [f"{'p(best)':<14}{'n':>6}{'best = expected':>18}"]
    for low, high in pairwise(edges):
        rows = [s for s in report.scored if s.top[0] and low <= s.top[1] < high]
        hits = sum(1 for s in rows if s.top[0] == s.case.family or (s.case.family == "unknown" and s.top[0] in (
            "action", "chitchat", "out_of_scope")))
        share = f"{hits / len(rows):.1%}" if rows else "—"
        lines.append(f"{f'{low:.2f}–{min(high, 1):.2f}':<14}{len(rows):>6}{share:>18}")
    return "\n".join(lines)
