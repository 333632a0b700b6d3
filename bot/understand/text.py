"""Text normalisation and the `Scan`: the question with the parts already understood marked as consumed.

`normalize` makes full-width and half-width, upper and lower case, and punctuation variants look the same
("ＶＩＰ客户？" → "vip客户", "Pioneer E-Commerce Co., Ltd." → "pioneer e commerce co ltd"), keeping what the
number and date patterns need ("10,000", "1.5", "2026-10", "90+", "¥"). Every stage of the parser takes
spans of the normalised text; whatever no stage explains is the *residue*, which decides between
"understood" and "not sure".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from bot.understand.dialect import standard

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{CJK}]")
_KEEP = re.compile(rf"[^{CJK}a-z0-9\s.,/+\-:¥$<>=≥≤'~%]")
_ZERO_WIDTH = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad]")
_BETWEEN_DIGITS = re.compile(r"(?<!\d)[.,/:\-]|[.,/:\-](?!\d)")
_SPACE_CJK = re.compile(rf"(?<=[{CJK}])\s+(?=[{CJK}0-9])|(?<=[0-9])\s+(?=[{CJK}])")
MASK = "\x00"
T = TypeVar("T")


def is_cjk(ch: str) -> bool:
    return bool(_CJK_RE.match(ch))


def has_cjk(text: str) -> bool:
    return bool(_CJK_RE.search(text))


# Variant characters and common slips of the words that matter most, and "as of today" said with 截止/截至 (which
# is not a tax deadline): rewritten before anything reads the text.
_BUCKET = r"(?<![\d-])\d{1,3}(?:-|–|~|到|至)\d{1,3}(?!\d)天?"  # one aging bucket: "31-60", "1到30天"
def _year_digits(match: re.Match[str]) -> str:
    return "".join(str("〇一二三四五六七八九".index(ch)) if ch != "零" else "0" for ch in match.group())


_SAME = [(re.compile(p), to) for p, to in (
    (r"帐", "账"), (r"咱们", "我们"), (r"会款", "回款"),  # 会款: a slip of the same sound
    (r"(^|\s)#\s*(?=[a-z])", r"\1number of "),  # "# overdue clients": how many
    (r"愈期|逾其|渝期|逾欺|俞期|余期|于期|预期未付|"
     r"预期(?=的?客户|的?金额|多少|没付|未付|未交|没交|没回|了|\d|[一二两三四五六七八九十]+[天个])", "逾期"),
    # "我这边要跟进": the asker speaking, not "my clients"
    (r"我这[边里儿](?=要|想|需要|得|好|来|先|在|跟进|处理|看|查|准备|打算)", "我们"),
    (r"哪写", "哪些"), (r"(?<=[俩仨])(?=月|礼拜|星期)", "个"),  # a slip of the same sound; 俩月 is 俩个月
    (r"[神甚]么", "什么"), (r"客护", "客户"), (r"账[令零铃玲]", "账龄"),  # slips of the same sound
    (r"建康", "健康"), (r"(?<=给|打|了)[查插]评|[查插]评(?=的?(客户|公司|单位))", "差评"),
    (r"(最近|过去|近)这(?=[两三四五六七八九十\d]+个?(月|周|天|星期|礼拜|季度))", r"\1"),  # "最近这三个月"
    # "华信和明远这两家": those named (这三个月 is a period)
    (r"(?<=[\u4e00-\u9fffa-z])(?<![底高低多少前数])\s*[这那](两|俩|三|几)(家|个)(?![月季星礼周年天小])", "这些"),
    # "this month vs last": compared with the period before
    (r"\s(vs\.?|versus|compared (to|with)) (last|previous)( one| period)?\s*$", " compared"),
    (r"负责任(?=统计|分|看|排|汇总)", "负责人"), (r"[站战]比", "占比"), (r"有那些(?=[?？]?$)", "有哪些"),
    (r"payment[- ]credit", "credit"),  # "a D payment-credit rating"
    # "没到期的也算", "还没到期的不算": a clause that says what counts — the question already says it
    (r"[，,（(]?\s*(还|就|连)?(没到期|未到期|还没到期|没到截止日?|未到截止日?)的?(也|都)?(算|不算|包括|不包括)(上|在内|进去)?"
     r"[）)]?", ""),
    # "不管截止日过没过", "due or not": a clause that lifts a condition — nothing to read in it
    (r"[，,]?\s*(不管|无论|不论)[^，,。？?]*|(,\s*)?(regardless of (the )?(deadline|due date)|(whether )?due or not"
     r"( yet due)?)", ""),
    (r"不(够|太|是很|怎么|很)?忠诚", "低忠诚"), (r"not (very |that |so )?loyal", "low loyalty"),
    (r"(bring|brings|bringing) (in |us )?(little|not much|very little) (revenue|money|value)", "low value"),
    (r"\s*#\s*\?+\s*$", " how many"),
    (r"(?<![a-z])(client|customer|account)s?\s*数(?![据字])", r"\1s count"),  # "client 数": how many
    (r"(?<=回款|收款|回收|毛利|利润|盈利)[律绿虑]", "率"),  # 回款律, 回款绿, 毛利律: same sound
    (r"毛力[率律]", "毛利率"),
    (r"企税", "企业所得税"), (r"\bhelth\b", "health"), (r"#\s*of\b", "number of"),  # "# of overdue clients" counts
    (r"回款信用", "信用"),  # 回款信用等级 is the credit rating
    (r"下(?=[，,。!！？?\s]+下(个|周|礼拜|星期|月|季|半))", "一下"),  # "想确认下，下个月…": not 下下个月
    (r"(?<![\d/])(1[0-2]|0?[1-9])\s*/\s*(20\d\d)(?![\d/])", r"\2年\1月"),  # 10/2026, as a memo dates a month
    (r"[〇零一二三四五六七八九]{4}(?=\s*年)", _year_digits),  # 二〇二六年
    (r"有无", "有没有"),
    (r"(?<![a-z])this (january|february|march|april|june|july|august|september|october|november|december)(?![a-z])",
     r"\1 this year"),  # "this January's deadline": this year's January, not the next one
    (r"价值(?:与|和|及|、)忠诚度?(?:均|都|皆|也都)(?:偏|较|比较|很)?(低|高)", r"价值\1忠诚度\1"),  # 价值与忠诚度均偏低
    (r"cross[- ]?border\s*(电商|e-?commerce)", "跨境电商"),  # one tag, not a tag and the industry 电商
    (r"(?<![a-z])(hk|hong kong)(?![a-z])", "香港"), (r"(?<![a-z])maca[uo](?![a-z])", "澳门"),  # places, never dropped
    (r"截[止至]到?(今天|今日|现在|当前)(为止)?|到(今天|今日|现在)为止", "截至目前"),
    (r"(?:打了|打上了?|贴了|贴上了?|带有?)(.{1,12}?)(?:标签|tag)的", r"标签为\1的"),  # "打了跨境电商标签的客户"
    (r"(本月|这个月|今年|本季度|这个季度)(?:到|截至|截止到?)(?:今天|现在|目前|今日)(?:为止)?", r"\1以来"),
    (r"#\s*(?=clients|customers|accounts)", "number of "),
    (r"价值\s*[x×*]\s*忠诚", "价值和忠诚"), (r"今年\s*ytd|ytd\s*今年", "ytd"),
    (r"(?<=[\u4e00-\u9fffa-z])\s*360\s*(度|°)?\s*(视图|画像|view)?\s*$", " 档案"),  # "成都鼎盛360": the whole card
    (r"^[\u4e00-\u9fffa-z]{1,6}客户\s*[:：]\s*(?=[高低](价值|忠诚))", ""),  # "核心客户：高价值高忠诚的…": a heading
    (r"(余额|金额|欠款|款)(给我)?(个|一个)?总数", r"\1总额"),  # "逾期余额给我个总数": the sum, not a count
    # "有逾期的不", "有过期没付的单子不": A-not-A, a question; "不知道…": I wonder
    (r"(?<=[\u4e00-\u9fff])(?<![也都就还并可毫决绝要行])不[?？]?$", "吗"), (r"^(不知道|不晓得)", "想问"),
    (r"^.*?(哦|噢|呃)?不对[，,\s]*是", ""),  # "上个月回款 哦不对 是这个月回款多少": the corrected question
    (r"(?<![a-z])no\.? ?1(?!\d)", "第一"),
    (r"价值\s*(跟|与|及|和)\s*忠诚", "价值和忠诚"), (r"又值钱又忠诚", "价值高忠诚度高"),
    (r"价值和忠诚度?都(低|高)", r"价值\1忠诚度\1"),  # "价值和忠诚度都低的客户"
    (r"full[- ]year (?=20\d\d)", "for "),  # "full-year 2025 invoicing"
    (r"(已经|已)(结清|付清|还清)", "还清了"),  # "欠款已经结清的客户": the opposite of the debtors (readings.DONE)
    (r"有没有", "是否有"),  # "有没有联系过华信" asks whether; its 没有 does not negate
    # "at least one overdue invoice", "至少有一张逾期发票": any — a count of things, never an amount or a top-N
    (r"at least (?:one|1|a single) (?=(?:overdue |unpaid |open |outstanding |past due )?(?:invoice|bill|payment))",
     "any "), (r"至少有?一(?:张|笔)", "有"),
    (r"([\u4e00-\u9fff])不\1", r"是否\1"),  # "亏不亏", "高不高", "赚不赚钱": asks whether; its 不 negates nothing
    # "资料齐了没", "交没交齐": a question whether, its 没 negates nothing
    # … at the end of a clause too ("收齐了没 谁还没给"), and after any verb or state ("有客户逾期没"): a 没 with
    # nothing after it in its clause has no verb to negate (not after 还/都/也…: "还没" answers "not yet")
    (r"了没有?(?=[啊呀呢]*(?:[\s?？!！。.,，~]|$))", "了吗"),
    # … but "没 follow up" (an English verb after the space) is not yet done
    (r"(?<=[\u4e00-\u9fff])(?<![还都也并从就又再本没说谁家个些位])没有?"
     r"(?=[啊呀呢]*(?:\s(?![a-z])|[?？!！。.,，~]|$))", "吗"),
    (r"([齐全交到完])没\1([齐全完]?)(?=[啊呀呢\s?？!！。.,，~]*$)", r"\1\2了吗"),
    (r"(打|转|汇|付)了?(多少钱?|多少款)过来", r"\1过来\2"),  # "打了多少钱过来" is "打过来多少钱"
    # "给个数", "报个数字": give me the figure — not 个数 (how many)
    (r"(?:给|报|说|来|出)(?:我|一)?个数字?(?![量目])", "给我"),
    (r"加(?:在)?一[块起]儿?", "加起来"),  # "加一块是多少": summed, not one yuan
    (r"过万", "超过1万"), (r"(去年|今年|前年)(一年|全年|整年)", r"\1"),  # "逾期过万", "去年一年开票"
    # "整一个名单给我", "蹲一个应收账龄报告": give me one, not a limit of one
    (r"(整|弄|搞|来|拉|出|蹲)一?个(?=[\s,，。!！?？]|$|给我|[^，,。\d]{0,8}(名单|表|清单|报告|分析|看板))", "给我"),
    (r"(\d+)\s*\+\s*(days?|天)", r"\1 \2 or more"),  # "30+ days overdue" includes 30 (民法典 1259, like 以上)
    (r"排排队|排个队|排一排", "排序"), (r"(?<=[未没])交单", "交资料"), (r"签返来?|签回来", "签"),
    (r"拿下(?=[^，,。]{0,6}(新)?客户)", "签下"),
    (r"((?:超过|大过|多过|高于|以上|more than)[^的]{0,8})的大客户", r"\1的客户"),  # big by that amount, not VIP
    (r"(\d+|[一二两三四五六七八九十百]+)\s*(天|个月|日)以外", r"超过\1\2"),  # 民法典: 以外 excludes the number
    (r"不值钱", "价值低"), (r"值钱", "价值高"), (r"\bthis round\b", "this period"),
    # chat abbreviations: "due tmr", "before eom", "overdue amt"
    (r"(?<![a-z])(tmrw?|tmw|tmo)(?![a-z])", "tomorrow"), (r"(?<![a-z])eom(?![a-z])", "month end"),
    (r"(?<![a-z])amt(?![a-z])", "amount"), (r"double[- ]?check", "check"),
    (r"(这个|本|上个|下个)\s*month(?![a-z])", r"\1月"),  # "这个 month 的 collection"
    (r"(?<![a-z])any1(?![a-z])", "anyone"),
    (r"(?<=[\u4e00-\u9fff])\s*account managers?(?=\s*[\u4e00-\u9fff]|$)", "负责人"),  # 按account manager分
    (r"欠咱们?", "欠我们"),
    (r"这(一个?(星期|礼拜|周))(?=都?没)", r"\1"),  # "这一个星期都没人联系": a week without contact
    (r"(?<![a-z])rev(?![a-z])", "revenue"), (r"(?<![a-z])hrs(?![a-z])", "hours"),
    (r"(?<![a-z])stmts?(?![a-z])", "statements"),
    (r"(?<=[\u4e00-\u9fff])给了?(多少钱?)(给)?(我们|咱们)", r"付给我们\1"),  # Cantonese 俾咗几多钱我哋: paid us
    (r"大家的?业绩", "员工业绩"), (r"(还|仍)?缺几样", "还缺哪些资料"),
    (r"(?<![收转存])入了?多少(钱|数)", "回款多少"),  # 呢个礼拜入咗几多数: what came in
    (r"(想|要|打算)(走|撤|换家|换掉我们)(?=的)", "可能流失"),  # "VIP有冇想走的": clients who may leave
    (r"(\d+)\s*days?\s*内", r"\1天内"), (r"回宽|汇宽", "回款"), (r"和同(?=到期|快到期|续)", "合同"),  # slips
    (r"before (the )?(year end|year-end)", "before the end of the year"), (r"within (a|one) year", "within 365 days"),
    (r"balance due\b(?! (in|within|next|this|on|by))", "balance"),  # what is owed, not what falls due
    (r"\bby\s*(?=[\u4e00-\u9fff])", "按"),  # "revenue by 行业": by a Chinese dimension word
    # about to fall overdue is falling due soon, not overdue yet
    (r"(快要|即将|马上就?要?|就要|快)逾期", "即将到期"),
    (r"about to (go|become|fall) overdue|going overdue soon", "due soon"),
    (r"(余额|款项|金额|欠款|应收|的钱|账款|未付|未收|没付)(的)?总数", r"\1总额"),  # "逾期余额给我个总数": an amount
    (r"全部(?=欠款|应收|逾期款|欠费)", ""),  # "秦霞客户的全部欠款": the whole amount, not a list
    (r"最后一天|最后1天", "最后期限"), (r"哪一天", "哪天"),  # a day of the calendar, not a one-day threshold
    (r"(\d{4})\s*全年", r"\1年"), (r"今年\s*年?底(之)?前", "年底前"),  # "2025全年" is the year; 今年年底前 one window
    # an English month glued to Chinese ("Oct开票") is that month
    *((rf"(?<![a-z]){name}\.?\s*(?=[\u4e00-\u9fff])", f"{n}月") for n, name in enumerate(
        ("jan(uary)?", "feb(ruary)?", "mar(ch)?", "apr(il)?", "may", "june?", "july?", "aug(ust)?",
         "sept?(ember)?", "oct(ober)?", "nov(ember)?", "dec(ember)?"), 1)),
    # "since Oct回款": from that month to today
    (r"(?<![a-z])(?:since|from)\s*(\d{1,2})月(?!\s*\d)(?!.*(?:到|至|until|to)\s*\d{1,2}月)", r"\1月以来"),
    # semantics.md: at risk is exactly a health score below 60 (低于/不到 exclude the number; 60以下 includes it)
    (r"(客户)?健康(度|分|分数|评分|得分|值)?\s*(低于|不到|小于|不足|<)\s*60\s*分?", "流失风险"),
    (r"health\s*(score)?\s*(below|under|less than|<|低于|不到|小于|不足)\s*60", "at risk"),
    (r"\bmay i (ask|know|see|have|get)\b", " "),  # "may I ask": polite, not the month of May
    # aging buckets spelled out ("1-30、31-60、61-90、90天以上", "30/60/90"): the aging buckets
    (rf"{_BUCKET}(?:\s*[、,，/和及 ]\s*{_BUCKET})+(?:\s*[、,，/和及 ]?\s*\d{{1,3}}\s*天?\s*(?:以上|\+|及以上|plus))?"
     r"|\b(?:30|0-30)\s*/\s*60\s*/\s*90(?:\s*/\s*90\+)?", " 按账龄 "),
)]


def normalize(text: str) -> str:
    """Lower-case, half-width, punctuation-free text (see the module docstring)."""
    text = standard(unicodedata.normalize("NFKC", text).casefold())
    for pattern, to in _SAME:
        text = pattern.sub(to, text)
    text = _ZERO_WIDTH.sub("", text)
    text = text.replace("’", "'").replace("‘", "'").replace("n/a", " na ")
    text = re.sub(r"(?<=[a-z])'s\b", " 's", text)
    text = re.sub(r"(?<=[a-z])'(?=[a-z])", "", text)  # don't → dont, I'm → im
    text = re.sub(r"@\S+", " ", text)  # @mentions of the bot
    text = _KEEP.sub(" ", text)
    text = re.sub(r"'(?!s\b)", " ", text)
    text = _BETWEEN_DIGITS.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return _SPACE_CJK.sub("", text)


@dataclass
class Hit:
    start: int
    end: int
    kind: str  # "period" | "days" | "amount" | "limit" | "credit" | "term" | "client" | "staff" …
    value: object = None
    tags: frozenset[str] = frozenset()
    surface: str = ""


@dataclass
class Scan:
    """The normalised question and what has been recognised in it so far."""

    text: str
    hits: list[Hit] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._free = [True] * len(self.text)
        self._masked: str | None = self.text

    def masked(self) -> str:
        """The text with consumed characters replaced by MASK (so later patterns cannot match them)."""
        if self._masked is None:
            self._masked = "".join(ch if free else MASK for ch, free in zip(self.text, self._free, strict=True))
        return self._masked

    def is_free(self, start: int, end: int) -> bool:
        return all(self._free[start:end])

    def take(self, start: int, end: int, kind: str, value: object = None, tags: frozenset[str] = frozenset()
             ) -> Hit:
        hit = Hit(start, end, kind, value, tags, self.text[start:end])
        self.hits.append(hit)
        for i in range(start, end):
            self._free[i] = False
        self._masked = None
        return hit

    def take_matches(self, patterns: Iterable[tuple[re.Pattern[str], str]], kind: str,
                     read: Callable[[str, re.Match[str]], T | None]) -> list[T]:
        """Consume every free match of the (pattern, label) list that `read` turns into a value; the values in
        order of appearance (dates, periods: earlier patterns win overlaps)."""
        found: list[tuple[int, T]] = []
        for pattern, label in patterns:
            for match in pattern.finditer(self.masked()):
                if not self.is_free(match.start(), match.end()):
                    continue
                value = read(label, match)
                if value is not None:
                    self.take(match.start(), match.end(), kind, value)
                    found.append((match.start(), value))
        return [value for _, value in sorted(found, key=lambda pair: pair[0])]

    def release(self, hit: Hit) -> None:
        self.hits.remove(hit)
        for i in range(hit.start, hit.end):
            self._free[i] = True
        self._masked = None

    def of_kind(self, kind: str) -> list[Hit]:
        return [hit for hit in self.hits if hit.kind == kind]

    def tags(self) -> set[str]:
        out: set[str] = set()
        for hit in self.hits:
            out |= hit.tags
        return out

    def residue(self) -> list[tuple[int, int]]:
        """Maximal runs of unconsumed, non-space characters."""
        runs: list[tuple[int, int]] = []
        start = None
        for i, ch in enumerate(self.text):
            meaningful = self._free[i] and not ch.isspace()
            if meaningful and start is None:
                start = i
            elif not meaningful and start is not None:
                runs.append((start, i))
                start = None
        if start is not None:
            runs.append((start, len(self.text)))
        return runs


def is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def segment(text: str, lengths_at: Callable[[str], Iterable[int]], known: Callable[[str], bool]
            ) -> list[tuple[int, int]]:
    """The spans of known words that leave the fewest characters of `text` unexplained (ties: fewer, longer
    words) — greedy longest-match would read "逾期未收回" as 逾期未收 + 回. Spaces and masked characters cost
    nothing; Latin words are only taken whole. `lengths_at(ch)` gives the word lengths worth trying at `ch`."""
    n = len(text)
    # best[i] = (unexplained chars, words) for text[i:]; choice[i] = length of the word taken at i (0: none)
    best: list[tuple[int, int]] = [(0, 0)] * (n + 1)
    choice = [0] * (n + 1)
    for i in range(n - 1, -1, -1):
        ch = text[i]
        free = ch == MASK or ch.isspace()
        best[i], choice[i] = (best[i + 1][0] + (0 if free else 1), best[i + 1][1]), 0
        if free or (is_latin(ch) and i and is_latin(text[i - 1])):
            continue
        for length in lengths_at(ch):
            end = i + length
            if end > n or (is_latin(text[end - 1]) and end < n and is_latin(text[end])) or not known(text[i:end]):
                continue
            option = (best[end][0], best[end][1] + 1)
            if option < best[i]:
                best[i], choice[i] = option, length
    spans, i = [], 0
    while i < n:
        if choice[i]:
            spans.append((i, i + choice[i]))
        i += choice[i] or 1
    return spans
