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
from itertools import pairwise
from typing import Literal

from pydantic import BaseModel, Field

from bot.understand.analytics_words import LEAVING
from bot.understand.build import NO_CLIENT_FILTER, build_query
from bot.understand.decide import NotSure, Reading, decide, refuse_early
from bot.understand.entities import EntityIndex
from bot.understand.mentions import resolve_mentions
from bot.understand.periods import EN_MONTHS, find_periods
from bot.understand.slots import find_credit, find_limits, find_thresholds
from bot.understand.text import Scan, has_cjk, is_cjk, normalize
from domain.queries import Intent, Query
from domain.scope import Viewer

MAX_CHARS = 200  # longer messages are not questions this parser should guess at
NEGATION_CHARS = set("不非没未无别")
BRING_IN = {"brought in", "bring in", "brings in"}
# a question whether: 吗 / 么 / 是否 / 是不是 (text.normalize makes 有没有 是否有 and 了没 了吗), or English word order
YES_NO = re.compile(r"吗|么$|是否|是不是|^(?:has|have|had|did|does|do|is|are|was|were)(?![a-z])")
VALUE_KINDS = ("region", "industry", "tag", "tier", "taxpayer", "status", "service", "tax")


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


_JOINED = re.compile(r"和|以及|及|与|还有|\band\b|\bplus\b|&")


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
        values = _values(hit.tags)
        if "industry" in values and "tag" in values:
            del values["tag" if not tag_word else "industry"]
        dual = "service" in values and ("industry" in values or any(t.startswith("cue.") for t in hit.tags))
        for kind, found in values.items():
            (soft if dual and kind in ("service", "industry") else attrs)[kind].extend(found)
    _settle(scan, cues, attrs)
    return Reading(cues=cues, attrs=dict(attrs), soft=dict(soft), mentions=mentions, periods=periods,
                   days=[t for t in thresholds if t.kind == "days"],
                   amounts=[t for t in thresholds if t.kind == "amount"], limits=limits, credit=credit,
                   yes_no=bool(YES_NO.search(scan.text)))


def _settle(scan: Scan, cues: set[str], attrs: dict[str, list[str]]) -> None:
    """Words whose meaning the rest of the question settles.

    - "brings in the most revenue": the verb of revenue, not money collected;
    - "帮我查个快递": an industry read only from an everyday synonym, with no client word and nothing asked, is
      not a client list;
    - "大客户排名 按营收": in a ranking by revenue / profit / margin, 大客户 is what is ranked, not the VIP tier;
    - "我在跟的客户", "我目前负责的": the asker's clients, an adverb between 我 and the owning verb;
    - "到期了还没付钱", "过期没付款的": a due / late word right before an unpaid word is overdue;
    - "各个等级的客户数量", "不同等级客户的逾期金额": 各/不同 right before a dimension word groups by it;
    - "VIP、普通、高风险各有多少", "一般纳税人和小规模各占多少": two or more values of one attribute with 各/占比
      name the grouping (a breakdown by it), not a filter."""
    collect_words = {hit.surface for hit in scan.hits if hit.kind == "term" and "cue.collect" in hit.tags}
    if "revenue" in cues and collect_words and collect_words <= BRING_IN:
        cues.discard("collect")
    if not cues and set(attrs) == {"industry"} and not _CLIENT_WORD.search(scan.text) and all(
            f"industry.{hit.surface}" not in hit.tags for hit in scan.hits if _values(hit.tags).get("industry")):
        attrs.pop("industry")  # "帮我查个快递", "推荐个餐厅": an everyday noun, not a list of the firm's 物流 clients
    big = [hit for hit in scan.hits if hit.kind == "term" and "tier.vip" in hit.tags]
    if "rank_most" in cues and cues & {"revenue", "profit", "margin"} and big \
            and all(hit.surface in BIG_CLIENT for hit in big) and attrs.get("tier") == ["vip"] * len(big):
        attrs.pop("tier")  # "大客户排名 按营收": the big clients ARE the ranking by revenue, not a VIP filter on it
    if "overdue" in cues and _JOINED.search(scan.text):
        cues.add("joined")  # "逾期金额和客户数量": two things asked side by side (decide.py)
    if re.search(r"\btax(payer)? (credit|compliance)", scan.text):
        cues.add("tax_credit")  # "a tax credit rating of A": the English filler "tax" must not drop the authority's
    if "client_noun" in cues and cues & {"amount", "total", "receivable"} and _money_is_head(scan):
        cues.add("money_head")  # "王芳客户的逾期金额", "客户拖欠的钱总共多少": the money is asked, not the clients
    leaving = [hit for hit in scan.hits if hit.kind == "term" and "cue.at_risk" in hit.tags]
    if leaving and all(hit.surface in LEAVING for hit in leaving) and "client_noun" not in cues:
        cues.discard("at_risk")  # "他准备离开": a leaving verb asks about clients only beside a client word
    if "percent" in cues:
        cues.discard("percent")  # "八月份到期的款收回了百分之多少": collected of what fell due is the collection rate
        paid = "collect" in cues or bool(re.search(r"(?<![a-z])(been|got|were|was|are|is) paid", scan.text))
        cues.add("collection_rate" if paid and cues & {"due", "invoice"} else "percent_other")
    if "action" in cues and _ASKED_ADDED.search(scan.text):
        cues.discard("action")  # "how many new clients did we add each month": asked about, not a command
    if "docs" in cues and "collect" in cues and _RECEIVED.search(scan.text):
        cues.discard("collect")  # "October documents not yet received": documents received, not money
    if "collect" not in cues and _PAID_HOW_MUCH.search(scan.text):
        cues.add("collect")  # "how much did acme pay this year": what a client paid is collected
    if _NOT_IN.search(scan.text) and "docs" not in cues:
        cues.add("negated")  # "clients that are not in Shanghai": the filter reversed (decide.refuse_early)
    if re.search(r"(?<![a-z])(who are|who re|whore|which are)(?![a-z])", scan.text):
        cues.add("plural")  # "who are our biggest clients by revenue": a ranking, not the one at the top
    if _ONE_OF.search(scan.text):
        cues.add("singular")  # "biggest debtor?", "which single client owes the most": the one at the top
    if "owner_me" in cues and _NOT_MY_CLIENTS.search(scan.text) and not _MY_CLIENTS.search(scan.text):
        cues.discard("owner_me")  # "the overdue total for my report", "before my call": not my clients
    if "owner_me" not in cues and _MINE.search(scan.text):
        cues.add("owner_me")  # "我在跟的客户", "我目前负责的": an adverb between 我 and the owning verb
    if (cues & {"due", "late"} and "receivable" in cues and "overdue" not in cues and not scan.of_kind("period")
            and (_past_due_unpaid(scan) or _UNPAID_BY_DUE.search(scan.text))):
        # "到期了还没付钱", "过期没付款": fell due and still unpaid — overdue, not due soon ("本周到期还没付的" is)
        cues -= {"due", "late"}
        cues.add("overdue")
    if "late" in cues and "receivable" in cues and not cues & {"overdue", "docs", "due"} and not scan.of_kind("period"):
        cues -= {"late"}
        cues.add("overdue")  # "欠款过期了的", "应收超期": a debt past its date is overdue
    if "revenue" in cues and cues & {"receivable", "overdue", "collect", "due", "debtor"} and _FEES.search(scan.text) \
            and not _REVENUE_WORD.search(scan.text):
        cues.discard("revenue")  # "bookkeeping fees are past due": the fees owed, not revenue
        attrs.pop("service", None)
    if "board" in cues and re.search(r"staff|employee|team|员工|团队|人员|每个人|同事", scan.text):
        cues.add("staff_word")  # "staff performance overview": the board, whatever "overview" suggests
    if "trend" in cues and "quarterly" not in cues and re.search(r"季度|quarter", scan.text) \
            and not scan.of_kind("period"):
        cues.add("quarterly")  # "季度回款趋势": the trend by quarter
    if "revenue" in cues and _LIFETIME.search(scan.text):
        cues.discard("revenue")
        cues.add("lifetime")  # "累计给我们带来多少收入": all the revenue to date
    if "breakdown" in cues and not any(cue.startswith("dim_") for cue in cues):
        words = [cue for cue in cues if cue.startswith("dimword_")]
        if len(words) == 1 and _WHICH_GROUP.search(scan.text):
            cues.add("dim_" + words[0].removeprefix("dimword_"))  # "来自哪些城市，各几家": by city
    if "breakdown" in cues and not any(cue.startswith("dim_") for cue in cues):
        terms = sorted((hit for hit in scan.hits if hit.kind == "term"), key=lambda hit: hit.start)
        for each, word in pairwise(terms):  # "各个等级", "不同等级": 各/不同 + a dimension word
            if "cue.breakdown" in each.tags and not scan.text[each.end:word.start].strip():
                cues.update(f"dim_{tag[len('cue.dimword_'):]}" for tag in word.tags if tag.startswith("cue.dimword_"))
                if "cue.staff_noun" in word.tags:
                    cues.add("dim_owner")  # "每位同事名下…", "各个员工…": by owner
    if cues & {"breakdown", "share"} and not any(cue.startswith("dim_") for cue in cues):
        for kind, dimension in (("tier", "tier"), ("taxpayer", "taxpayer_type"), ("region", "region"),
                                ("industry", "industry")):
            if len(set(attrs.get(kind, []))) >= 2:
                cues.add(f"dim_{dimension}")
                attrs.pop(kind)
                return


_CLIENT_WORD = re.compile(r"客户|公司|企业|单位|名单|行业|类|家|client|customer|compan|firm|business")
BIG_CLIENT = {"大客户", "big client", "big clients", "big customers"}
_MINE = re.compile(r"我(?!们)(自己|本人)?(现在|目前|一直|正在|还在|在)+(跟进|跟|负责|管|带|对接|服务)|"
                   r"我(?!们)在[^我的]{1,4}的(客户|公司)|我(?!们)(今年|这个月|本月|上个月|去年|最近)?(新签|签下|签进来|签约|签了)|"
                   r"我(?!们)[^的，,]{0,8}没(有)?(联系|跟进|拜访|沟通)")
_NOT_IN = re.compile(r"(?<![a-z])(not|arent|isnt|aren t|isn t) (in|from|based in|located in)(?![a-z])(?! yet)|"
                     r"(?<![a-z])(outside (of )?|excluding|except( for)?|other than) ?(?=[a-z\u4e00-\u9fff])")
_ASKED_ADDED = re.compile(r"how many .{0,30}(did|have|has) (we|you|they|\w+) (add|added)(?![a-z])")
_UNPAID_BY_DUE = re.compile(r"(havent|hasnt|didnt|not) (yet )?(paid|settled)( \w+){0,3} (by|before|on) (the|their|its) "
                            r"(due date|deadline|due dates)")
_FEES = re.compile(r"(?<![a-z])fees?(?![a-z])")
_REVENUE_WORD = re.compile(r"revenue|income|sales|turnover|营收|收入")
_RECEIVED = re.compile(r"received|收到|收齐|到齐")
_PAID_HOW_MUCH = re.compile(r"how much (did|has|have) .{1,30} pa(y|id)(?![a-z])")
_LIFETIME = re.compile(r"累计.{0,10}(营收|收入|开票|贡献)|历来.{0,6}(营收|收入)|all[- ]time|"
                       r"since (they|it) (joined|started)")
_WHICH_GROUP = re.compile(r"(哪些|哪几个|哪个|什么)(城市|地区|区域|行业|等级)|which (cities|regions|industries|tiers)")
_ONE_OF = re.compile(r"(?<![a-z])((biggest|largest|top|worst|single biggest|single largest) debtor(?!s)|which single|"
                     r"the single (biggest|largest|top)|(lowest|highest|biggest|largest|smallest|best|worst|most "
                     r"profitable|least profitable)( [a-z]+){0,2} (client|customer|account)(?!s))(?![a-z])")
_MY_CLIENTS = re.compile(r"(?<![a-z])(my|mine)(?![a-z])(?! (report|call|meeting|boss|manager|presentation|notes|slides|"
                         r"deck|email|question|review|analysis|records|team|side|desk))")
_NOT_MY_CLIENTS = re.compile(r"(?<![a-z])my (report|call|meeting|boss|manager|presentation|notes|slides|deck|email|"
                             r"question|review|analysis|records|team|side|desk)(?![a-z])|"
                             r"(?<![a-z])i have (a|an|to|the|some|one) (?!clients|customers|accounts)")
_LINK = re.compile(r"^[了还仍却但是已都就而且]*$")
_SOON = re.compile(r"快|即将|将要|马上|临近|近期|就要|soon|upcoming|coming")


_MONEY_HEAD = ("cue.amount", "cue.total", "cue.receivable")


def _money_is_head(scan: Scan) -> bool:
    """Chinese puts what is asked last: a money word after the last client word ("客户的逾期金额") asks for the
    money; a client word after it ("逾期金额超过1万的客户") asks for the clients. English is left to the rest."""
    terms = [hit for hit in scan.hits if hit.kind == "term" and has_cjk(hit.surface)]
    clients = [hit.start for hit in terms if "cue.client_noun" in hit.tags]
    money = [hit.start for hit in terms if set(_MONEY_HEAD) & hit.tags]
    return bool(clients and money) and max(money) > max(clients)


def _past_due_unpaid(scan: Scan) -> bool:
    """A due / late word ("到期了", "过期") followed, with at most 了/还/仍/却/但 between, by an unpaid word — and
    nothing saying the date is still to come ("快到期还没付的发票" falls due soon)."""
    if _SOON.search(scan.text):
        return False
    terms = sorted((hit for hit in scan.hits if hit.kind == "term"), key=lambda hit: hit.start)
    for first, nxt in pairwise(t for t in terms if "filler" not in t.tags or t.tags != frozenset({"filler"})):
        if ({"cue.due", "cue.late"} & first.tags and "cue.receivable" in nxt.tags
                and _LINK.match(scan.text[first.end:nxt.start].replace(" ", ""))):
            return True
    return False


def _values(tags: frozenset[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for tag in sorted(tags):
        kind, _, value = tag.partition(".")
        if kind in VALUE_KINDS and value:
            out.setdefault(kind, []).append(value)
    return out


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
        if piece in EN_MONTHS:
            raise NotSure("unparsed_period")  # a month name no rule read ("oct" mid-sentence)
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
