"""Words whose meaning the rest of the question settles — run by the parser on the cues and values it read, in
order (a later step sees what an earlier one changed):

- "brings in the most revenue": the verb of revenue, not money collected;
- "帮我查个快递": an industry read only from an everyday synonym, with no client word and nothing asked, is not a
  client list; "大客户排名 按营收": in a ranking by revenue / profit / margin, 大客户 is what is ranked;
- "王芳客户的逾期金额": Chinese puts what is asked last — the money, not the clients;
- "八月份到期的款收回了百分之多少": collected of what fell due is the collection rate;
- "我在跟的客户", "我在上海的客户", "我今年新签的": the asker's clients; "for my report" is not;
- "到期了还没付钱", "欠款过期了的", "haven't paid by the due date": overdue;
- "bookkeeping fees are past due": the fees owed, not revenue; "累计…收入": lifetime revenue;
- "各个等级", "来自哪些城市，各几家", "VIP、普通、高风险各有多少": the grouping of a breakdown.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

from bot.understand.analytics_words import LEAVING
from bot.understand.text import Scan, has_cjk

Attrs = dict[str, list[str]]
VALUE_KINDS = ("region", "industry", "tag", "tier", "taxpayer", "status", "service", "tax")
BRING_IN = {"brought in", "bring in", "brings in"}
BIG_CLIENT = {"大客户", "big client", "big clients", "big customers"}
JOINED = re.compile(r"和|以及|及|与|还有|\band\b|\bplus\b|&")
_STAFF_HEAD = re.compile(r"最(高|多|大|低|少|好|差)的(负责人|客户经理|owner)(是|有|\s*$)|"
                         r"(?<!客户)(冠军|销冠|状元)(?!客户)")
_COMPILE_LIST = re.compile(r"(客户|公司|单位|家)[^，,。]{0,16}的\s*[，,]?\s*(请|麻烦|烦请|劳驾)?\s*"
                           r"汇总(一下|下)?[。.!！]*$")
_CLIENT_WORD = re.compile(r"客户|公司|企业|单位|名单|行业|类|家|client|customer|compan|firm|business")
_MINE = re.compile(r"我(?!们)(自己|本人)?(现在|目前|一直|正在|还在|在|一共|总共|总计|共)+"
                   r"(跟进|跟|负责|管|带|对接|服务)|"
                   r"我(?!们)在[^我的]{1,4}的(客户|公司)|"
                   r"我(?!们)(今年|本年度?|这个?月|本月|上个?月|去年|最近|这个?季度|本季度?|上个?季度|这周|本周|上周|"
                   r"第?[一二三四]季度|q[1-4])?"
                   r"的? ?"
                   r"(新签|签下|签进来|签约|签了|签的|新拉|拉了|拉来|拉进来|signed|sign)|我(?!们)每个?月的?(新签|签)|"
                   r"我(?!们)(上个?月|这个?月|本月|今年|本年度?|去年|本季度?|上个?季度|上周|本周)的? ?"
                   r"(回款率?|开票|签约额|业绩)|"
                   r"我(?!们)(\d{1,2}|[一二三四五六七八九十]{1,2})月份?的 ?(?!事|时候)|"
                   r"我(?!们)这(里|儿|边)?有(几|多少)|"
                   r"我(?!们)(是否有|有没有)(?=.{0,8}(客户|公司))|"
                   r"我(?!们)[^的，,]{0,8}没(有)?(联系|跟进|拜访|沟通)|我(?!们)(这|那)(几|些)(家|个)?(客户|公司)|"
                   r"我(?!们)(现在|目前|这边)(手上|手里|手头|名下)|我(?!们)(得|要|需要)(报税|申报|报)的|"
                   r"((have|did) i|(?<![a-z])i) (bring|brought|sign|signed|win|won|onboard|onboarded|land|landed)"
                   r"(?![a-z])")
_NOT_IN = re.compile(r"(?<![a-z])(not|arent|isnt|aren t|isn t) (in|from|based in|located in)(?![a-z])(?! yet)|"
                     r"(?<![a-z])(outside (of )?|excluding|except( for)?|other than) ?(?=[a-z\u4e00-\u9fff])")
_ASKED_ADDED = re.compile(r"how many .{0,30}(did|have|has) (we|you|they|\w+) (add|added)(?![a-z])")
_UNPAID_BY_DUE = re.compile(r"(havent|hasnt|didnt|not) (yet )?(paid|settled)( \w+){0,3} (by|before|on) (the|their|its) "
                            r"(due date|deadline|due dates)")
_SCHEDULED = re.compile(r"排好|已排期|排期|已经排|排到|排了|要开的票|待开|scheduled|to be (issued|invoiced)")
_UNPAID_VERB = re.compile(r"(没|未|还没|尚未)(有)?(付|给|打|转|还|结)")
_BOOKKEEPING_DOCS = re.compile(r"(bookkeeping|accounting|记账|做账|账务)[^，,。]{0,5}"
                               r"(documents|docs|paperwork|records|资料|材料|凭证|票据)")
_SHARE_WORD = re.compile(r"share|percent|%|proportion|占比|比例|百分")
_FEES = re.compile(r"(记账|代账|服务|咨询|年报|审计)费|(?<![a-z])fees?(?![a-z])")
_REVENUE_WORD = re.compile(r"revenue|income|sales|turnover|营收|收入")
_RECEIVED = re.compile(r"received|收到|收齐|到齐")
_PAID_HOW_MUCH = re.compile(r"(how much|what) (did|has|have) .{1,30} pa(y|id)(?![a-z])|"
                            r"(clients|customers|accounts) paid how much")  # "what did Acme pay in October"
_LIFETIME = re.compile(r"累计.{0,10}(营收|收入|开票|开了.{0,4}票|贡献)|历来.{0,6}(营收|收入)|all[- ]time|"
                       r"合作(以来|至今|到现在).{0,12}(营收|收入|开票|贡献)|"
                       r"(?<![a-z])lifetime (billings?|invoic)|ever (billed|invoiced)|"
                       r"since (they|it) (joined|started)|"
                       r"since (we|they) (started|began) (working|doing business) (together|with)|"
                       r"brought us( [a-z]+)? in total|in total (so far|to date)")
# "今年新签的科技公司": the clients newly signed, not the amount
_NEWLY_SIGNED = re.compile(r"新签(约)?(的|了)?[^，,的]{0,6}(客户|公司|企业|单位|户)")
_WHICH_GROUP = re.compile(r"(哪些|哪几个|哪个|什么)(城市|地区|区域|行业|等级)|which (cities|regions|industries|tiers)")
_CLIENTS_SIGNED = re.compile(r"(?<![a-z])(clients|customers|accounts|vips|companies|businesses) "
                             r"(?!.*(value|amount|worth|how much))"
                             r"([a-z]+ ){1,3}signed(?![a-z])")
_AMOUNT_SIGNED = re.compile(r"signed (for )?how much|how much .{0,30}signed|signed .{0,10}(worth|value|amount)")
_WHAT_YOU_DO = re.compile(r"(能|可以)(帮我)?(看|查|做|回答)(哪些|什么|啥)")  # "你能帮我看哪些经营数据": what it can do
_ONE_OF = re.compile(r"(?<![a-z])((biggest|largest|top|worst|single biggest|single largest) debtor(?!s)|which single|"
                     r"the single (biggest|largest|top)|(lowest|highest|biggest|largest|smallest|best|worst|most "
                     r"profitable|least profitable)( [a-z]+){0,2} (client|customer|account)(?!s)|"
                     r"which (one )?of .{1,30} (makes|brings|earns|generates|is|has|owes|pays) (us )?the (most|least|"
                     r"highest|lowest|biggest|largest))(?![a-z])")  # "which of Liu Jian's clients makes us the most"
_NOT_CLIENTS = r"(report|call|meeting|boss|manager|presentation|notes|slides|deck|email|question|review|analysis|" \
               r"records|team|side|desk)"  # "my report", "my call": what "my" means when it is not my clients
_MY_CLIENTS = re.compile(rf"(?<![a-z])(my|mine)(?![a-z])(?! {_NOT_CLIENTS})")
_NOT_MY_CLIENTS = re.compile(rf"(?<![a-z])my {_NOT_CLIENTS}(?![a-z])|"
                             r"(?<![a-z])i have (a|an|to|the|some|one) (?!clients|customers|accounts)")
_LINK = re.compile(r"^[了还仍却但是已都就而且]*$")
_SOON = re.compile(r"快|即将|将要|马上|临近|近期|就要|soon|upcoming|coming")
_MONEY_HEAD = ("cue.amount", "cue.total", "cue.receivable")


def values(tags: frozenset[str]) -> Attrs:
    out: Attrs = {}
    for tag in sorted(tags):
        kind, _, value = tag.partition(".")
        if kind in VALUE_KINDS and value:
            out.setdefault(kind, []).append(value)
    return out


def settle(scan: Scan, cues: set[str], attrs: Attrs) -> None:
    """Apply every step, in order."""
    for step in STEPS:
        step(scan, cues, attrs)


def _subjects(scan: Scan, cues: set[str], attrs: Attrs) -> None:
    collect_words = {hit.surface for hit in scan.hits if hit.kind == "term" and "cue.collect" in hit.tags}
    if "revenue" in cues and collect_words and collect_words <= BRING_IN:
        cues.discard("collect")
    if not cues and set(attrs) == {"industry"} and not _CLIENT_WORD.search(scan.text) and all(
            f"industry.{hit.surface}" not in hit.tags for hit in scan.hits if values(hit.tags).get("industry")):
        attrs.pop("industry")  # "帮我查个快递", "推荐个餐厅": an everyday noun, not a list of the firm's 物流 clients
    big = [hit for hit in scan.hits if hit.kind == "term" and "tier.vip" in hit.tags]
    ranked = "rank_most" in cues or bool(re.search(r"前\s*(\d+|[一二两三四五六七八九十]+)\s*大客户", scan.text))
    if ranked and cues & {"revenue", "profit", "margin"} and big \
            and all(hit.surface in BIG_CLIENT for hit in big) and attrs.get("tier") == ["vip"] * len(big):
        attrs.pop("tier")  # "大客户排名 按营收", "营收前十大客户": the big clients ARE the ranking, not a VIP filter
    if cues & {"seg_high_value", "seg_high_loyalty"} and attrs.get("tier") == ["vip"] and re.search("核心", scan.text):
        attrs.pop("tier")  # "高价值高忠诚的核心客户": the segment's own name for itself, not the VIP tier
    if "help" in cues and _WHAT_YOU_DO.search(scan.text):
        cues.intersection_update({"help"})  # the data it names is an example of what it is asked it can do
    if "new_client" in cues and _AMOUNT_SIGNED.search(scan.text):
        cues.discard("new_client")  # "tech clients signed how much in October": the contract value
        cues.add("signed")
    elif "signed" in cues and (_CLIENTS_SIGNED.search(scan.text) or _NEWLY_SIGNED.search(scan.text)):
        cues.discard("signed")  # "clients Qin Xia signed this year": the clients, not the contract value
        cues.add("new_client")
    if re.search(r"(^|\s)[%％](\s|$)", scan.text):
        cues.add("share")  # "clients by industry, %": a percent sign standing alone asks for shares
    if "rank_most" in cues and _STAFF_HEAD.search(scan.text):
        cues.add("staff_noun")  # "营收最高的负责人是哪位", "回款冠军是哪个": the colleague ranked, not a client's owner
        cues -= {"profile", "dimword_owner"}
    if "overdue" in cues and JOINED.search(scan.text):
        cues.add("joined")  # "逾期金额和客户数量": two things asked side by side (decide.py)
    if re.search(r"\btax(payer)? (credit|compliance)", scan.text):
        cues.add("tax_credit")  # "a tax credit rating of A": the English filler "tax" must not drop the authority's
    if "total" in cues and _COMPILE_LIST.search(scan.text) and not cues & {"amount", "howmuch", "receivable"}:
        cues.discard("total")  # "VIP客户中逾期超过30日的，请汇总": compile the clients just named, not a sum
    if "client_noun" in cues and cues & {"amount", "total", "receivable"}:
        head = _head(scan)  # "王芳客户的逾期金额": the money is asked; "服务费没交的客户": the clients
        cues.update({"money": {"money_head"}, "client": {"client_head"}}.get(head or "", set()))
    leaving = [hit for hit in scan.hits if hit.kind == "term" and "cue.at_risk" in hit.tags]
    if leaving and all(hit.surface in LEAVING for hit in leaving) and "client_noun" not in cues:
        cues.discard("at_risk")  # "他准备离开": a leaving verb asks about clients only beside a client word


def _verbs(scan: Scan, cues: set[str], attrs: Attrs) -> None:
    if "percent" in cues:
        cues.discard("percent")  # "八月份到期的款收回了百分之多少": collected of what fell due is the collection rate
        paid = "collect" in cues or bool(re.search(r"(?<![a-z])(been|got|were|was|are|is) paid", scan.text))
        grouped = _grouped(cues) or "breakdown" in cues  # "各占百分之多少": the shares of a breakdown
        cues.add("collection_rate" if paid and cues & {"due", "invoice", "receivable"} else "share" if grouped
                 else "percent_other")
    if _ASKED_ADDED.search(scan.text):
        cues.discard("action")  # "how many new clients did we add each month": asked about, not a command
        if "client_noun" in cues:
            cues.add("new_client")  # "how many clients did we add in H1": the clients newly signed
    if "docs" in cues and "collect" in cues and _RECEIVED.search(scan.text):
        cues.discard("collect")  # "October documents not yet received": documents received, not money
    if "collect" not in cues and (paid := _PAID_HOW_MUCH.search(scan.text)):
        cues.add("collect")  # "how much did acme pay this year": what a client paid is collected
        for verb in re.finditer(r"(?<![a-z])pa(y|id)(?![a-z])", scan.text[paid.start():paid.end()]):
            at = paid.start() + verb.start()
            if scan.is_free(at, at + len(verb.group())):
                scan.take(at, at + len(verb.group()), "filler", None, frozenset({"filler"}))  # read: the verb of it
    if _NOT_IN.search(scan.text) and "docs" not in cues:
        cues.add("negated")  # "clients that are not in Shanghai": the filter reversed (decide.refuse_early)


def _number_and_owner(scan: Scan, cues: set[str], attrs: Attrs) -> None:
    if re.search(r"谁(名下|手上|手里|负责|管|带|跟)?的客户|谁(名下|手上|手里|负责|管|带|跟)客户|"
                 r"谁(名下|手上|手里)的?\s*(营收|收入|回款|欠款|逾期|开票)|"
                 r"(?<![a-z])whose (clients|book|portfolio)|(?<![a-z])(client|case) ?load", scan.text):
        cues.add("whose_clients")  # "谁名下的客户营收最高": colleagues ranked by their clients' revenue
    if re.search(r"(?<![a-z])(who are|who re|whore|which are)(?![a-z])", scan.text):
        cues.add("plural")  # "who are our biggest clients by revenue": a ranking, not the one at the top
    if _ONE_OF.search(scan.text):
        cues.add("singular")  # "biggest debtor?", "which single client owes the most": the one at the top
    if cues and cues <= {"list", "who", "responsible", "owner_me"} and cues & {"responsible", "owner_me"} \
            and re.search(r"[哪几]家", scan.text):
        cues.add("client_noun")  # "刘建负责哪几家": which clients (家 counts companies) a colleague looks after
    if "owner_me" in cues and _NOT_MY_CLIENTS.search(scan.text) and not _MY_CLIENTS.search(scan.text):
        cues.discard("owner_me")  # "the overdue total for my report", "before my call": not my clients
    if "owner_me" not in cues and _MINE.search(scan.text):
        cues.add("owner_me")  # "我在跟的客户", "我目前负责的": an adverb between 我 and the owning verb


def _money_words(scan: Scan, cues: set[str], attrs: Attrs) -> None:
    if {"receivable", "collect"} <= cues and _UNPAID_VERB.search(scan.text):
        cues.discard("collect")  # "上海鼎盛还有多少钱没付给我们": not paid, whatever verb of paying follows
    if "credit" in cues and re.search(r"payment credit|付款信用|回款信用", scan.text):
        cues -= {"invoice", "collect"}  # "payment credit rating": the firm's credit rating of the client
    if "docs" in cues and attrs.get("service") and _BOOKKEEPING_DOCS.search(scan.text):
        attrs.pop("service")  # "bookkeeping documents", "记账需要的资料": the documents, not a service filter
    if "share" in cues and re.search(r"split .{1,40} by|按\S{1,6} ?split", scan.text) \
            and not _SHARE_WORD.search(scan.text):
        cues.discard("share")  # "split this month's profit by industry": a breakdown, not shares


def _overdue(scan: Scan, cues: set[str], attrs: Attrs) -> None:
    if _FEES.search(scan.text) and cues & {"late", "missing", "due"} and not cues & {"docs", "receivable"}:
        cues.add("receivable")  # "代账费过期没交的": the firm's fees unpaid are receivables
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


def _analytics(scan: Scan, cues: set[str], attrs: Attrs) -> None:
    if "board" in cues and re.search(r"staff|employee|team|员工|团队|人员|每个人|同事", scan.text):
        cues.add("staff_word")  # "staff performance overview": the board, whatever "overview" suggests
    if "trend" in cues and "quarterly" not in cues and any(
            re.match(r"\s*(季度(?!复盘|会|例会|汇报|总结|考核|材料)|quarter(?! review| meeting))", scan.text[start:])
            for start, _ in scan.residue()):
        cues.add("quarterly")  # "季度回款趋势", "去年到现在季度签约趋势": the trend by quarter (本季度 is a period)
    if re.search(r"环比|比一下|对比|相比|比较|[跟和与同][^，,]{1,10}比|(?<![a-z])(vs|versus|compared)(?![a-z])",
                 scan.text):
        cues.add("compare")  # "上个月经营概况，环比前一个月": the second period is what the summary compares with
    if _SCHEDULED.search(scan.text):
        cues.add("scheduled")  # "12月已经排好要开的票": invoices dated later, a period to come (build.py)
    dated = any(hit.kind == "period" for hit in scan.hits)  # "今年累计开票": this year's, not all time
    if cues & {"revenue", "invoiced"} and _LIFETIME.search(scan.text) and not (dated and "invoiced" in cues):
        cues -= {"revenue", "invoiced"}
        cues.add("lifetime")  # "累计给我们带来多少收入": all the revenue to date


def _grouping(scan: Scan, cues: set[str], attrs: Attrs) -> None:
    if "breakdown" in cues and not _grouped(cues):
        words = [cue for cue in cues if cue.startswith("dimword_")]
        if len(words) == 1 and _WHICH_GROUP.search(scan.text):
            cues.add("dim_" + words[0].removeprefix("dimword_"))  # "来自哪些城市，各几家": by city
    if "breakdown" in cues and not _grouped(cues):
        terms = sorted((hit for hit in scan.hits if hit.kind == "term"), key=lambda hit: hit.start)
        for each, word in pairwise(terms):  # "各个等级", "不同等级": 各/不同 + a dimension word
            if "cue.breakdown" in each.tags and not scan.text[each.end:word.start].strip():
                cues.update(f"dim_{tag[len('cue.dimword_'):]}" for tag in word.tags if tag.startswith("cue.dimword_"))
                if "cue.staff_noun" in word.tags:
                    cues.add("dim_owner")  # "每位同事名下…", "各个员工…": by owner
    if cues & {"breakdown", "share"} and not _grouped(cues):
        for kind, dimension in (("tier", "tier"), ("taxpayer", "taxpayer_type"), ("region", "region"),
                                ("industry", "industry")):
            if len(set(attrs.get(kind, []))) >= 2:  # "VIP、普通、高风险各有多少": the grouping, not a filter
                cues.add(f"dim_{dimension}")
                attrs.pop(kind)
                return


def _grouped(cues: set[str]) -> bool:
    return any(cue.startswith("dim_") for cue in cues)


def _head(scan: Scan) -> str | None:
    """Chinese puts what is asked last: a money word after the last client word ("客户的逾期金额") asks for the
    money; a client word after it ("逾期金额超过1万的客户") asks for the clients. English that opens with an amount
    asks for it ("amount Guangzhou clients have overdue"); other English is left to the rest."""
    terms = [hit for hit in scan.hits if hit.kind == "term"]
    chinese = [hit for hit in terms if has_cjk(hit.surface)]
    if chinese or not terms:
        clients = [hit.start for hit in chinese if "cue.client_noun" in hit.tags]
        money = [hit.start for hit in chinese if set(_MONEY_HEAD) & hit.tags]
        return ("money" if max(money) > max(clients) else "client") if clients and money else None
    first = min(terms, key=lambda hit: hit.start)  # only a leading amount noun: "what Beijing clients owe" is left
    clients = [hit.start for hit in terms if "cue.client_noun" in hit.tags]
    return "money" if clients and {"cue.amount", "cue.total"} & first.tags and first.start < min(clients) else None


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


STEPS: list[Callable[[Scan, set[str], Attrs], None]] = [_subjects, _verbs, _number_and_owner, _money_words, _overdue,
                                                         _analytics, _grouping]
