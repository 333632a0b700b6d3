"""The ways people write a client's or a colleague's name, computed once per name.

A Chinese company name is usually *region + brand + industry + legal suffix*
("上海 鼎盛 贸易 有限公司"); staff write any shortening of it — "上海鼎盛贸易", "鼎盛贸易", "鼎盛", the firm's
short name, pinyin initials ("dsmy") or full pinyin ("dingsheng"). English names lose "Co., Ltd.", the
parenthesised city and are often called by their first word ("Pioneer"). Each alias has a strength:
3 = the full name, the name without its legal suffix, or the firm's own short name; 2 = a shortening that
keeps the brand and the industry; 1 = the brand alone, region + brand, or pinyin. When one alias belongs to
several clients, only those with the strongest claim remain candidates.
"""

from __future__ import annotations

from functools import cache

from bot.understand.text import has_cjk, normalize

LEGAL_SUFFIXES = (
    "股份有限公司", "有限责任公司", "集团有限公司", "集团股份有限公司", "有限合伙", "集团公司", "有限公司", "分公司",
    "集团", "公司", "工作室", "事务所", "商行", "经营部", "门市部", "个体工商户", "合伙企业", "企业",
)
EN_SUFFIXES = {"co", "ltd", "limited", "inc", "incorporated", "llc", "corp", "corporation", "company", "plc",
               "gmbh", "pte", "llp", "lp", "sa", "ag", "group", "holdings"}
_PLAIN_TAILS = (
    "科技", "贸易", "物流", "咨询", "教育", "医疗", "建筑", "餐饮", "制造", "传媒", "实业", "投资", "服务", "软件",
    "食品", "服饰", "设计", "广告", "工程", "技术", "发展", "信息", "网络", "电子", "文化", "供应链", "环保", "能源",
    "房地产", "物业", "装饰", "印刷", "包装", "化工", "生物", "健康", "农业", "汽车", "国际", "电器", "家具", "纺织",
    "建材", "机电", "医药", "科贸", "商务", "管理", "传播", "数码", "智能", "新材料", "机械", "器械",
)
# Industry words at the end of a company name, and the shorter forms people use for them.
INDUSTRY_TAILS: dict[str, tuple[str, ...]] = {
    "企业管理咨询": ("咨询", "企业管理", "管理咨询"), "管理咨询": ("咨询",), "财务咨询": ("咨询",),
    "电子商务": ("电商",), "文化传媒": ("传媒", "文化"), "医疗器械": ("医疗", "器械"), "机械制造": ("机械", "制造"),
    "建筑工程": ("建筑", "工程"), "教育科技": ("教育", "科技"), "餐饮管理": ("餐饮",), "网络科技": ("网络", "科技"),
    "信息技术": ("信息", "技术"), "信息科技": ("信息", "科技"), "商贸": ("贸易",), "供应链管理": ("供应链",),
    "物业管理": ("物业",), "房地产开发": ("房地产",), "生物科技": ("生物",), "电子科技": ("电子",),
    "软件开发": ("软件",),
    **{word: () for word in _PLAIN_TAILS},
}
CITIES = (
    "北京", "上海", "天津", "重庆", "广州", "深圳", "杭州", "苏州", "南京", "成都", "武汉", "西安", "长沙", "青岛",
    "厦门", "宁波", "东莞", "佛山", "合肥", "郑州", "济南", "沈阳", "大连", "昆明", "福州", "无锡", "香港", "珠海",
    "常州", "南通", "温州", "嘉兴", "绍兴", "广东", "浙江", "江苏", "四川", "山东", "福建", "湖北", "湖南", "河南",
    "河北", "安徽",
)


def pinyin_syllables(text: str) -> list[str]:
    """Toneless pinyin per character, using pypinyin's phrase table for words whose reading depends on the
    word (重庆 chongqing, 长青 changqing) and the first reading otherwise — dictionary look-ups only, because
    pypinyin's general converter costs ~0.4 ms a name and the index converts every client."""
    chars, phrases = _pinyin_tables()
    out: list[str] = []
    i = 0
    while i < len(text):
        for size in (4, 3, 2):
            readings = phrases.get(text[i: i + size]) if i + size <= len(text) else None
            if readings and len(readings) == size:
                out.extend(_toneless(r[0]) for r in readings)
                i += size
                break
        else:
            reading = chars.get(ord(text[i]))
            if reading:
                out.append(_toneless(reading.split(",")[0]))
            i += 1
    return [s for s in out if s.isascii() and s.isalpha()]


_TONES = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ", "aaaaeeeeiiiioooouuuuvvvvvnnnm")


def _toneless(syllable: str) -> str:
    return syllable.translate(_TONES)


@cache
def _pinyin_tables() -> tuple[dict[int, str], dict[str, list[list[str]]]]:
    from pypinyin.phrases_dict import phrases_dict
    from pypinyin.pinyin_dict import pinyin_dict

    return pinyin_dict, phrases_dict


def _strip_suffix(core: str) -> str:
    for suffix in sorted(LEGAL_SUFFIXES, key=len, reverse=True):
        if core.endswith(suffix) and len(core) > len(suffix) + 1:
            return core[: -len(suffix)]
    return core


def _split_region(core: str, regions: tuple[str, ...]) -> tuple[str, str]:
    for region in sorted(set(regions) | set(CITIES), key=len, reverse=True):
        if region and core.startswith(region) and len(core) > len(region) + 1:
            rest = core[len(region):]
            rest = rest[1:] if rest[:1] in ("市", "省") and len(rest) > 2 else rest
            return region, rest
    return "", core


def _split_industry(rest: str) -> tuple[str, str, tuple[str, ...]]:
    """(brand, industry tail, shorter forms of the tail)."""
    for tail in sorted(INDUSTRY_TAILS, key=len, reverse=True):
        if rest.endswith(tail) and len(rest) >= len(tail) + 2:
            return rest[: -len(tail)], tail, INDUSTRY_TAILS[tail]
    return rest, "", ()


def chinese_aliases(full: str, regions: tuple[str, ...]) -> dict[str, int]:
    """Alias → strength for a Chinese company name (see the module docstring)."""
    name = normalize(full).replace(" ", "")
    core = _strip_suffix(name)
    out: dict[str, int] = {name: 3, core: 3}
    region, rest = _split_region(core, regions)
    brand, tail, shorts = _split_industry(rest)
    if region:
        _put(out, rest, 2)
    if tail and len(brand) >= 2:
        for short in shorts:
            _put(out, brand + short, 2)
            if region:
                _put(out, region + brand + short, 2)
        for trade in dict.fromkeys((tail, *shorts)):
            _brand_pinyin(out, brand, trade)
        _put(out, brand, 1)
        if region:
            _put(out, region + brand, 1)
    _add_pinyin(out, core, rest, len(brand) if tail else 0)
    return out


def _brand_pinyin(out: dict[str, int], brand: str, short: str) -> None:
    """"huaxin keji", "huaxinkeji", "hxkj": brand and trade in pinyin, as typed without a Chinese keyboard."""
    first, second = pinyin_syllables(brand), pinyin_syllables(short)
    if len(first) != len(brand) or len(second) != len(short):
        return
    _put(out, "".join(first) + " " + "".join(second), 1)
    _put(out, "".join(first + second), 1)
    if len(first) + len(second) >= 3:
        _put(out, "".join(s[0] for s in first + second), 1)


def _add_pinyin(out: dict[str, int], core: str, rest: str, brand_len: int) -> None:
    """Initials and full pinyin of the whole name, of the name without its region, and of the brand."""
    parts = [pinyin_syllables(core)]
    rest_syllables = pinyin_syllables(rest)
    parts.append(rest_syllables)
    if brand_len >= 2 and len(rest_syllables) == len(rest):
        parts.append(rest_syllables[:brand_len])
    for part in parts:
        initials = "".join(s[0] for s in part)
        if len(initials) >= 3:
            _put(out, initials, 1)
        if len(part) >= 2:
            _put(out, "".join(part), 1)


def english_aliases(full: str, common_words: set[str]) -> dict[str, int]:
    words = normalize(full).split()
    out: dict[str, int] = {" ".join(words): 3}
    core = [w for w in words if w not in EN_SUFFIXES] or words
    _put(out, " ".join(core), 3)
    if len(core) >= 3:
        _put(out, " ".join(core[:2]), 1)
    if len(core[0]) >= 3 and core[0] not in common_words:
        _put(out, core[0], 1)
    if len(core) >= 3:
        _put(out, "".join(w[0] for w in core), 1)  # "bhl": the initials of Blue Harbor Logistics
    for size in range(2, len(core) + 1):  # "blueharbor", "blueharborlogistics": typed without the spaces
        _put(out, "".join(core[:size]), 3 if size == len(core) else 1)
    return out


def client_aliases(full: str, short: str | None, regions: tuple[str, ...], common_words: set[str]) -> dict[str, int]:
    aliases = chinese_aliases(full, regions) if has_cjk(full) else english_aliases(full, common_words)
    if short and normalize(short):
        short_aliases = chinese_aliases(short, regions) if has_cjk(short) else english_aliases(short, common_words)
        for alias in short_aliases:
            _put(aliases, alias, 3)
    return aliases


_TITLES = ("老师", "总", "姐", "哥", "经理", "会计", "主管", "女士", "先生")


def staff_aliases(name: str) -> set[str]:
    """王芳 → 王芳, wangfang, wang fang, fang wang, 芳姐, 阿芳, 老王; Alice Chen → alice chen, alicechen, chen alice."""
    plain = normalize(name).replace(" ", "") if has_cjk(name) else normalize(name)
    out = {plain}
    syllables = pinyin_syllables(plain) if has_cjk(plain) else plain.split()
    if len(syllables) >= 2:
        out |= {"".join(syllables), " ".join(syllables), " ".join(syllables[1:] + syllables[:1]),
                "".join(syllables[1:] + syllables[:1])}
    if not has_cjk(plain) and len(syllables) >= 2 and len(syllables[0]) >= 3:
        out.add(syllables[0])  # colleagues call "Alice Chen" Alice (a first name two share names both: asked back)
    surname = syllables[0] if has_cjk(plain) else syllables[-1]
    if len(syllables) >= 2:  # "Ms. Chen", "Mr Liu", "Mr. Liu Jian": an English title with the surname or the name
        out |= {f"{title} {said}" for title in ("ms", "mr", "mrs", "miss")
                for said in (surname, " ".join(syllables), " ".join(syllables[1:] + syllables[:1]))}
    if has_cjk(plain) and 2 <= len(plain) <= 3:  # "王老师", "秦姐", "建哥", "芳姐": how colleagues call each other
        out |= {plain[0] + title for title in _TITLES} | {"老" + plain[0], "小" + plain[0]}
        out |= {plain + title for title in _TITLES}  # "王芳姐", "刘建经理"
        out |= {plain[1:] + title for title in ("姐", "哥")} | {"阿" + plain[-1]}  # 阿芳: Guangdong's way
    return {alias for alias in out if alias}


def _put(out: dict[str, int], alias: str, strength: int) -> None:
    if alias and out.get(alias, 0) < strength:
        out[alias] = strength
