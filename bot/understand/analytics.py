"""The analytics families from a reading: breakdowns, trends, the summary, the staff board, new clients, health,
value segments and one client's figure (semantics.md "Metrics, breakdowns and trends", "Client value and health").

`analytics_intent(reading)` runs before the other families' rules: it claims a question only when its own words
are there (a dimension, 趋势/每个月, 经营情况, 业绩, 新客户, 健康度, 流失风险, 分层, or a metric of one named
client). Where two readings are possible it follows the distinguishing words: "新签了几个客户" counts clients
(new_clients), "签约额" sums contracts (signed).
"""

from __future__ import annotations

from datetime import date

from bot.understand.decide import NotSure, Reading
from bot.understand.period_dates import inner_periods, previous_and_current, resolve
from bot.understand.periods import PeriodSpec
from domain.queries import Intent, Query, Window

DIMENSIONS = ("owner", "team", "tier", "industry", "region", "taxpayer_type", "service_type", "credit_rating", "aging")
SEGMENT_CUES = {"segment", "seg_high_value", "seg_low_value", "seg_high_loyalty", "seg_low_loyalty"}
STOCK = {"receivable_balance", "overdue_amount", "overdue_clients", "clients", "late_documents", "lifetime_revenue",
         "health_score"}
TRAILING = {"margin", "revenue"}  # one client's revenue and margin: the trailing 12 months by default
NO_SHARE = {"profit", "collection_rate", "margin", "health_score"}
ANALYTICS = {Intent.breakdown, Intent.trend, Intent.summary, Intent.staff_board, Intent.new_clients,
             Intent.clients_by_health, Intent.clients_at_risk, Intent.client_segments, Intent.client_metric}
ONE_CLIENT = {"margin", "profit", "invoiced", "collected", "signed", "lifetime_revenue", "service_cost",
              "service_hours", "health_score", "receivable_balance", "overdue_amount", "collection_rate"}


CLIENT_ATTRIBUTES = {"tier", "industry", "region", "taxpayer_type", "credit_rating"}
ATTRIBUTE_OF = {"tier": "tier", "industry": "industry", "region": "region", "taxpayer_type": "taxpayer"}


def dimensions_of(r: Reading) -> list[str]:
    """The groupings asked for; a bare dimension word ("和行业") counts beside an explicit one ("按负责人"), so that
    "按负责人和行业统计" is two dimensions (not sure), never silently one."""
    dims = [d for d in DIMENSIONS if f"dim_{d}" in r.cues]
    if dims:
        dims += [d for d in DIMENSIONS if f"dimword_{d}" in r.cues and d not in dims]
    # "客户等级为VIP的", "科技行业": a value of the attribute is a filter, not a grouping
    return [d for d in dims if not r.attrs.get(ATTRIBUTE_OF.get(d, ""))]


def _counts_clients(r: Reading) -> bool:
    """"签约了多少客户", and "新签客户数" (客户数 is a count of clients): never a count of contracts."""
    c = r.cues
    return ("client_noun" in c and bool(c & {"count", "howmuch", "list", "who", "singular"})) or (
        "count" in c and not c & {"contract", "amount", "total"}) or (
        "client_noun" in c and bool(c & {"breakdown", "share"}) and not c & {"contract", "amount", "total"})


NAMED = (({"collect"}, "collected"), ({"invoiced", "revenue"}, "invoiced"), ({"signed"}, "signed"),
         ({"overdue"}, "overdue"), ({"receivable", "debtor"}, "receivable"), ({"service_hours"}, "hours"),
         ({"service_cost"}, "cost"), ({"profit", "margin"}, "profit"))


def named_metrics(r: Reading) -> set[str]:
    """The figures a question names ("工时和回款" names two; 逾期应收 is one: the overdue part of receivables)."""
    names = {name for cues, name in NAMED if r.cues & cues}
    return names - {"receivable"} if "overdue" in names else names


def metric_of(r: Reading) -> str | None:
    """The metric asked about, or None; two different metrics in one question → not sure."""
    c = r.cues
    if len(named_metrics(r)) > 1 and "collection_rate" not in c:
        raise NotSure("two_questions")  # "各行业的工时和回款": never one of the two silently
    for cue, metric in (("collection_rate", "collection_rate"), ("margin", "margin"), ("health", "health_score"),
                        ("lifetime", "lifetime_revenue"), ("service_cost", "service_cost"),
                        ("service_hours", "service_hours"), ("profit", "profit")):
        if cue in c:
            return metric
    if "docs" in c:
        return "late_documents" if c & {"late", "overdue"} else None
    if "new_client" in c or ("signed" in c and _counts_clients(r)):
        return "new_clients"
    found = []
    if "overdue" in c:
        # "逾期客户数按地区" counts clients; "我的客户逾期按行业拆" (客户 the owner's, 逾期 the money) sums the amount;
        # "上海客户逾期按账龄段": 客户 names whose (a filter), 逾期 the money
        clients = ("count" in c or ("client_noun" in c and not r.owner_me and not r.mentions.staff
                                    and not r.has_client_filter())) and not c & {"amount", "total"}
        found.append("overdue_clients" if clients else "overdue_amount")
    elif c & {"receivable", "debtor"}:
        found.append("receivable_balance")
    for cues, metric in (({"collect"}, "collected"), ({"invoiced", "revenue"}, "invoiced"), ({"signed"}, "signed")):
        if c & cues:
            found.append(metric)
    if len(found) > 1:
        raise NotSure("two_questions")
    if found:
        return found[0]
    return "clients" if c & {"client_noun", "count"} else None


def analytics_intent(r: Reading) -> Intent | None:
    c = r.cues
    one_client = len(r.mentions.clients) == 1 or bool(r.mentions.candidates)
    if len(named_metrics(r) | ({"new_clients"} if "new_client" in c else set())) >= 3 and not dimensions_of(r) \
            and not one_client and not r.ranked:
        return Intent.summary  # "开票回款签约新客户这几个数本月都是多少": the firm's key figures side by side
    if "summary" in c and not one_client and dimensions_of(r) and set(dimensions_of(r)) <= {"owner", "team"}:
        return Intent.staff_board  # "october KPI by employee", "经营数据按员工": the firm's figures per person
    if "summary" in c and "board" in c and "staff_word" in c:
        return Intent.staff_board  # "staff performance overview for this quarter": each colleague's figures
    if "summary" in c and not one_client:
        return Intent.summary  # "深圳华信这家客户的整体情况" is that client's card, not the firm's summary
    if "board" in c:
        return Intent.staff_board
    if c & {"at_risk", "health"} and c & {"overdue", "signed", "docs", "collect", "invoiced", "aging",
                                          "collection_rate", "contract"}:
        raise NotSure("two_questions")  # "健康度最低的逾期签约额有几张资料": words of several questions, none asked
    staff_only = "staff_noun" in c or (r.mentions.staff and "profile" in c and not r.ranked)  # "王芳健康状况怎么样"
    if c & ({"at_risk", "health"} | SEGMENT_CUES) and staff_only and "client_noun" not in c:
        raise NotSure("not_clients")  # "high-value, low-loyalty employees": colleagues are not scored
    if "at_risk" in c:
        return Intent.clients_at_risk
    if "health" in c:
        return Intent.client_metric if one_client else Intent.clients_by_health
    if c & SEGMENT_CUES:
        return Intent.client_segments
    if c & {"trend", "quarterly"}:
        return Intent.trend
    if "owner" in dimensions_of(r) and set(dimensions_of(r)) <= {"owner", "team"} and "profile" in c \
            and metric_of(r) is None:
        return Intent.staff_board  # "每个人这个月做得怎么样", "everyone on the team": how each one did, no figure named
    if dimensions_of(r) and set(dimensions_of(r)) <= {"owner", "team"} and len(named_metrics(r)) > 1:
        return Intent.staff_board  # "每个会计本月的工时和回款": several figures per person is the staff board
    if dimensions_of(r) == ["aging"] and not named_metrics(r) and not c & {"client_noun", "count"}:
        return Intent.aging  # "按账龄看一下", "30/60/90 aging": the aging report itself
    if dimensions_of(r):
        return Intent.breakdown
    if "share" in c:
        raise NotSure("missing:dimension")
    if "new_client" in c or ("signed" in c and _counts_clients(r)):
        return Intent.new_clients
    if one_client and not r.ranked and not c & {"list", "who", "singular"}:
        metric = metric_of(r)
        if metric in ONE_CLIENT and metric not in ("receivable_balance", "overdue_amount"):
            return Intent.client_metric  # "明远贸易今年回款多少"; balance and overdue: the families' own answers
    return None


def build_analytics(query: Query, r: Reading, today: date) -> None:
    """Fill the analytics fields of `query` (the client filter is set by build.py)."""
    intent = query.intent
    if intent in (Intent.breakdown, Intent.trend, Intent.client_metric):
        metric = metric_of(r)
        if metric is None and intent == Intent.breakdown and set(dimensions_of(r)) <= CLIENT_ATTRIBUTES:
            metric = "clients"  # "行业占比", "信用等级分布": how the clients divide
        if metric is None or (intent != Intent.client_metric and metric in ("margin", "health_score")):
            raise NotSure("missing:metric")
        query.measure = metric  # type: ignore[assignment]
    if intent == Intent.breakdown:
        dims = dimensions_of(r)
        if len(dims) > 1:
            raise NotSure("multiple_dimensions")
        query.dimension = dims[0]  # type: ignore[assignment]
        if dims[0] == "aging" and query.measure not in ("overdue_amount", "overdue_clients"):
            raise NotSure("unsupported:aging")
        if dims[0] == "service_type" and query.measure not in ("invoiced", "signed"):
            raise NotSure("unsupported:service_type")
        query.share = "share" in r.cues
        if query.share and query.measure in NO_SHARE:
            raise NotSure("unsupported:share")
    if intent == Intent.trend:
        if query.measure in STOCK or dimensions_of(r):
            raise NotSure("unsupported:trend")
        query.dimension = "quarter" if "quarterly" in r.cues else "month"  # type: ignore[assignment]
    if intent == Intent.client_segments:
        query.segment = _segment(r)  # type: ignore[assignment]
    if intent == Intent.clients_by_health:
        query.ascending = "rank_least" in r.cues or any(limit.ascending for limit in r.limits) or not (
            r.cues & {"rank_high", "healthiest"} or any(limit.top for limit in r.limits))
        if r.limits:
            query.limit = r.limits[0].n
        elif "singular" in r.cues and (r.ranked or "healthiest" in r.cues):
            query.limit = 1  # "哪家客户健康分最低": one client
    elif r.limits and intent != Intent.clients_by_health:
        raise NotSure("unsupported:ranking")
    _window(query, r, today)


def _segment(r: Reading) -> str | None:
    c = r.cues
    value = "high_value" if "seg_high_value" in c else "low_value" if "seg_low_value" in c else None
    loyalty = "high_loyalty" if "seg_high_loyalty" in c else "low_loyalty" if "seg_low_loyalty" in c else None
    if value is None and loyalty is None:
        return None
    if value is None or loyalty is None:
        raise NotSure("missing:segment")  # "高价值的客户": which loyalty? ask rather than pick
    return f"{value}_{loyalty}"


def _window(query: Query, r: Reading, today: date) -> None:
    specs = inner_periods(list(dict.fromkeys(r.periods)), today, "past")  # "今年1到11月每月收入": Jan–Nov
    later = previous_and_current(specs, today) if query.intent in (Intent.summary, Intent.staff_board) else None
    if later is not None:
        specs = [later]  # "经营情况 本月vs上月": the summary sets each figure beside the period before anyway
    elif len(specs) == 2 and "compare" in r.cues and query.intent in (Intent.summary, Intent.staff_board):
        specs = specs[:1]  # "上个月经营概况，环比前一个月": the period asked about, then the one to compare with
    if len(specs) > 1:
        raise NotSure("multiple_periods")
    spec = specs[0] if specs else None
    timeless = query.intent in (Intent.clients_by_health, Intent.clients_at_risk, Intent.client_segments) or (
        query.measure in STOCK and query.intent in (Intent.breakdown, Intent.client_metric))
    if timeless:
        if spec is not None and not _is_today(spec, today):
            raise NotSure("unsupported:period")
        return
    if spec is not None and spec.kind in ("until", "by"):
        raise NotSure("unsupported:period")  # "年底前", "before Dec 31": a figure of what has happened has no 'by'
    if query.intent == Intent.trend:
        query.window = _trend_window(spec, today, quarterly=query.dimension == "quarter")
        return
    if spec is None:
        return  # the executor's default (this month to date; one client's margin: the trailing year)
    query.window = resolve(spec, today, "past", trim_past=False).window


def _is_today(spec: PeriodSpec, today: date) -> bool:
    window = resolve(spec, today, "past", trim_past=False).window
    return window.start == window.end == today


def _trend_window(spec: PeriodSpec | None, today: date, *, quarterly: bool = False) -> Window:
    """Calendar months: "近12个月" is the 12 months ending with this one; "今年" January to this month. Quarters
    by default: the four quarters ending with this one."""
    if spec is None and quarterly:
        quarter_start = today.replace(day=1, month=(today.month - 1) // 3 * 3 + 1)
        return Window(start=_months_back(quarter_start, 9), end=today)
    if spec is None or (spec.kind == "span" and spec.direction != "future"):
        months = 12 if spec is None or spec.number == 365 else max(1, round(spec.number / 30))
        first = _months_back(today.replace(day=1), months - 1)
        return Window(start=first, end=today, label=spec.label if spec else "")
    window = resolve(spec, today, "past", trim_past=False).window
    start = window.start.replace(day=1)
    end = today if window.start <= today <= window.end else window.end
    return Window(start=start, end=end, label=window.label)


def _months_back(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)
