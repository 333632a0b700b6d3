"""Which question family a reading belongs to.

The rules run in a fixed order, most specific first (资料 before 逾期, so "资料逾期未交" is about documents;
回款率 before 回款; contracts before tax so "税务申报合同" is a contract), and each family *explains* a set of
subject words. A question whose subject words are not all explained by the chosen family ("逾期客户的回款")
is two questions in one: the parser says it is not sure rather than answering half of it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from bot.understand.mentions import Mentions
from bot.understand.periods import PeriodSpec
from bot.understand.slots import Limit, Threshold
from domain.queries import Intent

SUBJECT_CUES = {"overdue", "receivable", "debtor", "due", "expire", "collect", "collection_rate", "invoiced", "signed",
                "docs", "contract", "renew", "revenue", "profit", "margin", "credit", "not_contacted", "negative",
                "feedback", "tax_deadline", "tax_file", "aging", "invoice"}
MONEY = {"overdue", "receivable", "invoice", "debtor"}
CLIENT_RANKINGS = {"revenue", "profit", "margin", "receivable", "debtor", "overdue"}
EXPLAINS: dict[Intent, set[str]] = {
    Intent.documents_missing: {"docs", "missing", "late", "overdue", "due", "tax_deadline", "receivable"},
    Intent.overdue_clients: MONEY | {"due"},
    Intent.overdue_total: MONEY | {"due"},
    Intent.overdue_count: MONEY | {"due"},
    Intent.aging: MONEY | {"aging"},
    Intent.receivable_balance: MONEY - {"overdue"},
    Intent.top_debtors: MONEY - {"overdue"},
    Intent.invoices_due_soon: {"due", "invoice", "receivable", "expire"},
    Intent.contracts_expiring: {"contract", "due", "expire", "renew"},
    Intent.collected: {"collect", "invoice"},
    Intent.invoiced: {"invoiced", "invoice", "revenue"},  # 本月收入: 收入 of a period is invoiced (semantics.md)
    Intent.signed: {"signed", "contract"},
    Intent.collection_rate: {"collection_rate", "collect", "invoice", "due", "receivable"},
    Intent.staff_ranking: {"collect", "revenue", "overdue", "receivable", "invoice"},
    Intent.top_clients_by_revenue: {"revenue"},
    Intent.top_clients_by_profit: {"profit"},
    Intent.top_clients_by_margin: {"margin", "profit"},
    Intent.clients_by_credit_rating: {"credit"},
    Intent.clients_not_contacted: {"not_contacted"},
    Intent.negative_feedback: {"negative", "feedback"},
    Intent.tax_deadline: {"tax_deadline", "tax_file", "due"},
    Intent.tax_filers: {"tax_file", "tax_deadline", "due"},  # "VAT filings due this month"
    Intent.client_profile: {"contract", "credit", "due", "expire", "renew"},
    Intent.my_invoices: MONEY | {"due"},
    Intent.my_documents: {"docs", "missing", "late", "overdue", "due"},
}


@dataclass
class Reading:
    """Everything recognised in a question, before it becomes a Query."""

    cues: set[str]
    attrs: dict[str, list[str]]  # region, industry, tag, tier, taxpayer, status, service, tax
    soft: dict[str, list[str]]  # values from words with another meaning too ("报税", "consulting")
    mentions: Mentions
    periods: list[PeriodSpec] = field(default_factory=list)
    days: list[Threshold] = field(default_factory=list)
    amounts: list[Threshold] = field(default_factory=list)
    limits: list[Limit] = field(default_factory=list)
    credit: list[str] = field(default_factory=list)
    yes_no: bool = False  # asked whether ("…吗", "是否…", "has … sent …"), not which or how many

    @property
    def owner_me(self) -> bool:
        return "owner_me" in self.cues

    @property
    def ranked(self) -> bool:
        return bool(self.limits) or bool(self.cues & {"rank_most", "rank_least"})

    def has_client_filter(self) -> bool:
        keys = ("region", "industry", "tag", "tier", "taxpayer", "status")
        return any(self.attrs.get(k) for k in keys) or "all_statuses" in self.cues


class NotSure(Exception):
    """The question is recognised but cannot be answered as asked; `reason` says why (a short code)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


Rule = Callable[[Reading], Intent | None]


def refuse_early(r: Reading) -> None:
    """Requests that are not questions of the language, whatever else the text says."""
    if {"docs", "docs_done"} <= r.cues and not r.cues & {"missing", "late"} and not whether_documents_in(r):
        raise NotSure("reversed:documents_done")  # "资料已经交齐的客户" asks the opposite of the missing list
    if "tax_credit" in r.cues or ("credit" in r.cues and "tax_file" in r.cues):
        raise NotSure("unsupported:tax_credit")  # 纳税信用 is the tax authority's rating, not the firm's 回款信用
    if "negated" in r.cues:
        raise NotSure("negation")  # "clients not in Shanghai", "excluding VIPs": never answered with the filter kept
    if "no_negative" in r.cues:
        raise NotSure("reversed:no_negative")  # "没给过差评的客户" is never answered with those who did
    if "on_time" in r.cues:
        raise NotSure("reversed:on_time")  # "按时付款从不拖欠的客户" is never answered with those who are late
    if "percent_other" in r.cues:
        raise NotSure("unclear:percent")  # "回款百分之多少": a percentage of what? (not of what fell due; final)
    asks_which = bool(r.cues & {"list", "who", "count", "howmuch", "singular"} and r.cues & SUBJECT_CUES)
    if "action" in r.cues and not asks_which:  # "需要提醒客户付款的发票有哪些" asks which; the verb describes them
        raise NotSure("action")  # "催一下…", "标记为VIP": changing data is not a question (a later issue)
    if "breakdown" in r.cues and _analytics(r) is None and not _ranks_clients(r):
        raise NotSure("unsupported:breakdown")  # "how much does each client owe": no dimension of semantics.md


def _ranks_clients(r: Reading) -> bool:
    """"客户按营收从高到低排": 按 orders clients by a figure of theirs, it names no group to break down by."""
    return r.ranked and bool(r.cues & {"revenue", "profit", "margin", "receivable", "debtor"})


def _analytics(r: Reading) -> Intent | None:
    from bot.understand.analytics import analytics_intent  # it builds on this module's Reading

    return analytics_intent(r)


def decide(r: Reading, *, contact: bool) -> Intent:
    refuse_early(r)
    if contact:
        return _contact(r)
    analytics = _analytics(r)
    if analytics is not None:
        return analytics
    if _card_of_one(r):
        return Intent.client_profile
    for rule in RULES:
        intent = rule(r)
        if intent is not None:
            _check_explained(r, intent)
            return intent
    if "profile" in r.cues or r.mentions.unresolved_name:
        raise NotSure("client_not_found")
    raise NotSure("no_intent")


def _card_of_one(r: Reading) -> bool:
    """"明远贸易那家 基本信息 负责人 合同 欠款 都给我看看", "an overview of Blue Harbor, who owns it, contracts,
    balance": one client's card asked for by listing what is on it — no figure asked (多少, how much)."""
    one = len(r.mentions.clients) == 1 or (not r.mentions.clients and bool(r.mentions.candidates))
    return one and "card" in r.cues and len(r.cues & SUBJECT_CUES) >= 2 \
        and not r.cues & {"amount", "howmuch", "total", "count"}


def _check_explained(r: Reading, intent: Intent) -> None:
    left = (r.cues & SUBJECT_CUES) - EXPLAINS.get(intent, set())
    if r.days and intent in (Intent.overdue_clients, Intent.overdue_total, Intent.overdue_count):
        left -= {"aging"}  # "账龄超过90天的逾期款合计": 账龄 with a threshold is how long it is overdue
    if left:
        raise NotSure("conflict:" + ",".join(sorted(left)))


def _contact(r: Reading) -> Intent:
    c = r.cues
    if "client_noun" in c and c & {"list", "count", "howmuch", "who", "singular"}:
        raise NotSure("not_for_contacts")  # asking about clients in general, not about "our" invoices
    if "docs" in c:
        return Intent.my_documents
    if c & (MONEY | {"due"}):
        return Intent.my_invoices
    if "tax_deadline" in c:
        return Intent.tax_deadline
    if "help" in c:
        return Intent.help
    raise NotSure("not_for_contacts")


def whether_documents_in(r: Reading) -> bool:
    """"华信科技10月的资料交齐了吗", "has Huaxin sent everything for October?": whether one client's documents are
    all in — a question (the statement "华信科技10月资料都齐了" is an action), answered by that client's missing
    list (an empty one says yes). Never for "哪些客户资料齐了吗": a list of those done is the reversed question."""
    return ("docs_done" in r.cues and r.yes_no and bool(r.mentions.clients or r.mentions.candidates or r.mentions.staff
                                                          or r.has_client_filter())  # "跨境电商客户资料交齐没"
            and not r.cues & {"missing", "late", "list", "who", "count", "howmuch"})


def _documents(r: Reading) -> Intent | None:
    if "docs" not in r.cues and not whether_documents_in(r):
        return None
    return Intent.documents_missing


def _simple(cue: str, intent: Intent) -> Rule:
    return lambda r: intent if cue in r.cues else None


def _credit(r: Reading) -> Intent | None:
    if "credit" not in r.cues:
        return None
    if r.credit:
        return Intent.clients_by_credit_rating
    if r.mentions.clients or r.mentions.candidates:
        return Intent.client_profile
    raise NotSure("missing:credit_rating")


def _contracts(r: Reading) -> Intent | None:
    c = r.cues
    about_contracts = bool(c & {"contract", "renew"}) or bool(r.attrs.get("service"))
    if (about_contracts and c & {"due", "expire", "renew"}) or ("expire" in c and not c & {"invoice", "receivable"}):
        if "when" in c and (r.mentions.clients or r.mentions.candidates) and not r.periods:
            return Intent.client_profile  # "华信的合同什么时候到期": the card lists its contracts' end dates
        return Intent.contracts_expiring
    return None


def _tax(r: Reading) -> Intent | None:
    c = r.cues
    asks_clients = bool(c & {"client_noun", "list", "count", "howmuch", "who", "singular"})
    if "tax_file" in c and ("client_noun" in c or "count" in c) and c & {"list", "count", "who"} and "when" not in c:
        return Intent.tax_filers  # "10月征期要报的客户有几家": clients who file, in the deadline's month
    if "tax_deadline" in c or ("tax_file" in c and "when" in c):  # "when do we need to file VAT"
        return Intent.tax_deadline
    if ("tax_file" in c or r.attrs.get("tax")) and asks_clients:
        return Intent.tax_filers
    if "tax_file" in c:
        raise NotSure("ambiguous:tax")
    return None


# kinds of client, not figures: "who has the most at-risk clients" ranks colleagues by no metric of semantics.md
CLIENT_KINDS = frozenset({"at_risk", "health", "negative"})


def staff_metric(r: Reading) -> str | None:
    c = r.cues
    if c & CLIENT_KINDS:
        return None  # "who has the most at-risk clients": colleagues are not ranked by a kind of client
    for cue, metric in (("collect", "collected"), ("revenue", "revenue"), ("overdue", "overdue_amount"),
                        ("client_noun", "clients")):
        if cue in c:
            return metric
    return None


def _staff(r: Reading) -> Intent | None:
    c = r.cues
    counts = bool(c & {"count", "howmuch"})
    # "谁的客户最多" ranks colleagues by clients; "who are our top clients by revenue" ranks clients
    whose_clients = "client_noun" in c and (r.ranked or counts) and not c & CLIENT_RANKINGS
    staffish = "staff_noun" in c or ("who" in c and ("collect" in c or whose_clients)) or "whose_clients" in c
    if staffish and (r.ranked or "who" in c):
        if staff_metric(r) is None:
            raise NotSure("missing:metric")
        return Intent.staff_ranking
    asks_count = bool(c & {"count", "howmuch"})
    if (r.mentions.staff or r.owner_me) and asks_count and "client_noun" in c and not r.has_client_filter() \
            and not c & SUBJECT_CUES:
        return Intent.staff_client_count
    return None


def _overdue(r: Reading) -> Intent | None:
    c = r.cues
    if "overdue" not in c:
        return None
    # "王芳客户的逾期金额": the money, not the clients ("客户有没有欠款过期了的" asks whether any are)
    money = "money_head" in c and not c & {"list", "who", "singular"} and not r.yes_no
    # "wangfang 手上 overdue 的几家是谁": which ones, not how many
    count = ("count" in c and not c & {"who", "singular"}) or (
        "howmuch" in c and "client_noun" in c and "total" not in c and not money)
    if count and ("total" in c or ("amount" in c and "count" in c and "joined" in c and not r.amounts)):
        raise NotSure("two_questions")  # "逾期金额和客户数量"; "逾期金额超过1万的客户有几家" counts clients
    if count:
        return Intent.overdue_count
    weak_total = ("amount" in c or "howmuch" in c) and (money or not c & {"client_noun", "list", "who", "singular"}) \
        and not (r.yes_no and "howmuch" not in c)  # "天成电商是不是有逾期款没结": whether, answered with the invoices
    # "逾期60天以上的金额" asks for an amount: the total of the invoices past the threshold
    if "total" in c or (weak_total and not r.ranked and not r.amounts and (not r.days or "amount" in c)):
        return Intent.overdue_total
    return Intent.overdue_clients


def _due_invoices(r: Reading) -> Intent | None:
    c = r.cues
    if "due" not in c:
        return None
    if "when" in c and not r.periods:
        raise NotSure("unsupported:due_date")  # "发票什么时候到期" asks for dates, not a window's list
    if c & {"invoice", "receivable"}:
        return Intent.invoices_due_soon
    raise NotSure("ambiguous:due")


def _receivable(r: Reading) -> Intent | None:
    c = r.cues
    if not c & {"receivable", "debtor"}:
        return None
    if "total" in c and not r.ranked and not c & {"who", "singular"}:
        return Intent.receivable_balance  # "上海客户所有没付清的款加起来": 所有 is all of it, summed
    if r.ranked or "debtor" in c or c & {"list", "who", "singular"}:
        return Intent.top_debtors
    if "client_head" in c and not c & {"howmuch", "total", "amount", "count"}:
        return Intent.top_debtors  # "服务费没交的客户": the clients who owe, not the sum
    return Intent.receivable_balance


def _collected(r: Reading) -> Intent | None:
    if "collect" not in r.cues:
        return None
    if r.ranked:
        raise NotSure("unsupported:client_ranking_by_collected")
    if "client_noun" in r.cues and r.cues & {"list", "who", "singular"}:
        raise NotSure("unsupported:clients_who_paid")  # "哪些客户付了钱" asks for clients, not the sum
    return Intent.collected


def _signed(r: Reading) -> Intent | None:
    if "signed" not in r.cues:
        return None
    if r.cues & {"list", "who", "singular"} and "client_noun" in r.cues:
        raise NotSure("unsupported:signed_clients")
    return Intent.signed


def _rankings(r: Reading) -> Intent | None:
    for cue, intent in (("margin", Intent.top_clients_by_margin), ("profit", Intent.top_clients_by_profit),
                        ("revenue", Intent.top_clients_by_revenue)):
        if cue in r.cues:
            about_clients = r.ranked or r.mentions.clients or r.mentions.candidates or r.cues & {
                "client_noun", "list", "singular", "who"}
            if not about_clients and cue == "revenue" and r.periods:
                return Intent.invoiced  # "这个月收入到多少了": 收入 / 营收 of a period is invoiced (semantics.md)
            if cue == "revenue" and not r.ranked and r.cues & {"total", "howmuch"} and not r.cues & {
                    "list", "who", "singular", "count"} and not (r.mentions.clients or r.mentions.candidates):
                return Intent.invoiced  # "VIP客户营业额合计": the sum over those clients, not a ranking of them
            if not about_clients:
                raise NotSure(f"unsupported:total_{cue}")  # "what's our revenue": a firm total, not a ranking
            if len(r.mentions.clients) == 1 and not r.ranked and not r.cues & {"who", "singular"}:
                return Intent.client_metric  # "do we make money on 天成电商? show me the profit": that client's
            return intent
    return None


def _profile(r: Reading) -> Intent | None:
    if not (r.mentions.clients or r.mentions.candidates):
        return None
    if "profile" not in r.cues and r.cues & {"amount", "howmuch", "total"}:
        raise NotSure("no_intent")  # "明远贸易还差多少钱没给": a figure nobody read is asked, not the client's card
    return Intent.client_profile


def _attributes(r: Reading) -> Intent | None:
    c = r.cues
    asks = bool(c & {"list", "count", "howmuch"})
    owner = bool(r.mentions.staff or r.owner_me) and "client_noun" in c  # "我的" alone is not "my clients"
    if r.has_client_filter() or owner or ("client_noun" in c and asks):
        if "service_cost" in c:
            raise NotSure("unsupported:metric")  # "logistics costs for our clients": a figure, not a list
        return Intent.client_count if c & {"count", "howmuch"} else Intent.clients_by_attribute
    return None


RULES: list[Rule] = [
    _documents, _simple("collection_rate", Intent.collection_rate), _simple("aging", Intent.aging), _credit,
    _simple("not_contacted", Intent.clients_not_contacted), _simple("negative", Intent.negative_feedback),
    _contracts, _tax, _staff, _overdue, _due_invoices, _receivable, _collected, _simple("invoiced", Intent.invoiced),
    _signed, _rankings, _profile, _attributes, _simple("help", Intent.help),
]
