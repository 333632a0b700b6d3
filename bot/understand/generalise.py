"""Rules and classifier together: the rules' slots, and the classifier's family where the rules have none.

    outcome = interpret(text, today=today, viewer=viewer, index=index)
    outcome.understood   # what the pipeline answers (an `Understood`, as `understand` returns)
    outcome.family       # the family asked about (a label of classify.py), "unknown" when not sure
    outcome.choices      # when not sure between two families: both, to ask back "您是想问 A 还是 B?"

How they combine (most cautious first):
1. A client contact, an empty or over-long message: the rules alone.
2. The rules answer, and the classifier agrees or is not confident the other way → the rules' answer.
   A confident different family → ask back between the two (the rules never silently win a real doubt),
   except for a family the rules of this build cannot produce at all (breakdowns, trends … — the rules
   then read part of the question only): the classifier's family.
3. The rules are not sure. Refusals that no classifier may overrule stay: an action, a negation, a
   client name nobody matches, two periods or thresholds, a filter the family cannot honour, a missing
   slot, the tax authority's 纳税信用 (not the firm's rating). Otherwise, when the classifier's best family
   has probability ≥ `CONFIDENT` and leads the second by ≥ `MARGIN`, its family is built with the rules'
   slots (and refused the same way when a slot does not fit); when the best two are both families and
   together likely, ask back; else not sure.
   The classifier's non-questions (action, chit-chat, out-of-scope) are never answered.
4. Words that separate two readings decide, or ask back: "几个客户" with 新签 is a count of new clients,
   not the signed amount; documents "past their deadline" are the late ones, not every missing one.
The checks for what is never answered whatever its words resemble (the firm's own money, a forecast, the opposite
of a list, a statement, a name nobody has …) are in gates.py.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field, replace
from datetime import date

from bot.understand import policy
from bot.understand.analytics import dimensions_of
from bot.understand.build import NO_CLIENT_FILTER, build_query
from bot.understand.classify import NEGATIVE, Guess, masked, model
from bot.understand.context import (
    client_ids,
    first_step,
    kinds_in,
    named_in,
    narrower,
    unreferred_owner,
    without_context,
)
from bot.understand.decide import CLIENT_KINDS, EXPLAINS, NotSure, Reading, staff_metric
from bot.understand.decide import _check_explained as check_explained
from bot.understand.entities import EntityIndex
from bot.understand.gates import (
    PRAISE,
    bare_dimension,
    leading_word,
    leaves_unread,
    leaving_alone,
    not_in_book,
    opening_name,
    read_nothing,
    refusal_of,
    reversing,
    stray_subject,
    unknown_name,
    unread_quantity,
    unread_weight,
)
from bot.understand.parser import Analysis, Understood, analyse, conclude
from bot.understand.places import narrow_by_place, placed_elsewhere, shared_place
from bot.understand.readings import (
    ACKNOWLEDGEMENT,
    ADVICE,
    BOTTOM_WORDS,
    DEADLINE_WORDS,
    LATE_WORDS,
    LOSS_WORDS,
    NEGATED_FAMILIES,
    NOT_CONTACTED,
    OVER_TIME,
    OVERDUE_CLIENT_COUNT,
    PASSIVE,
    RANKING_WORDS,
    REVERSAL,
    STATE_NEGATION,
    second_reading,
)
from domain.queries import Intent, Query
from domain.scope import Viewer

SPLIT = re.compile(r"拆分|拆开|分组|划分|(?<![a-z])(split|broken down|break down|breakdown) by")  # a split asked for


@dataclass
class Outcome:
    understood: Understood
    family: str  # the family answered, or "unknown"
    source: str  # "rules" | "classifier" | "none"
    guesses: list[Guess] = field(default_factory=list)
    choices: list[str] = field(default_factory=list)
    slots_reading: Analysis | None = None  # for a family this build cannot answer yet: the rules' slots
    options: list[tuple[str, Query]] = field(default_factory=list)  # ask-back buttons: (family, its query)


def interpret(text: str, *, today: date, viewer: Viewer, index: EntityIndex) -> Outcome:
    if (steps := first_step(text)) is not None:  # "先看下逾期客户有哪些，再我跟前台对一下账": the first step asks
        if steps[1]:
            return Outcome(Understood(query=Query(intent=Intent.unknown), language="zh",
                                      unknown_reason="two_questions"), "unknown", "rules")
        text = steps[0]
    analysis = analyse(text, viewer=viewer, index=index)
    names = () if isinstance(analysis, Understood) else named_in(analysis.scan)  # as the question gave them
    kinds = () if isinstance(analysis, Understood) else kinds_in(analysis.scan)
    outcome = _interpret(text, today=today, viewer=viewer, index=index, analysis=analysis)
    reason = outcome.understood.unknown_reason or ""
    if not reason.startswith(policy.KEEP_REFUSAL) and (question := without_context(text, names, kinds)) is not None:
        # "明天开会要用，先把逾期客户清单发我": the clause that says why (and when the meeting is) is not the question;
        # "因为上海鼎盛投诉了，上海的客户里谁给过差评": nor is the client it names a filter of the question
        asked = analyse(question, viewer=viewer, index=index)
        retried = _interpret(question, today=today, viewer=viewer, index=index, analysis=asked)
        mine, theirs = retried.understood.query, outcome.understood.query
        if retried.family != "unknown" and (outcome.family == "unknown" or (
                retried.family == outcome.family and narrower(mine, theirs))):
            return retried
        if retried.family not in ("unknown", outcome.family) and (retried.source, outcome.source) == (
                "rules", "classifier"):
            return retried  # "深圳的客户有哪些，新同事 onboarding 要熟悉一下": the context swayed the classifier
        named = set() if isinstance(asked, Understood) else set(asked.reading.mentions.clients)
        if retried.family != outcome.family and client_ids(theirs) - named:
            # "Acme的资料我查过了，长青有没有逾期没交的": the whole message counts Acme in, the question alone does
            # not read the same — neither is answered
            return _not_sure(outcome.understood, "conflict:context", outcome.guesses)
    return outcome


def _interpret(text: str, *, today: date, viewer: Viewer, index: EntityIndex,
               analysis: Analysis | Understood | None = None) -> Outcome:
    if analysis is None:
        analysis = analyse(text, viewer=viewer, index=index)
    if isinstance(analysis, Understood):
        return Outcome(analysis, "unknown", "none")
    rules = conclude(analysis, today=today, viewer=viewer, index=index)
    if viewer.is_contact:
        return Outcome(rules, rules.query.intent.value, "rules")
    if ACKNOWLEDGEMENT.match(analysis.scan.text):  # "收到，谢谢啦" answers a message; it asks nothing
        return _not_sure(rules, "chitchat", [])
    if ADVICE.search(analysis.scan.text) and rules.query.intent != Intent.help:
        return _not_sure(rules, "out_of_scope", [])  # "逾期了怎么办", "什么是应收账款": advice, not the firm's data
    view = masked(analysis.scan)
    refusal = not_in_book(analysis.scan.text, view)
    if refusal:
        return _not_sure(rules, refusal, [])
    guesses = model().rank(view)
    if rules.query.intent != Intent.unknown:
        outcome = _with_rules(rules, guesses, analysis, today, viewer, index)
    else:
        outcome = _without_rules(rules, guesses, analysis, today, viewer, index)
    outcome = _distinguish(outcome, analysis, today, viewer, index)
    query = outcome.understood.query
    happened = outcome.family in policy.NOT_YET_HAPPENED or query.measure in policy.NOT_YET_HAPPENED
    if happened and outcome.family != "unknown" and query.window and today <= query.window.start \
            and today < query.window.end:
        return _not_sure(outcome.understood, "out_of_scope", outcome.guesses)  # "明年签约额": a guess, not the book
    refusal = refusal_of(outcome.family, query, analysis, today, index.regions)
    if outcome.family != "unknown" and refusal:
        return _not_sure(_unknown(analysis, refusal), refusal, outcome.guesses)
    narrow_by_place(outcome.understood, analysis, index)  # "Suzhou Mingyuan": the one 明远 in Suzhou
    named = bool(query.clients and query.clients.client_ids) or bool(query.candidates)
    if outcome.family in policy.NEEDS_CLIENT and not named:
        outcome = _not_sure(outcome.understood, "missing:client", outcome.guesses)  # a filter is not a client
    elif outcome.family in policy.NEEDS_CLIENT and query.candidates and query.clients:
        query.clients.industries, query.clients.regions = [], []  # "Tiancheng e-commerce": part of the name
    if outcome.family != "unknown" and opening_name(analysis):
        return _not_sure(_unknown(analysis, "client_not_found"), "client_not_found", outcome.guesses)
    if outcome.family != "unknown" and unreferred_owner(analysis.scan.text, query):
        return _not_sure(outcome.understood, "missing:staff", outcome.guesses)
    if outcome.family != "unknown" and placed_elsewhere(query, analysis, index):
        return _not_sure(_unknown(analysis, "client_not_found"), "client_not_found", outcome.guesses)
    outcome.options = _options(outcome.choices, analysis, today, viewer, index)
    return outcome


def _options(choices: list[str], a: Analysis, today: date, viewer: Viewer,
             index: EntityIndex) -> list[tuple[str, Query]]:
    """Each family to ask back between, as the query its button would run (those the rules' slots fit)."""
    out = []
    for label in choices:
        family = "documents_missing" if label == "documents_late" else label
        built = _build(family, a, today, viewer, index, [])
        if built.family == "unknown" or built.understood.ambiguous:
            continue
        query = built.understood.query
        if family == "documents_missing":
            query.late_only = label == "documents_late"
        out.append((label, query))
    return out if len(out) == len(choices) else []


def _with_rules(rules: Understood, guesses: list[Guess], a: Analysis, today: date, viewer: Viewer,
                index: EntityIndex) -> Outcome:
    family, best = rules.query.intent.value, guesses[0]
    if best.label in NEGATIVE and best.probability >= policy.REFUSE and family != "help":
        return _not_sure(rules, best.label, guesses)
    if (family in policy.GROUPED and dimensions_of(a.reading)) or (family == "trend" and OVER_TIME.search(a.scan.text)):
        return Outcome(rules, family, "rules", guesses)  # "每个会计…", "按地区…", "每月…": the by-words are explicit
    if best.label == "trend" and not OVER_TIME.search(a.scan.text):
        return Outcome(rules, family, "rules", guesses)  # "近3个月回款": a trend needs words of change over time
    if family == "staff_ranking" and "whose_clients" in a.reading.cues:
        return Outcome(rules, family, "rules", guesses)  # "whose clients bring in the most": colleagues ranked
    if frozenset((family, best.label)) in (policy.OWNERS_COUNT, policy.COUNT_OR_LIST):
        # "我带的客户有多少家": one owner's clients, either way; "王芳负责的vip客户有多少": the count words decide
        return Outcome(rules, family, "rules", guesses)
    if frozenset((family, best.label)) in policy.SAME_NUMBER and len(a.reading.mentions.clients) == 1:
        return Outcome(rules, family, "rules", guesses)  # "明远贸易上个月回款多少": either reading gives that number
    if best.label in policy.COUNTS and (not a.reading.cues & {"count", "howmuch"} or "who" in a.reading.cues):
        return Outcome(rules, family, "rules", guesses)  # "逾期客户明细": nothing counts; "的几家是谁": which ones
    if family == "client_metric" and best.label in policy.EVERY_CLIENT and not a.reading.ranked:
        return Outcome(rules, family, "rules", guesses)  # "深圳华信的客户健康度评分": that client's, no ranking asked
    pair = second_reading(family, a.scan.text, plain=not (a.reading.limits or a.reading.days or a.reading.amounts))
    if pair is not None and pair.take:
        return Outcome(rules, family, "rules", guesses)  # the words decide (`_distinguish`), not a doubt
    if leaves_unread(best.label, family, a.reading):
        return Outcome(rules, family, "rules", guesses)  # "who's overdue on their documents": 资料 is what is late
    doubt = policy.CATCH_ALL_DOUBT if family in policy.CATCH_ALL else policy.DISAGREE
    if best.label == family or best.label in NEGATIVE or best.probability < doubt:
        return Outcome(rules, family, "rules", guesses)
    if best.probability >= policy.TAKE_OVER or best.label not in Intent.__members__:
        taken = _build(best.label, a, today, viewer, index, guesses)
        if taken.family != "unknown":
            return taken
    return _not_sure(rules, "ask_back", guesses, [family, best.label])


def _without_rules(rules: Understood, guesses: list[Guess], a: Analysis, today: date, viewer: Viewer,
                   index: EntityIndex) -> Outcome:
    reason = rules.unknown_reason or ""
    described = reason == "action" and PASSIVE.search(a.scan.text)  # "被标记为VIP的客户" describes, not changes
    state = reason == "negation" and STATE_NEGATION.search(a.scan.text) and not reversing(a.scan.text)
    best, second = guesses[0], guesses[1]
    state = state or (reason == "negation" and best.label in NEGATED_FAMILIES and not REVERSAL.search(a.scan.text)
                      and (best.label == "help" or not read_nothing(a)))  # "还没" alone asks nothing
    firm_level = reason == "client_not_found" and best.label in policy.FIRM_LEVEL \
        and not a.reading.mentions.clients
    overrulable = reason.startswith(policy.OVERRULABLE) or described or state or firm_level
    if reason in policy.FINAL or not overrulable:
        return Outcome(rules, "unknown", "rules", guesses)
    if reason == "unsupported:breakdown" and best.label not in policy.GROUPED and SPLIT.search(a.scan.text):
        return Outcome(rules, "unknown", "rules", guesses)  # "开票按发票品目拆分": never the total without the split
    if best.label in NEGATIVE:
        return _not_sure(rules, best.label, guesses)
    if reason == "no_intent" and read_nothing(a) and best.label != "help":
        return _not_sure(rules, "no_intent", guesses)  # "他准备离开": not one word of a data question was read
    if best.label == "clients_at_risk" and leaving_alone(a):
        return _not_sure(rules, "no_intent", guesses)  # "I'm about to leave": someone leaves, no client is asked about
    if reason == "unrecognised_words" and unknown_name(a, model(), index.client_names):
        return _not_sure(rules, "client_not_found", guesses)  # "查下腾飞的回款": a name nobody knows is never dropped
    if shared_place(a, index):
        return _not_sure(rules, "shared_place", guesses)
    if a.reading.mentions.unresolved_staff:  # "how many clients does Qin Xa have": a colleague nobody matches
        return _not_sure(_unknown(a, "staff_not_found"), "staff_not_found", guesses)
    if reason == "unrecognised_words" and stray_subject(a):
        return _not_sure(rules, "unrecognised_words", guesses)  # "紫色的回款在唱歌": nothing asks about 回款
    if unread_quantity(a):
        return _not_sure(rules, "unparsed_period", guesses)  # "in over a fortnight": an unread span is never dropped
    if best.probability >= policy.CONFIDENT and best.probability - second.probability >= policy.MARGIN:
        return _build(best.label, a, today, viewer, index, guesses)
    if reason == "missing:dimension" and best.label == "breakdown" and best.probability >= policy.AGREE \
            and bare_dimension(a) is not a.reading:
        return _build(best.label, a, today, viewer, index, guesses)  # "回款行业占比": the group is named bare
    if reason == "unrecognised_words" and best.probability >= policy.AGREE and unread_weight(a) <= policy.AGREE_UNREAD \
            and not policy.UNREAD_MEANING.search("".join(a.scan.text[start:end] for start, end in a.scan.residue())) \
            and not leading_word(a) and _rules_without_unread(a, today, viewer, index) == best.label:
        # "overdue customers pls, need it for the meeting": the rules read the question but for a few words, and
        # the classifier reads the same family — the unread words are padding, not another question
        return _build(best.label, a, today, viewer, index, guesses)
    if second.label not in NEGATIVE and best.probability + second.probability >= policy.ASK_BACK:
        return _not_sure(rules, "ask_back", guesses, [best.label, second.label])
    return _not_sure(rules, "not_sure", guesses)


def _build(label: str, a: Analysis, today: date, viewer: Viewer, index: EntityIndex,
           guesses: list[Guess]) -> Outcome:
    reading = a.reading
    if label in policy.NEEDS_CLIENT and not (reading.mentions.clients or reading.mentions.candidates):
        return _not_sure(_unknown(a, "missing:client"), "missing:client", guesses)
    if label == "staff_ranking" and not reading.cues & {"staff_noun", "who", "whose_clients"}:
        return _not_sure(_unknown(a, "missing:staff"), "missing:staff", guesses)  # "which clients …" ranks clients
    if label == "negative_feedback" and "negative" not in reading.cues and PRAISE.search(a.scan.text):
        # "给过好评的客户": praise is the opposite of the complaints this family lists — never answered with them
        return _not_sure(_unknown(a, "unsupported:positive_feedback"), "unsupported:positive_feedback", guesses)
    if label == "staff_ranking" and staff_metric(reading) is None and (unread_weight(a) or CLIENT_KINDS & reading.cues):
        # "哪个员工请假最多": ranked by a word nobody read (请假, 加班) — never the default metric
        return _not_sure(_unknown(a, "unsupported:metric"), "unsupported:metric", guesses)
    if label == "clients_not_contacted" and not NOT_CONTACTED.search(a.scan.text):
        return _not_sure(_unknown(a, "reversed:contacted"), "reversed:contacted", guesses)  # "联系过的客户"
    if label in ("client_count", "staff_client_count") and not reading.cues & {"count", "howmuch"} \
            and (label == "client_count" or reading.cues & {"list", "who"}):
        label = "clients_by_attribute"  # "construction clients we serve", "刘建负责哪几家": nothing counts, the list
    if label == "staff_client_count" and not (reading.mentions.staff or reading.owner_me):
        return _not_sure(_unknown(a, "missing:staff"), "missing:staff", guesses)  # never "me" by default
    if label not in policy.GROUPED and dimensions_of(reading):  # "每个员工…": a breakdown of it, or the figure?
        return _not_sure(_unknown(a, "ask_back"), "ask_back", guesses, ["breakdown", label])
    if label == "trend" and not OVER_TIME.search(a.scan.text):  # "每位会计上个月的回款" is by person, not by month
        return _not_sure(_unknown(a, "missing:dimension"), "missing:dimension", guesses)
    if label == "breakdown" and not dimensions_of(reading):
        reading = bare_dimension(a)  # "行业占比", "收入by地区": the group named without 按/各/每
    if label == "breakdown" and not dimensions_of(reading):
        return _not_sure(_unknown(a, "missing:dimension"), "missing:dimension", guesses)  # by what?
    if label not in Intent.__members__:
        # a family of docs/questions.md this build has no Query for yet: not answered, slots kept for the report
        outcome = _not_sure(_unknown(a, f"not_yet:{label}"), f"not_yet:{label}", guesses)
        outcome.family, outcome.slots_reading = label, a
        return outcome
    intent = Intent(label)
    try:
        if reading.mentions.unresolved_name and label not in policy.FIRM_LEVEL:
            raise NotSure("client_not_found")
        if reading.mentions.unresolved_staff:
            raise NotSure("staff_not_found")
        if intent in EXPLAINS:
            _check_explained(reading, intent)  # the family must account for every subject word the rules read
        query = build_query(intent, reading, today, viewer)
        if reading.mentions.candidates and intent in NO_CLIENT_FILTER:
            raise NotSure("unsupported:client_filter")
    except NotSure as not_sure:
        return _not_sure(_unknown(a, not_sure.reason), not_sure.reason, guesses)
    ambiguous = [index.client_names[cid] for cid in reading.mentions.candidates]
    query.candidates = ambiguous
    understood = Understood(query=query, language=a.language, ambiguous=ambiguous)
    return Outcome(understood, label, "classifier", guesses)


def _distinguish(outcome: Outcome, a: Analysis, today: date, viewer: Viewer, index: EntityIndex) -> Outcome:
    """The words that separate two readings decide between them, or the question is asked back (readings.py)."""
    text, family = a.scan.text, outcome.family
    if set(outcome.choices) == {"aging", "breakdown"} and "dim_aging" in a.reading.cues:
        built = _build("aging", a, today, viewer, index, outcome.guesses)
        if built.family != "unknown":
            return built  # "逾期按账龄段分一下": the aging report is that breakdown — nothing to ask back
    pair = second_reading(family, text, plain=not (a.reading.limits or a.reading.days or a.reading.amounts))
    if pair is not None and pair.take:
        return _build(pair.take, a, today, viewer, index, outcome.guesses)
    if pair is not None and pair.ask:
        return _not_sure(outcome.understood, "ask_back", outcome.guesses, list(pair.ask))
    query = outcome.understood.query
    if family == "client_metric" and query.measure in policy.FIGURE_FAMILY and len(a.reading.mentions.clients) == 1:
        built = _build(policy.FIGURE_FAMILY[query.measure], a, today, viewer, index, outcome.guesses)
        if built.family != "unknown":
            return built  # "华信贸易AR多少": one client's balance is the balance family for that client
    if family in policy.EVERY_CLIENT and len(a.reading.mentions.clients) == 1 and not RANKING_WORDS.search(text):
        built = _build("client_metric", a, today, viewer, index, outcome.guesses)
        if built.family != "unknown":
            return built  # "do we make money on 天成电商? show me the profit": that client's figure, no ranking
    if family in policy.FIRST_OF and query.limit is None and policy.FIRST.search(text):
        query.limit = 1  # "科技行业收入第一的客户": the one at the top
    if family == "clients_by_health" and BOTTOM_WORDS.search(text):
        query.ascending = True  # "排名最后10的": the least healthy
    if family in ("top_clients_by_profit", "top_clients_by_margin") and LOSS_WORDS.search(text):
        query.ascending = True  # "赔本的客户": the least profitable first
    if family == "breakdown" and query.measure == "overdue_amount" and OVERDUE_CLIENT_COUNT.search(text):
        query.measure = "overdue_clients"  # "各行业逾期客户数" counts clients, not money
    if family == "overdue_clients" and query.limit == 1 and not RANKING_WORDS.search(text):
        query.limit = None  # "哪家公司逾期没付款" asks which ones, not the single worst
    if family in ("clients_at_risk", "clients_by_health") and outcome.source == "classifier" and query.clients.tiers:
        # "风险客户" is also the tier 高风险: two readings of the same words
        return _not_sure(outcome.understood, "ask_back", outcome.guesses, [family, "clients_by_attribute"])
    if query.intent == Intent.documents_missing and (query.window or query.month) and policy.AS_OF.search(text):
        return _not_sure(outcome.understood, "unsupported:as_of", outcome.guesses)  # "上个月底…": a past snapshot
    if query.intent == Intent.documents_missing and not query.late_only:
        if LATE_WORDS.search(text):
            query.late_only = True
        elif DEADLINE_WORDS.search(text) and not query.month:
            return _not_sure(outcome.understood, "ask_back", outcome.guesses, ["documents_late", "documents_missing"])
    return outcome


def _check_explained(reading: Reading, intent: Intent) -> None:
    """The rules' own check (decide.py), with the synonyms a period's figures have (收入 of a month is invoiced)."""
    extra = policy.EXPLAINED_TOO.get(intent, set())
    if extra & reading.cues:
        reading = replace(reading, cues=reading.cues - extra)
    check_explained(reading, intent)


def _rules_without_unread(a: Analysis, today: date, viewer: Viewer, index: EntityIndex) -> str:
    lenient = conclude(copy.deepcopy(a), today=today, viewer=viewer, index=index, unread_words=True)
    return lenient.query.intent.value


def _unknown(a: Analysis, reason: str) -> Understood:
    return Understood(query=Query(intent=Intent.unknown), language=a.language, unknown_reason=reason)


def _not_sure(base: Understood, reason: str, guesses: list[Guess], choices: list[str] | None = None) -> Outcome:
    understood = base if base.query.intent == Intent.unknown else Understood(
        query=Query(intent=Intent.unknown), language=base.language, unknown_reason=reason)
    if understood.unknown_reason is None or understood.unknown_reason in ("no_intent", "unrecognised_words"):
        understood.unknown_reason = reason
    return Outcome(understood, "unknown", "none", guesses, choices or [])
