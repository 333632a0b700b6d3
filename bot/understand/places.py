"""Where a question places its clients: a city or trade that belongs to one client's name, a city or industry
the firm has no clients in (never dropped as a filter), a city before a client's alias that is not its own — read
by generalise.py after the family is decided."""

from __future__ import annotations

import re
from functools import cache

from bot.understand.entities import EntityIndex
from bot.understand.parser import Analysis, Understood
from bot.understand.text import is_cjk
from domain.queries import Query

# China's larger cities: one the firm has no clients in is a place asked about, not a word to drop
CITIES = frozenset({
    "北京", "上海", "天津", "重庆", "广州", "深圳", "杭州", "成都", "苏州", "南京",
    "武汉", "西安", "长沙", "郑州", "青岛", "济南", "沈阳", "大连", "哈尔滨", "长春",
    "合肥", "福州", "厦门", "南昌", "昆明", "贵阳", "南宁", "海口", "三亚", "石家庄",
    "太原", "呼和浩特", "兰州", "西宁", "银川", "乌鲁木齐", "拉萨", "宁波", "温州", "无锡",
    "常州", "东莞", "佛山", "珠海", "中山", "惠州", "汕头", "泉州", "烟台", "潍坊",
    "徐州", "绍兴", "嘉兴", "金华", "台州", "香港", "澳门", "台北",
    "洛阳", "开封", "义乌", "南通", "扬州", "镇江", "湖州", "芜湖", "漳州", "临沂", "唐山", "保定", "襄阳", "宜昌",
    "株洲", "岳阳", "赣州", "九江", "绵阳", "宜宾", "遵义", "柳州", "桂林", "包头", "昆山", "江阴",
    # provinces and other countries: a place asked about all the same ("湖南客户应收余额", "Singapore clients")
    "湖南", "湖北", "广东", "浙江", "江苏", "四川", "山东", "河南", "河北", "福建", "安徽", "江西", "陕西", "山西",
    "云南", "贵州", "广西", "辽宁", "吉林", "黑龙江", "内蒙古", "甘肃", "海南", "新加坡", "马来西亚", "日本",
    "韩国", "美国", "英国", "德国", "singapore", "malaysia", "japan", "korea", "germany",
})


def shared_place(a: Analysis, index: EntityIndex) -> bool:
    """"anyone in SZ overdue": the initials of two of the firm's cities (深圳, 苏州) — a place, but which one?"""
    return any(a.scan.text[start:end].strip() in index.shared_initials for start, end in a.scan.residue())


def narrow_by_place(understood: Understood, a: Analysis, index: EntityIndex) -> None:
    """A brand several clients share, said with the city or the trade of exactly one of them ("Suzhou Mingyuan",
    "Mingyuan Trading"): that client — the city or trade is part of its name, not a filter."""
    query, candidates = understood.query, a.reading.mentions.candidates
    named = a.reading.mentions.clients
    if query.intent.value == "unknown" or not (candidates or len(named) == 1):
        return
    regions, trades = set(query.clients.regions), set(query.clients.industries)
    if not regions and not trades:
        return
    if not candidates:  # "changqing logistics": the trade of the one client named is part of its name
        if trades and all(index.trade_in_name(named[0], trade) for trade in trades):
            query.clients.industries = []
        return
    fits = index.fitting(candidates, regions, trades)
    if len(fits) == 1:
        query.clients.client_ids, query.clients.regions, query.clients.industries = fits, [], []
        query.candidates, understood.ambiguous = [], []


def placed_elsewhere(query: Query, a: Analysis, index: EntityIndex) -> bool:
    """A brand several clients share, with a city none of them is in ("南京华信", "重庆鼎盛贸易"): another company —
    never asked back between ours. A city that is the named client's own ("Guangzhou Hefeng") is part of its name.
    A city before one client's alias that is not its own ("上海长青", "西安明远科技"), a city written in pinyin or an
    industry the firm has no clients in ("Wuhan clients", "制造业的客户") is never dropped either."""
    if _city_not_its_own(a, index) or (not query.clients.client_ids and _elsewhere_by_word(a, index)):
        return True
    regions = set(query.clients.regions) if query.clients else set()
    named = a.reading.mentions.candidates or a.reading.mentions.clients
    if a.reading.mentions.candidates and _glued_before_name(a):
        return True  # "南京华信", "重庆鼎盛贸易": two unread characters glued to the front of a shared brand
    if not regions or not named:
        return False
    places = {index.client_region.get(cid) for cid in named}
    if a.reading.mentions.clients and regions <= places:
        query.clients.regions = []  # "Guangzhou Hefeng": the city is the client's own
        return False
    return bool(a.reading.mentions.candidates) and not regions & places


# industries (and kinds of company) a firm may not have: a filter nobody matches is asked about, never dropped
# ("制造业的客户有几家")
INDUSTRY_WORDS = frozenset({"制造", "房地产", "金融", "零售", "教育", "农业", "汽车", "能源", "化工", "互联网", "服装",
                            "食品", "酒店", "旅游", "保险", "银行", "证券", "医药", "制药", "外贸", "批发", "装修",
                            "软件", "广告", "律所", "物业", "娱乐", "体育", "航空", "矿业",
                            # a kind of company a firm may not tag ("专精特新客户谁逾期了")
                            "专精特新", "小巨人", "独角兽", "上市", "国企", "央企", "外资", "外企", "民企", "培训",
                            "火锅", "奶茶", "咖啡", "健身", "美容", "超市",
                            "陶瓷", "家具", "纺织", "建材", "五金", "印刷", "珠宝", "家电", "玩具", "化妆品"})
# a district, not a city ("南山区客户", "浦东客户", "by district"): the book keeps cities
_DISTRICT = re.compile(r"(?<![地分小园城片大社景])(?<=[\u4e00-\u9fff])区的?(客户|公司|企业)|浦东|浦西|"
                       r"(?<![a-z])(by|per|each) district")
# one of them said as a filter ("制造业", "金融行业的客户"); a lookahead, so every place a word starts is found
_INDUSTRY_FILTER = re.compile(rf"(?=({'|'.join(sorted(INDUSTRY_WORDS, key=len, reverse=True))})"
                              r"(业|行业|类|的客户|客户|公司|企业|标签|店|$|有|里|中))")


def _city_not_its_own(a: Analysis, index: EntityIndex) -> bool:
    if len(a.reading.mentions.clients) != 1:
        return False
    cid = a.reading.mentions.clients[0]
    name, region = index.client_names.get(cid, ""), index.client_region.get(cid)
    for hit in (h for h in a.scan.hits if h.kind == "client_name"):
        said = a.scan.text[max(0, hit.start - 3):hit.end]
        for city in CITIES | set(index.regions):
            at = said.find(city)
            if 0 <= at < len(said) - len(city) and city != region and city not in name:
                return True
    return False


def _elsewhere_by_word(a: Analysis, index: EntityIndex) -> bool:
    words = set(re.findall(r"[a-z]+", a.scan.text))
    if _DISTRICT.search(a.scan.text):
        return True
    if words & {pinyin for pinyin, city in _pinyin_cities().items() if city not in index.regions}:
        return True  # "Wuhan clients": a city the firm has none in, written in pinyin
    return any(not any(match[1] in have for have in (*index.industries, *index.tags))
               for match in _INDUSTRY_FILTER.finditer(a.scan.text))


@cache
def _pinyin_cities() -> dict[str, str]:
    from bot.understand.names import pinyin_syllables

    return {"".join(pinyin_syllables(city)): city for city in CITIES}


def _glued_before_name(a: Analysis) -> bool:
    free = unread_positions(a)
    return any(hit.kind == "client_name" and {hit.start - 1, hit.start - 2} <= free
               and all(is_cjk(a.scan.text[i]) for i in (hit.start - 1, hit.start - 2)) for hit in a.scan.hits)


def unread_positions(a: Analysis) -> set[int]:
    """Where the characters no rule read stand (spaces excluded)."""
    return {i for start, end in a.scan.residue() for i in range(start, end)}
