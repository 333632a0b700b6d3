"""Numbers with a role: day thresholds, amount thresholds, top-N and credit ratings.

Thresholds follow 民法典 第一千二百五十九条 (semantics.md "Time"): 以上, 以下, 以内, 届满, 满, 至少, 不少于 and
"at least" / "N or more" / "N+" include the number; 超过, 多于, 逾, 不满, "more than", "over" exclude it. So
"逾期60天以上" is *60 days or more* (`Query.min_days_overdue = 59`: the facts keep invoices MORE than N days
overdue) and "逾期超过60天" is *more than 60* (`min_days_overdue = 60`); "5000元以上" is ≥ 5000 (min_amount
4999.99) and "超过5000元" > 5000. A bare "逾期N天" keeps the strict reading; "三个多月", "二十多天" are more than
that many (strict: 90, 20). Upper bounds ("以下", "不到", "less than", "under") are recognised but not supported:
the parser says it is not sure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from bot.understand.numbers import NUMBER, parse_number
from bot.understand.periods import duration_days
from bot.understand.text import Scan

_STRICT_PRE = r"超过|超出|多于|大于|高于|逾|已逾|more than|over|above|greater than|exceeding|exceeds|longer than" \
              r"|beyond|>"
_INCL_PRE = r"至少|不少于|不低于|不小于|起码|最少|届满|已满|满|at least|>=|≥|no less than"
_UPPER = (r"以下|以内|还没到|还没满|没到|未到|不到|少于|低于|小于|不足|未满|不满|不超过|"
          r"less than|under|below|fewer than|up to|at most|<=|≤|<")
_STRICT_POST = r"开外|多|还多"
_INCL_POST = (r"及以上|或以上|以上含|含以上|以上的?|之上|往上|or more|and more|and above|and over|or longer|and up|"
              r"\+|plus")
# "at least one overdue invoice", "至少一张发票": a count of things, not an amount
_COUNTED = r"\s*(?:overdue |unpaid |open |outstanding |past[- ]due )?(?:invoices?|bills?|payments?|contracts?|" \
           r"clients?|customers?|documents?)(?![a-z])|\s*[张笔份]"
_MONEY_PRE = r"¥|\$|rmb|cny"
_MONEY_POST = r"元|块钱|块|rmb|yuan|cny|人民币|dollars"
_DAY_UNIT_ZH = r"(?P<unit>天|日|个星期|星期|个礼拜|礼拜|周|个月|个季度|季度|年)"
_DAY_UNIT_EN = r"(?P<unit>days?|weeks?|months?|years?|d|wks?)"  # "overdue >30d"
# "三个多月", "二十多天": more than that many (strict), whatever word stands around it
_MORE_UNIT_ZH = r"个多月|个多星期|个多礼拜|多天|多日|多周|多个星期|多个礼拜|多年"
_MORE_UNITS = {"月": "个月", "星期": "个星期", "礼拜": "个星期", "天": "天", "日": "天", "周": "周", "年": "年"}


@dataclass(frozen=True)
class Threshold:
    kind: str  # "days" | "amount"
    value: Decimal
    upper: bool = False  # "less than N": recognised, not supported


@cache
def _threshold_patterns() -> list[tuple[re.Pattern[str], str]]:
    pre = rf"(?:(?P<strict>{_STRICT_PRE})|(?P<incl>{_INCL_PRE})|(?P<upper>{_UPPER}))"
    post = rf"(?:(?P<incl2>{_INCL_POST})|(?P<strict2>{_STRICT_POST})|(?P<upper2>{_UPPER}))"
    half = r"(?P<half>个半月|年半)"
    table = [
        (rf"{pre}?\s*(?P<n>{NUMBER})\s*(?P<more>{_MORE_UNIT_ZH})\s*{post}?", "days"),
        (rf"{pre}?\s*(?P<n>{NUMBER})\s*(?:{half}|{_DAY_UNIT_ZH})\s*{post}?", "days"),
        (rf"{pre}?\s*(?P<n>半)\s*个?\s*(?P<hunit>月|年)\s*{post}?", "days"),
        (rf"{pre}?\s*(?P<n>{NUMBER})\s*\+?\s*{_DAY_UNIT_EN}(?![a-z])\s*{post}?", "days"),
        (rf"(?<![a-z]){pre}\s*(?P<n>an?)\s+{_DAY_UNIT_EN}(?![a-z])\s*{post}?", "days"),  # "in over a month"
        (rf"(?P<n>{NUMBER})\s*(?P<incl2>or more|or longer|and more|and over)\s+{_DAY_UNIT_EN}(?![a-z])", "days"),
        (rf"{pre}?\s*(?:{_MONEY_PRE})?\s*(?P<n>{NUMBER})\s*(?:{_MONEY_POST})?\s*{post}?(?![\d.,])(?!{_COUNTED})",
         "amount"),
    ]
    return [(re.compile(pattern), kind) for pattern, kind in table]


def find_thresholds(scan: Scan) -> list[Threshold]:
    """Consume day and amount thresholds ("60天以上", "超过两个月", "over ¥10,000", "5千以上")."""
    out: list[Threshold] = []
    for pattern, kind in _threshold_patterns():
        for match in pattern.finditer(scan.masked()):
            if not match.group("n").strip() or not scan.is_free(match.start(), match.end()):
                continue
            if kind == "days" and _named_not_asked(scan.text[:match.start()]):
                scan.take(match.start(), match.end(), "filler", None, frozenset({"filler"}))
                continue
            marker = _split_marker(scan, match) if kind == "days" else None
            threshold = _threshold(kind, match, marker.groupdict() if marker else None)
            if threshold is not None:
                scan.take(match.start(), match.end(), kind, threshold)
                if marker is not None:
                    scan.take(marker.start(), marker.end("word"), "filler", None, frozenset({"filler"}))
                out.append(threshold)
    return out


def _named_not_asked(before: str) -> bool:
    """Days that name something rather than set a threshold: the last of the aging buckets listed
    ("1-30、31-60、61-90同90日以上四段") or the credit term given as context ("账期是15天")."""
    return len(_BUCKETS.findall(before)) >= 2 or bool(_AFTER_BUCKETS.search(before) or _CREDIT_TERM.search(before))


_BUCKETS = re.compile(r"\d+\s*[-–~]\s*\d+")
_CREDIT_TERM = re.compile(r"账期\s*(是|为|都是|一般是|定的是)?\s*$")  # "账期是15天": the terms given, no threshold
_AFTER_BUCKETS = re.compile(r"按账龄\s*(同|和|跟|及|加|、)\s*$")  # the bucket list, normalized to 按账龄 (text.py)
_SPLIT_MARKER = re.compile(rf"(?P<word>(?P<strict>{_STRICT_PRE})|(?P<incl>{_INCL_PRE})|(?P<upper>{_UPPER}))\s*"
                           r"(?:已经|已)?\s*(?:逾期|超期|过期|拖欠|欠款|没联系|未联系|没有联系|没跟进)了?\s*$")


def _split_marker(scan: Scan, m: re.Match[str]) -> re.Match[str] | None:
    """"至少逾期了90天": the 以上/超过 word before the subject word still marks the number (民法典 reading)."""
    if any(m.groupdict().get(g) for g in ("strict", "incl", "upper", "strict2", "incl2", "upper2")):
        return None
    before = scan.masked()[:m.start()]
    found = _SPLIT_MARKER.search(before)
    if found is None or not scan.is_free(found.start(), found.end("word")):
        return None
    return found


def _threshold(kind: str, m: re.Match[str], marker: dict[str, str | None] | None = None) -> Threshold | None:
    groups = {**m.groupdict(), **{k: v for k, v in (marker or {}).items() if v}}
    number = Decimal("0.5") if groups["n"] == "半" else Decimal(1) if groups["n"] in ("a", "an") else parse_number(
        groups["n"])
    if number is None or number < 0:
        return None
    upper = bool(groups.get("upper") or groups.get("upper2"))
    inclusive = bool(groups.get("incl") or groups.get("incl2"))
    marked = upper or inclusive or bool(groups.get("strict") or groups.get("strict2"))
    if kind == "days" and groups.get("hunit"):
        days = Decimal(15 if groups["hunit"] == "月" else 180)
        return Threshold("days", days - 1 if inclusive else days, upper)
    if kind == "days" and groups.get("more"):
        unit = next(unit for word, unit in _MORE_UNITS.items() if groups["more"].endswith(word))
        return Threshold("days", Decimal(duration_days(float(number), unit)), upper)
    if kind == "days":
        half = groups.get("half")
        unit = ("个月" if half == "个半月" else "年") if half else groups["unit"]
        days = Decimal(duration_days(float(number), unit, half=bool(half)))
        return Threshold("days", days - 1 if inclusive and days > 0 else days, upper)
    text = m.group(0)
    has_money = bool(re.search(rf"{_MONEY_PRE}|{_MONEY_POST}", text)) or bool(re.search(r"[万千kw]", groups["n"]))
    if not (marked or has_money) or _looks_like_count(m):
        return None
    return Threshold("amount", number - Decimal("0.01") if inclusive and number > 0 else number, upper)


def _looks_like_count(m: re.Match[str]) -> bool:
    """"10个", "5家", "3 clients": a count, not money."""
    rest = m.string[m.end():m.end() + 12].lstrip()
    return bool(re.match(r"个|家|名|位|户|%|clients?|customers?|companies|invoices?|contracts?", rest))


# -- top N ---------------------------------------------------------------------------------------------

_LIMIT_PATTERNS = (
    # (?<![目之以提事当此从]): the 前 of 目前 / 之前 / 以前 / 提前 is no top-N ("目前一共回款多少")
    (rf"(?P<dir>(?<![目之以提事当此从])前|排名前|倒数|后|最后)\s*(?P<n>{NUMBER})\s*(?:名|个|家|位|户)?", "zh"),
    (rf"(?<![a-z])(?P<dir>top|bottom|first|the top|the bottom)\s*(?P<n>{NUMBER})(?![a-z0-9])", "en"),
    # "lowest 8 health scores": only the number is the limit; the ranking word stays for its cue (which end)
    (rf"(?<![a-z])(?:lowest|highest|largest|biggest|smallest|worst|best)\s+(?P<n>{NUMBER})(?![a-z0-9])", "rank_en"),
    (rf"(?<![a-z])(?:most|least) [a-z]+\s+(?P<n>{NUMBER})(?![a-z0-9])", "rank_en"),  # "most profitable ten"
    # "超过5家", "5家以上": a number of clients as a threshold (which colleagues have that many), never a top-N
    (rf"(?<!超过)(?<!多于)(?<!大于)(?<!不止)(?<!少于)(?<!不到)(?<!不足)(?<!低于)(?<!满)(?P<n>{NUMBER})\s*"
     r"(?:名|个|家|位|户)"
     r"(?!\s*(?:表|单子|清单|名单|列表|excel|汇总|文件|以上|以下|或以上|及以上|以内|之上))", "count_zh"),
    (r"(?P<n>俩|仨)(?=客户|公司|家|户|\s*$|\s*[，,。？?！!])", "count_zh"),  # "最多的仨客户", "欠款最多的仨"
    (rf"(?<![a-z])which\s+(?P<n>{NUMBER})(?=\s+(?:have|has|are|owe|of|clients|customers|companies)(?![a-z]))",
     "which_en"),  # "which three have the biggest balances"
    # "the five Shanghai clients owing us the most": an English number alone between words already read
    (r"(?:(?<=\x00)|(?<=\bthe)|^)\s*(?P<n>two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty)\s+"
     r"(?!(?:days?|weeks?|months?|years?|thousand|hundred|grand|million|k)(?![a-z]))(?=[a-z\x00])", "which_en"),
    (rf"(?<![a-z0-9.,])(?P<n>{NUMBER})\s+(?=(?:(?:high[- ]risk|vip|normal|key|big) )?(?:biggest|largest|highest|most|"
     r"least|lowest|smallest|best|worst|top|clients|customers|companies|debtors|staff|employees|vips|accounts|"
     r"[a-z]+est)(?![a-z]))",
     "count_en"),
)


@dataclass(frozen=True)
class Limit:
    n: int
    ascending: bool = False  # "倒数5名", "bottom 5"
    top: bool = False  # "前10", "top 5": the highest end, said with the number


def find_limits(scan: Scan) -> list[Limit]:
    out: list[Limit] = []
    for pattern, kind in _limit_patterns():
        for match in pattern.finditer(scan.masked()):
            start, end = match.span("n") if kind in ("rank_en", "which_en") else match.span()
            if not scan.is_free(start, end):
                continue
            number = parse_number(match.group("n"))
            if number is None or number != int(number) or not 1 <= number <= 1000:
                continue
            direction = match.groupdict().get("dir") or ""
            direction = direction.strip()
            limit = Limit(int(number), ascending=direction in ("倒数", "后", "最后", "bottom", "the bottom"),
                          top=direction in ("前", "排名前", "top", "the top", "first"))
            scan.take(start, end, "limit", limit)
            out.append(limit)
    return out


@cache
def _limit_patterns() -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(pattern), kind) for pattern, kind in _LIMIT_PATTERNS]


# -- credit rating -------------------------------------------------------------------------------------

_CREDIT_PATTERNS = (
    r"(?:信用等级|信用评级|信用级别|信用|评级|等级|credit rating|credit grade|credit|rating|rated|grade|we rate)\s*"
    # the linking verb: "为/是", or a rating verb ("被评成D", "降为C", "已经调到B", "downgraded to d")
    r"(?:(?:被|已经|已|都|给)?\s*(?:评定为|评级为|评为|评成|评了|定为|定成|打成|打了|列为|列成|变成|成了|降级为|降级到|只有|仅为|仅|评|"
    r"降为|降到|降成|升为|升到|调为|调成|调到|改为|改成)|为|是|=|:|of|is|was|at|as|等于|"
    r"(?:been )?(?:rated|downgraded to|upgraded to|set to|changed to|moved to))?"
    r"\s*(?P<r>[abcd]|na)(?![a-z])\s*(?:级|等)?",
    r"(?<![a-z])(?P<r>[abcd])\s*级?\s*信用(?:等级|评级)?",
    r"(?<![a-z])(?P<r>[abcd])\s+(?:credit\s+)?(?:rated|rating|grade)(?![a-z])",
    # "an A for paying us on time"
    r"(?<![a-z])an? (?P<r>[abcd]) (?:for|on) (?:paying|payments?|pay)(?: us)?(?: on time)?(?![a-z])",
    r"(?P<na>无评级|没有评级|未评级|无信用等级|没有信用等级"
    r"|(?<![a-z])(?:unrated|no rating|not rated|no credit rating))",
)


# "信用最差的D级客户": a letter grade apart from the credit word, read only when the question names credit; without
# one ("A级客户") it is a grade of nobody knows what (credit? a tier?), kept as a "grade" hit: the parser is not sure
_GRADE_APART = re.compile(r"(?<![a-z])(?P<r>[abcd])\s*级(?=\s*(?:的|客户|公司|单位|企业|有|是))")
_CREDIT_WORD = re.compile(r"信用|评级|credit|rating|rated")


def find_credit(scan: Scan) -> list[str]:
    out: list[str] = []
    if not _CREDIT_WORD.search(scan.text):
        for match in _GRADE_APART.finditer(scan.masked()):
            scan.take(match.start(), match.end(), "grade", match.group("r").upper())
    for pattern in (*_credit_patterns(), _GRADE_APART):
        for match in pattern.finditer(scan.masked()):
            if not scan.is_free(match.start(), match.end()):
                continue
            groups = match.groupdict()
            rating = "N/A" if groups.get("na") or groups.get("r") == "na" else (groups.get("r") or "").upper()
            scan.take(match.start(), match.end(), "credit", rating, frozenset({"cue.credit"}))
            out.append(rating)
    return out


@cache
def _credit_patterns() -> list[re.Pattern[str]]:
    return [re.compile(pattern) for pattern in _CREDIT_PATTERNS]
