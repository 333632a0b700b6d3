"""Regional and traditional writing, made standard before anything reads the question.

Staff type the way they speak. A Hong Kong partner types traditional characters (逾期客戶, 應收賬款); Guangdong
types Cantonese (几多, 边啲, 睇下, 仲未俾钱, 五间客户); Sichuan and Chongqing ask 好多 for 多少 and say 莫得 for
没有; the north-east
and Tianjin say 俺, 介个月, 嘛时候; Wuhan and Hunan 么样 and 么子. Each word is rewritten to the standard one
here, once, so that every later stage (names, periods, the rules, the classifier) reads one language.

Traditional characters go through OpenCC's table (``t2s``), which leaves simplified text as it is; the
Cantonese 係 (是) is read first, since the table would make it 系 (系统, 联系).
"""

from __future__ import annotations

import re
from functools import cache

_BEFORE_TABLE = [(re.compile(p), to) for p, to in ((r"係", "是"), (r"唔係", "不是"))]

_NUMERAL = r"[\d一二两三四五六七八九十几多哪边每]"
_REGIONAL = [(re.compile(p), to) for p, to in (
    # Sichuan and Chongqing 好多 is 多少 ("有好多家", "欠我们好多"); 好多钱 too
    (r"好多(?=家|个|户|位|钱|天|嘛|噻|哦|喃|客户|公司|[?？]|\s|$)", "多少"), (r"百分之好多", "百分之多少"),
    # 有没得 有没有, 莫得 没有, 喃 呢 (a question's end), 你晓得不 (do you know) asks nothing itself
    (r"有没得", "有没有"), (r"莫得|(?<![不])没得(?=[\u4e00-\u9fff])(?![说选])", "没有"),
    (r"(?<=[\u4e00-\u9fff])喃(?=[?？!！。,，~]|\s|$)", "呢"), (r"你?(晓得|知道)不[?？，,]?", ""),
    (rf"(?<={_NUMERAL})间(?![隔断距])", "家"),  # Cantonese 五间客户, 几间, 边间: the count word for firms
    # Cantonese as typed in Guangdong: 边个 哪个, 边几家 哪几家, 嘅 的, 我哋 我们, 好多个…？ 多少个
    (r"(?<![那这旁一两周身左右外里前后东西南北上下手岸海])边(个|家|位|几个|几家|啲|些|间)", r"哪\1"),
    (r"几多", "多少"), (r"嘅", "的"), (r"([我你佢])哋", r"\1们"), (r"佢", "他"),
    # Cantonese periods and verbs: 今个月 这个月, 出年 明年, 旧年 去年, 加埋 加起来, 入面 里面,
    # 头三 前三, 嗰 那, 找数 付款, 冇搵过 没联系过, 跟紧 在跟, 少过 少于, 系 (是) before a question word
    (r"今个月", "这个月"), (r"今个(礼拜|星期)", r"这个\1"), (r"出年", "明年"), (r"旧年", "去年"), (r"加埋", "加起来"),
    (r"入面", "里面"), (r"(?<=[排名])?头(?=[一二三四五六七八九十\d])", "前"), (r"嗰", "那"),
    (r"找数", "付款"), (r"(?<=[冇没未有])[搵揾]过?", "联系过"), (r"跟紧", "在跟"), (r"少过", "少于"),
    (r"系(?=几|咪|唔|边|乜|咩|不是|什么)", "是"),
    (r"(?<![a-z])o/s(?![a-z])", "outstanding"),
    (r"有冇", "有没有"), (r"冇(得)?", "没有"),
    (r"咩|乜(?:嘢|野)?", "什么"), (r"识(?=做|看|睇|查|答|回答|计)", "会"),
    (r"好多(个|家|位)(?=[^，,。]{0,8}[?？])", r"多少\1"),
    (r"呢(个|啲|度|家|间|排|期)", r"这\1"), (r"咗", "了"), (r"多少数(?=[?？]|$)", "多少钱"),  # 呢个月收咗几多数
    (r"(?<=[哪这那有差几])啲|啲(?=什么)", "些"), (r"啲", "的"),  # 边啲 哪些, 广州啲客户 广州的客户
    (r"仲(?![裁介秋夏春冬])", "还"), (r"俾(?=钱|我|你|佢|他|她|齐|晒|咗|了|几多|多少|$|\s)|(?<=[未没冇])俾", "给"),
    (r"睇", "看"), (r"而家", "现在"), (r"[琴寻]日", "昨天"), (r"听日", "明天"), (r"嚟", "来"),
    (r"唔该", "谢谢"), (r"唔(?=[\u4e00-\u9fff])", "不"), (r"点样|点解", "怎么"), (r"搞掂", "搞定"), (r"埋单", "付款"),
    (r"(?<=[收追催])数(?![据字量目])", "款"), (r"拖(我们|我哋|我地)?数", "拖款"),
    (r"^\s*(另外|顺便(问埋|问下|问一下|讲下)?|仲有)\s*[，,]?\s*(?=\S)", ""),  # "顺便问埋，…": by the way
    (r"(?<=[冇没未有])倾过", "联系过"), (r"入了多少数", "回款多少"),  # 追数 催款, 收数冠军, 入咗几多数
    # a clause ending in 未 asks whether ("资料交齐未", "交咗未"); a 未 inside a clause is 没
    (r"(?<=[\u4e00-\u9fff])(?<![尚还仍并从])未(?=[啊呀呢]*(?:[\s?？!！。,，~]|$))", "了吗"),
    # Wuhan and Hunan: 么样 怎么样, 么子 什么
    (r"(?<![怎什这那多要])么样", "怎么样"), (r"么子", "什么"),
    # the north-east, Tianjin and Hebei: 俺 我, 介个 这个, 嘛时候 什么时候, 嘛样 怎么样, 自个儿 自己
    (r"俺们", "我们"), (r"俺", "我"), (r"夜来|夜儿个|夜个", "昨天"),  # Shandong 夜来, Henan 夜个: yesterday
    # Henan: 年时 去年, 前儿个 前天, 木有/木给 没有/没给
    (r"年时", "去年"), (r"前儿个", "前天"), (r"木(?=有|给|交|联系|付|还|到)", "没"),
    (r"介(个|月|礼拜|星期|周)", r"这\1"), (r"嘛(时候|时间)", r"什么\1"),
    (r"(?<![金数余限差定总税票款份])额(?=们|名下|手上|手里|负责|的客户|这边)", "我"),  # Shaanxi 额 (额名下)
    (r"嘛样", "怎么样"), (r"自个儿?", "自己"), (r"那旮旯|旮旯", "那边"), (r"嘎哈|干哈", "干什么"),
    (r"贼(?=[多快慢少大高低磨烦])", "很"), (r"磨叽|磨磨唧唧", "慢"), (r"(?<![很太好许])多钱", "多少钱"),
    (r"大伙儿?|大家伙儿?", "大家"), (r"埋汰|拉胯", "差"),  # 最埋汰的: the worst
    # Minnan (Xiamen, Fuzhou, Quanzhou): 拢总 一共, 偌济/偌多 多少, 敢有 有没有, 有影无 是不是真的, 阮 我们 (the firm)
    (r"拢总", "一共"), (r"偌(济|多)", "多少"), (r"敢有", "有没有"), (r"有影无", "是不是真的"),
    (r"阮(?=的|名下|手上)", "我们"),
    # Shanghai, Hangzhou and Ningbo (Wu): 伐 吗, 啥辰光 什么时候, 今朝 今天, 阿拉 我们
    (r"(?<=[\u4e00-\u9fff])(?<![讨征砍采步杀])伐(?=[啊呀呢]*(?:[\s?？!！。,，~]|$))", "吗"),
    (r"啥(辰光|时光)", "什么时候"), (r"今朝", "今天"), (r"明朝(?=[^代鲜])", "明天"),
    (r"昨日(?=[有的回收开签])", "昨天"), (r"阿拉", "我们"),
    # written and southern: 30日 is 30 days after a threshold or a span word, 月尾 is 月底, 今期 本期
    (r"(超过|过去|最近|未来|满|大过|多过|逾期|拖了|拖|近)\s*(\d+|[一二两三四五六七八九十百]+)\s*日(?![期子])",
     r"\1\2天"),
    (r"(?<![月\d])(\d+)\s*日(?=内|以内|之内|以上|或以上|及以上)", r"\1天"), (r"月尾", "月底"), (r"今期", "本期"),
    (r"^本人(?!名下|手上|负责)", "我"),  # a memo opens with 本人 for 我 ("本人本年度签约额")
    (r"(?<=[没冇未有])跟(?=[啊呀的\s?？]|$)", "跟进"),  # 冇跟, 没有跟: not followed up
    # slips of the same sound (typed by voice input)
    (r"签越", "签约"), (r"鱼期|(?<![剩结])余期", "逾期"), (r"前款(?=最|多|的|[没未还]|客户|金额|余额)", "欠款"),
    (r"和同(?=[到快还期的])", "合同"), (r"几加(?=客户|公司|[\s?？!！。,，呢啊吗呀]|$)", "几家"),
    # Hong Kong's "overdue > 60": days past due, as an ageing report counts them (a bare number up to 366)
    (r"(?<![a-z])(overdue|past due|逾期)\s*(>=|>|over)\s*(\d{1,3})"
     r"(?![\d.,]|\s*(k|w|万|千|块|元|yuan|rmb|%|天|日|days?|d(?![a-z])))", r"\1 \2 \3 days"),
    # "(invoicing basis)": revenue is what was invoiced anyway (semantics.md), a clarification, not a word to read
    (r"[(（]?\s*(on an? )?(invoicing|invoice|billing|billings) basis\s*[)）]?", " "),
    # Cantonese 客 for 客户 ("边啲客", "我嘅客", "出口退税客营收"), read last, once 啲 and 嘅 are standard
    (r"(?<=[的些])客(?![户人服气观厅栈商])|(?<![顾游乘访政房租旅食看剑侠乐])客(?=list|有|outstanding|overdue|营收|欠|逾期|"
     r"应收|名单|\s*$)", "客户"),
)]


@cache
def _table():  # opencc has no type hints
    import opencc

    return opencc.OpenCC("t2s")


def standard(text: str) -> str:
    """The question with regional words and traditional characters written the standard way."""
    for pattern, to in _BEFORE_TABLE:
        text = pattern.sub(to, text)
    if not text.isascii():
        text = _table().convert(text)
    for pattern, to in _REGIONAL:
        text = pattern.sub(to, text)
    return text
