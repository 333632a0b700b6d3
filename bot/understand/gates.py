"""Questions that are never answered, whatever family their words resemble — text-level checks the combination of
rules and classifier (generalise.py) consults: a lone subject word among unread words, a client name nobody has,
an unknown word where a name goes, someone leaving, what the book cannot answer (the firm's own money, a forecast,
the opposite of a list, a statement that changes the book), a negation that reverses the subject, and praise
(the opposite of negative feedback)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from bot.understand.analytics_words import LEAVING
from bot.understand.classify import IntentModel, model
from bot.understand.decide import EXPLAINS, SUBJECT_CUES, Reading
from bot.understand.names import pinyin_syllables
from bot.understand.outside import outside_book
from bot.understand.parser import YES_NO, Analysis
from bot.understand.places import CITIES, unread_positions
from bot.understand.policy import NOT_YET_HAPPENED
from bot.understand.readings import (
    ACTION_STATEMENT,
    ACTION_TAIL,
    ASKS,
    AVERAGE,
    BARE_DIMENSIONS,
    CHANGE_RANKING,
    DONE,
    FORECAST,
    OTHER_MEASURE,
    OWN_MONEY,
    PADDING_NEGATION,
    STATE_NEGATION,
    TWO_ASKED,
)
from bot.understand.text import Hit, is_cjk
from domain.queries import Intent, Query

STRAY = 3  # unexplained characters around a lone subject word that make the sentence not a question


_ASKING = re.compile(r"啥|怎|瞅|看|出|发|给|帮|整|样|呢|吗|要|放|列|拉")


def stray_subject(a: Analysis) -> bool:
    """One subject word (or two) alone among unexplained content words: no question, period, name or value read."""
    r, m = a.reading, a.reading.mentions
    cues = r.cues - {"late"} if "overdue" in r.cues else r.cues  # 逾期 reads as overdue and late: one subject
    if not 1 <= len(cues) <= 2 or not cues <= SUBJECT_CUES | {"invoice"}:
        return False
    if r.attrs or r.soft or r.periods or r.limits or r.days or r.amounts or r.credit:
        return False
    if m.clients or m.candidates or m.staff or m.unresolved_name or m.unresolved_staff:
        return False
    residue = [a.scan.text[start:end] for start, end in a.scan.residue()]
    cjk = sum(1 for piece in residue for ch in piece if is_cjk(ch))
    strange = sum(1 for piece in residue for word in re.findall(r"[a-z]+", piece) if not model().knows(word))
    if len(cues) == 2 and _ASKING.search("".join(residue)):
        return False  # "应收的 aging 结构啥样 发我瞅瞅": the unread words ask, around two subject words
    # "紫色的回款在唱歌", "qwerty 逾期 香蕉" (a word no sentence ever used); two subject words need more around them
    return cjk + 2 * strange >= STRAY + len(cues) - 1


PRAISE = re.compile(r"好评|表扬|点赞|夸奖|夸过|五星好评|感谢信|(?<!不)满意|打?(五|5)(分|星)|高分|"
                    r"praise|positive (feedback|review)|compliment|rated us highly|high (score|rating)s?")


_AFTER_NAME = re.compile(r"^\s*(的(?!话|时候)|那边|那儿|这家|这边|公司|欠|还欠|回了|付了|交了|逾期|有逾期|有没有)")
_AFTER_OPENING_NAME = re.compile(r"^\s*(现在|目前|一共|总共)?\s*((今年|去年|上个?月|本月|这个月).{0,8}?"
                                 r"(开票|开了|回款|营收|收入|签约|欠|打过来|打了|转了|付了|还了|交了)|"
                                 r"是否有|有没有|有无|"
                                 r"的(应收|欠款|欠费|逾期|回款|合同|营收|收入|开票|资料|余额|发票|"
                                 r"负责人|档案|利润|毛利|健康|信用)|那边|那儿|这家|这边|公司|欠|还欠|回了|付了|交了)")
# "李娜的客户…", "梁飞那家公司": a person's name (two or three characters) nobody has
_PERSONS_CLIENTS = re.compile(r"^\s*(的客户|那家公司|那家|他们公司|她们公司|他们家|她们家|的公司|对接|负责|"
                              r"(今年|本月|上个?月)?签了|超过.{0,6}没联系)")
# the commonest surnames: what makes two or three unread characters before 的客户 a person (李娜), not a phrase (赔本)
_SURNAMES = frozenset("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏"
                      "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万"
                      "钱严覃武戴莫孔向汤")
_FOREIGN_COMPANY = re.compile(r"[a-z]{3,}\s+(ltd|limited|inc|corp|corporation|llc|gmbh|co|company|group|china)\b")
_OPENERS = frozenset({"urgent", "quick", "quickly", "asap", "hey", "hello", "boss", "also", "just", "okay", "now",
                      "then", "again", "btw", "fyi", "sorry", "thanks", "thx", "update", "reminder", "question", "yo",
                      "morning", "afternoon", "evening", "team", "guys", "all"})
_LOOK_UP = re.compile(r"(查|看|瞧)(一?下|一查|一看)?\s*$")
# everyday words that open a question before 的 where a name could stand ("外面的欠款", "新来的同事")
_NOT_A_NAME = re.compile(r"^(全所|所里|在?外面|外头|外边|新来|以前|之前|原来|其他|其它|别的|剩下|所有|全部|整体|总体|"
                         r"大家|他们|你们|现在|目前|当前|今天|昨天|最近|真正|实际|主要|重要|老的|老客户|新的)")


def unknown_name(a: Analysis, known: IntentModel, client_names: dict[int, str] | None = None) -> bool:
    """Two to six unread characters right after 查/看 (查下, 帮我看下) and before 的 / 那边 / 欠 …, or opening the
    question before 那边 / 这家 / 欠 …: where a client's name goes ("查下腾飞的回款", "腾飞欠多少"; not
    "外面的欠款")."""
    text = a.scan.text
    if _FOREIGN_COMPANY.search(" ".join(text[start:end] for start, end in a.scan.residue())):
        return True  # "Contoso Ltd overdue amount?": a company name nobody has
    if any(re.fullmatch(r"[a-z]{4,}", text[start:end].strip()) and _BEFORE_NAME.search(text[:start])
           and not text[end:].strip(" ?!.？！。") and text[start:end].strip() not in _NOT_NAMES_EN
           and not re.search(r"(ing|ed|ly)$", text[start:end].strip())  # "in danger of losing": a verb, not a name
           for start, end in a.scan.residue()):
        return True  # "contracts expiring for Initech": an English word where a client's name goes
    if any(re.fullmatch(r"[a-z]{3,}", text[start:end].strip()) and _word_before_owing(text, start, end)
           for start, end in a.scan.residue()):
        return True  # "Initech's health score", "how much does Globex owe us": an English name nobody has
    industry_at = {hit.start for hit in a.scan.hits if any(tag.startswith("industry.") for tag in hit.tags)}
    if any(re.fullmatch(r"[a-z]{3,}", word := text[start:end].strip()) and not known.knows(word)
           and (_AFTER_NAME.match(text[end:]) or end + 1 in industry_at) for start, end in a.scan.residue()):
        return True  # "globex还欠我们多少", "Northwind Traders": an English name nobody has, before 还欠 or a trade
    if any(_other_company(a, hit, known, client_names or {}) for hit in a.scan.hits if hit.kind == "client_name"):
        return True  # "Blue Ocean margin": one word of a client's name, then a word nobody knows — another company
    r, m = a.reading, a.reading.mentions
    bare = text.isascii() and len(text.split()) <= 3 and not (r.periods or m.clients or m.candidates or m.staff)
    if bare and any(start == 0 and re.fullmatch(r"[a-z]{4,}", word := text[start:end].strip())
                    and word not in _OPENERS and not known.knows(word) for start, end in a.scan.residue()):
        return True  # "Initech overdue?": an English word before a bare subject, where a name goes
    for start, end in a.scan.residue():
        piece = text[start:end].strip()
        if not (2 <= len(piece) <= 6 and all(is_cjk(ch) for ch in piece)):
            continue
        if _LOOK_UP.search(text[:start]) and _AFTER_NAME.match(text[end:]):
            return True
    return _opening_name(a)


def _other_company(a: Analysis, hit: Hit, known: IntentModel, client_names: dict[int, str]) -> bool:
    """An English word of a client's name followed by an unread word nobody knows that is no part of the names
    it could be ("Blue Ocean"; not "hefeng dianzi", the pinyin of 和丰电子)."""
    text = a.scan.text
    after = re.match(r" ([a-z]{3,})(?![a-z])", text[hit.end:])
    if not re.fullmatch(r"[a-z]+", text[hit.start:hit.end]) or after is None or known.knows(after[1]) \
            or not a.scan.is_free(hit.end + 1, hit.end + 1 + len(after[1])):
        return False
    names = [client_names.get(cid, "") for cid in (*a.reading.mentions.clients, *a.reading.mentions.candidates)]
    return not any(after[1] in "".join(pinyin_syllables(name)) or after[1] in name.lower() for name in names)


def _opening_name(a: Analysis) -> bool:
    """Two to six characters opening the question before 的 / 那边 / 欠 …, at least two thirds of them unread (a
    filler may have taken one: "阿里巴巴的逾期金额" reads 里), and not an everyday word ("外面的欠款")."""
    text = a.scan.text
    free = unread_positions(a)
    for end in range(2, min(6, len(text)) + 1):
        piece = text[:end]
        if all(is_cjk(ch) for ch in piece) and end <= 3 and piece[0] in _SURNAMES \
                and _PERSONS_CLIENTS.match(text[end:]) and all(i in free for i in range(end)):
            return True
        if not all(is_cjk(ch) for ch in piece) or not _AFTER_OPENING_NAME.match(text[end:]):
            continue
        unread = sum(1 for i in range(end) if i in free)
        if unread >= 2 and 3 * unread >= 2 * end and not _NOT_A_NAME.match(piece):
            return True
        if unread >= 1 and end <= 4 and all(i in free or _filler_at(a, i) for i in range(end)) \
                and not _NOT_A_NAME.match(piece):
            return True  # "拼多多的健康度": fillers took the characters the name repeats
        if end == 2 and unread == 1 and end in _period_starts(a) and not _NOT_A_NAME.match(piece):
            return True  # "华为今年开票多少": a two-character name whose second character a period took
    return False


def _filler_at(a: Analysis, at: int) -> bool:
    return any(hit.start == at and hit.end == at + 1 and hit.kind == "term" and hit.tags == frozenset({"filler"})
               for hit in a.scan.hits)


def opening_name(a: Analysis) -> bool:
    """A company nobody has opens the question ("华为的应收账款多少"), and no client of ours is named."""
    m = a.reading.mentions
    return not (m.clients or m.candidates) and _opening_name(a)


def _period_starts(a: Analysis) -> set[int]:
    return {hit.start for hit in a.scan.hits if hit.kind == "period"}


def _word_before_owing(text: str, start: int, end: int) -> bool:
    """A word followed by 's, or between does / did / has and owe / pay / have: where a company's name goes."""
    possessive = re.match(r"\s*'s\b", text[end:])
    owing = re.search(r"(?<![a-z])(does|did|has|do) $", text[:start]) and re.match(
        r" (still )?(owe|owes|pay|paid|have|has)\b", text[end:])
    return bool(possessive or owing)


def leading_word(a: Analysis) -> bool:
    """One unread English word opening the question ("Initech overdue?"), or right after for / of / from / at
    ("contracts expiring for Initech"): where a name goes, so not padding."""
    text = a.scan.text
    return any(re.fullmatch(r"[a-z]{3,}", word := text[start:end].strip()) is not None and word not in _OPENERS
               and not re.search(r"(ing|ed|ly)$", word)  # "for paying us": a verb, not a name
               and (start == 0 or _BEFORE_NAME.search(text[:start])) for start, end in a.scan.residue())


_BEFORE_NAME = re.compile(r"(?<![a-z])(for|of|from|at|with|about) $")
_NOT_NAMES_EN = frozenset({"meeting", "review", "reference", "planning", "reporting", "tomorrow", "tonight", "everyone",
                           "everybody", "today", "later", "lunch", "follow", "context", "purposes", "sure", "real"})


def leaving_alone(a: Analysis) -> bool:
    """A leaving verb ("要走了", "about to leave") with no client word and no risk word: nobody asked about clients."""
    text = a.scan.text.lower()
    return "client_noun" not in a.reading.cues and any(word in text for word in LEAVING) \
        and not re.search(r"流失|风险|churn|risk|health|健康", text)


_WHETHER_ONE = re.compile(r"(has|have|did) (?!any|all|the|every|which|our|my)[a-z]+( [a-z]+)? (sent|submitted|handed|"
                          r"turned|uploaded)")


def not_in_book(text: str, masked: str) -> str | None:
    """Questions the book cannot answer whatever family their words resemble (readings.py, outside.py): the firm's
    own money, a forecast, the opposite of a family's list said without a negation, a statement that changes the
    book, a client's own business; `masked` is the classifier's view of the question (clients as Ⓒ)."""
    if OWN_MONEY.search(text) or FORECAST.search(text):
        return "out_of_scope"  # "公司账上还有多少现金", "下个月能回款多少"
    if CHANGE_RANKING.search(text):
        return "unsupported:change_ranking"  # "哪个客户利润率同比下降最多"
    if AVERAGE.search(text):
        return "unsupported:average"  # "逾期客户平均逾期天数": no family averages
    if OTHER_MEASURE.search(text):
        return "unsupported:metric"  # "各行业开票同比增长率", "客单价按行业统计", "NPS by region"
    if DONE.search(text) and not _WHETHER_ONE.match(text):  # "has Pioneer sent all their documents": whether
        return "reversed:done"  # "已经续约的合同", "还清了欠款的客户", "最近联系过的客户"
    if ACTION_STATEMENT.search(text) and not YES_NO.search(text) and not ASKS.search(text):
        return "action"  # "明远贸易归我负责", "把长青物流降为普通客户"
    if TWO_ASKED.search(text):
        return "two_questions"  # "which clients are overdue and which have late documents"
    if ACTION_TAIL.search(text):
        return "action"  # "我的客户里有哪些逾期了，顺便都催一遍": a question with a change to the book after it
    return outside_book(text, masked)


_PLAIN_CLIENTS = {"staff_client_count", "client_count", "clients_by_attribute"}  # clients counted or listed, no subject


def leaves_unread(label: str, family: str, r: Reading) -> bool:
    """The classifier's family would leave a subject the rules' family explains unread (documents, for a money list;
    逾期, for a colleague's client count)."""
    if label not in Intent.__members__ or Intent(family) not in EXPLAINS:
        return False
    if Intent(label) not in EXPLAINS and label not in _PLAIN_CLIENTS:
        return False
    subjects = r.cues & {"docs", "contract", "tax_deadline", "tax_file", "not_contacted", "negative", "overdue"}
    return bool(subjects & EXPLAINS[Intent(family)] - EXPLAINS.get(Intent(label), set()))


def read_nothing(a: Analysis) -> bool:
    r, m = a.reading, a.reading.mentions
    return not (r.cues or r.attrs or r.soft or r.periods or r.limits or r.days or r.amounts or r.credit or m.clients
                or m.candidates or m.staff)


def unread_weight(a: Analysis) -> int:
    """Unexplained CJK characters, plus two for each unexplained English word."""
    pieces = [a.scan.text[start:end] for start, end in a.scan.residue()]
    return sum(sum(1 for ch in piece if is_cjk(ch)) + 2 * len(re.findall(r"[a-z]+", piece)) for piece in pieces)


def reversing(text: str) -> bool:
    """A negation of the subject itself ("没有逾期", "不欠款", "not overdue") reverses the question."""
    text = re.sub(r"不(知道|会|懂|清楚|太会|太懂|太清楚)(怎么|如何|咋)", "", text)  # "不知道怎么用": help asked for
    text = STATE_NEGATION.sub("", PADDING_NEGATION.sub("", text))  # "拖着服务费不给": the state asked about
    return bool(re.search(r"(没有|没|不|未|无)(逾期|欠|过期|超期|风险|差评|到期)|not (overdue|late|at risk|due)|"
                          r"non[ -]?overdue|[不别非]", text))


_UNREAD_QUANTITY = re.compile(r"(?<![a-z])((a|an|few|couple of|several|half a|some) "
                              r"(weeks?|months?|years?|quarters?|days?)|fortnight|dozens?)(?![a-z])|"
                              r"[几半两俩仨]个?(月|星期|礼拜|周|季度)|个把月")


def unread_quantity(a: Analysis) -> bool:
    free = unread_positions(a)
    return any(free & set(range(*m.span())) for m in _UNREAD_QUANTITY.finditer(a.scan.text))


def bare_dimension(a: Analysis) -> Reading:
    """The reading with the one dimension a bare group noun names, when the classifier already read a breakdown."""
    found = {dim for dim, words in BARE_DIMENSIONS.items() if words.search(a.scan.text)}
    if len(found) != 1:
        return a.reading
    return replace(a.reading, cues=a.reading.cues | {f"dim_{found.pop()}"})


COMING = {"contracts_expiring", "invoices_due_soon"}  # lists of what is to come
EACH = re.compile(r"分别|各自|各(是|为|有)?(多少|几)|(?<![a-z])(each|respectively)(?![a-z])")


def _months_ahead(month: str, today: date) -> int:
    year, number = (int(part) for part in month.split("-"))
    return year * 12 + number - (today.year * 12 + today.month)
ONE_CLIENT = {"client_metric", "client_profile"}


ONE_FIGURE = frozenset({"collection_rate", "collected", "invoiced", "signed", "receivable_balance", "overdue_total"})
RANKED = re.compile(r"排名|排行|排序|名次|(?<![a-z])(rank|ranking|ranked)(?![a-z])|"
                    r"最(高|低|多|少|好|差|大)的(客户|几家|那家|是哪)")
SEGMENTS_SUMMED = re.compile(r"合计|总和|加起来|总额|欠[^，,。]{0,2}多少|(?<![a-z])(sum|total|owe)(?![a-z])")
SUMMED = re.compile(r"(加起来|合计|总共|一共|总计)[^，,。]{0,3}(多少钱|金额|总额)|多少钱|总金额|total value|how much")
COMPARED = re.compile(r"环比|同比|比上个?月|与上个?月|跟上个?月|(?<![a-z])(mom|yoy)(?![a-z])|month[- ]on[- ]month|"
                      r"year[- ]on[- ]year")


def refusal_of(family: str, query: Query, a: Analysis, today: date, places: list[str]) -> str | None:
    """What the answer the rules or the classifier built would silently get wrong: "上个月到期的合同" (contracts
    already ended, not expiring), one client's figure asked of two ("和丰欠多少，顺便看下长青的健康分"), a client's
    card for words nobody read ("Blue Harbor's shipping schedule")."""
    window_end = query.window.end if query.window else None
    if family in COMING and window_end is not None and window_end < today:
        return "reversed:ended"
    if family in COMING and any(p.kind == "span" and p.direction == "past" for p in a.reading.periods):
        return "reversed:ended"  # "invoices that were due in the last 30 days": what already fell due
    if family in ONE_CLIENT and len(query.clients.client_ids or []) > 1:
        return "two_questions"
    # two places each is a breakdown by place ("北京和上海的客户各有多少"); two clients or colleagues, two figures
    named = max(len(query.clients.client_ids or []), len(query.clients.owner_ids or []), len(a.reading.mentions.staff))
    if named > 1 and EACH.search(a.scan.text):
        return "two_questions"  # "华信科技和明远贸易分别欠多少", "王芳和秦霞各自回款多少": one figure each
    bare_month = any(p.kind == "month_of" and p.year is None and not p.rel_year for p in a.reading.periods)
    if family == "tax_deadline" and query.month and bare_month and _months_ahead(query.month, today) >= 10:
        return "ambiguous:month"  # "10月申报期最后一天" in November: the one just past, or next year's?
    later = any(p.kind == "month_of" and p.year is None and not p.rel_year and p.number > today.month
                for p in a.reading.periods)
    last_year = query.window is not None and query.window.start.year < today.year
    if later and last_year and (family in NOT_YET_HAPPENED or query.measure in NOT_YET_HAPPENED):
        return "ambiguous:month"  # "12月签订的合同" in November: last December's, or the coming one's (a forecast)?
    if any(city in a.scan.text for city in CITIES.difference(places)) and not query.clients.client_ids:
        return "client_not_found"  # "重庆客户哪个逾期了": a city where the firm has no clients is never dropped
    if family == "client_profile" and not a.reading.cues & {"profile", "card"} and unread_weight(a) >= 4:
        return "unrecognised_words"
    return _beyond_the_answer(family, query, a.scan.text, today)


def _beyond_the_answer(family: str, query: Query, text: str, today: date) -> str | None:
    """What the family's answer has no shape for: one firm figure ranked, a list summed, a breakdown compared with
    another period, a rate of a month nothing has fallen due in."""
    if family in ONE_FIGURE and RANKED.search(text):
        return "unsupported:ranking"  # "7月回款率排名", "回款率最高的客户": one figure for the firm is not ranked
    if family == "client_segments" and SEGMENTS_SUMMED.search(text):
        return "unsupported:metric"  # "高价值高忠诚客户的营收合计": the segments list clients, they do not sum
    if family == "contracts_expiring" and SUMMED.search(text):
        return "unsupported:metric"  # "快到期的合同加起来多少钱": the renewal list counts, it does not sum
    if family not in ("summary", "trend") and COMPARED.search(text):
        return "unsupported:comparison"  # "逾期金额按城市的环比变化", "逾期客户数 MoM 多了几家": one period
    if family == "receivable_balance" and re.search(r"(几|多少)(家|个)(客户)?\s*$|有几家|how many clients", text):
        return "unsupported:metric"  # "有欠款的客户有几家": the clients owing are not counted, only the sum
    if family == "collection_rate" and query.month and _months_ahead(query.month, today) >= 2:
        return "out_of_scope"  # "明年11月回款率": nothing has fallen due in it yet
    return None
