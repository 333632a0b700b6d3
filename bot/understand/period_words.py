"""The words of periods: the table of patterns `bot.understand.periods` reads a question with, and the
relative words they name ("上上个月", "去年同月", "last quarter") — data, kept apart from the reading."""

from __future__ import annotations

import re
from functools import cache

from bot.understand.numbers import NUMBER

EN_MONTHS = {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
             "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
             "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
REL_YEAR = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "明年": 1, "前年": -2, "this year": 0, "last year": -1,
            "next year": 1}
UNIT_DAYS = {"天": 1, "日": 1, "周": 7, "星期": 7, "个星期": 7, "礼拜": 7, "个礼拜": 7, "个月": 30, "年": 365,
             "季度": 90, "个季度": 90,
             "day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30, "year": 365, "years": 365,
             "quarter": 90, "quarters": 90, "d": 1, "wk": 7, "wks": 7, "mo": 30, "mos": 30,
             "qtr": 90, "yr": 365, "fortnight": 14, "m": 30, "mth": 30, "mths": 30}
UNIT_WORD = {"wk": "week", "mo": "month", "mth": "month", "qtr": "quarter", "yr": "year"}  # "last wk", "this qtr"


_ZH_UNIT = r"(?P<unit>天|日|个星期|星期|个礼拜|礼拜|周|个月|年)"
_EN_UNIT = r"(?P<unit>days?|weeks?|months?|years?|quarters?|wks?|d)"
_ZH_DUR = (rf"(?:(?P<n>{NUMBER})\s*(?P<half>个半月|年半)|(?P<n2>{NUMBER})\s*{_ZH_UNIT}"
           r"|半\s*个?\s*(?P<hunit>月|年))")
_EN_DUR = rf"(?:(?P<n>{NUMBER}|an?|half a|half)\s*{_EN_UNIT})"  # "within a week", "half a year"
_FUTURE = (r"未来|接下来的?|之后的?|今后|往后|next|the next|coming|the coming|upcoming|in the next|over the next"
           r"|within the next")
_PAST = r"过去的?|前|以前|last|the last|trailing|the trailing|past|the past|previous|the previous|in the last" \
        r"|in the past|over the last|over the past|during the last|during the past"
_NEUTRAL_PRE = r"最近的?|近|within|in"
_NEUTRAL_POST = r"内|以内|之内|当中"
# "今天起半年内", "within 90 days from today": today is where the span starts, not a second period
_FROM_NOW_ZH = r"(?:从?(?:今天|今日|现在|即日)(?:起|开始)\s*)?"
_FROM_NOW_EN = r"(?: (?:from|starting) (?:today|now))?"


@cache
def patterns() -> list[tuple[re.Pattern[str], str]]:
    month_words = "|".join(sorted(EN_MONTHS, key=len, reverse=True))
    table = [
        (r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月份?", "ym"),
        # "今天到双十二之间", "从现在到12月15号": from today to that day
        (rf"从?(?:今天|今日|现在|即日)起?\s*(?:到|至)\s*(?:双\s*(?P<fest>十一|11|十二|12)|(?P<m>{_MONTH})\s*月\s*"
         rf"(?P<d>{_DAY})\s*[号日]?)\s*(?:之间|为止|之前|以前)?", "by"),
        # the shopping days 双十一 (11 Nov) and 双十二 (12 Dec): that one day ("去年双十一当天": of last year)
        (r"(?:(?P<ry>今年|去年|明年)\s*的?\s*)?双\s*(?P<fest>十一|11|十二|12)(?:那天|当天|这天|那一?天)?", "festival"),
        # "12月上旬", "本月中旬", "下个月下旬": the 1st–10th, 11th–20th, or 21st to the month's end
        (rf"(?<![\d年个])(?P<m>{_MONTH})\s*月份?\s*的?\s*(?P<x>上|中|下)旬", "dekad"),
        (r"(?P<rel>本月|这个?月|当月|上个?月|下个?月)\s*的?\s*(?P<x>上|中|下)旬", "dekad"),
        (r"(?<![\d.])(?P<y>\d{4})[-/.](?P<m>\d{1,2})(?![\d]|[-/.]\d)", "ym"),
        (rf"(?<![a-z])(?:in |for |during |of )?(?P<mw>{month_words})\s+(?P<y>\d{{4}})(?!\d)", "ym_en"),
        (r"(?P<ry>今年|本年|去年|上年|明年|前年)\s*的?\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3}|元(?=月))\s*月份?",
         "rym"),
        (rf"(?<![a-z])(?:in |for |during )?(?P<mw>{month_words})\s+(?P<ry>this year|last year|next year)", "rym_en"),
        # "11.30之前", "12/15前": a day written with digits; "11/1到11/20": days of one year
        (r"(?<![\d.])(?P<m>1[0-2]|0?[1-9])[./](?P<d>3[01]|[12]\d|0?[1-9])(?![\d.])\s*(?:号|日)?\s*(?:之前|以前|前|为止)",
         "by"),
        (r"(?<![\d./])(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])\s*(?:到|至|~|-)\s*(?:(?P<m2>1[0-2]|0?[1-9])/)?"
         r"(?P<d2>3[01]|[12]\d|0?[1-9])(?![\d/])", "drange"),
        # "11月上半月", "下半月": the first fifteen days of a month, or the rest
        (rf"(?<![\d年个])(?P<m>{_MONTH})\s*月份?\s*(?P<h>上|下)半月", "half_month"),
        # "12月31号之前", "before Dec 31", "by 30 November": from today to that day (the next one to come)
        (rf"(?<![\d年个])(?P<m>{_MONTH})\s*月\s*(?P<d>{_DAY})\s*[号日]\s*(?:之前|以前|前|为止)", "by"),
        (rf"(?<![a-z])(?:before|by|until|till) (?:the )?(?:(?P<mw>{month_words}) (?P<d>[0-3]?\d)(?:st|nd|rd|th)?|"
         rf"(?P<d2>[0-3]?\d)(?:st|nd|rd|th)? (?:of )?(?P<mw2>{month_words}))(?![a-z0-9])", "by"),
        # "去年到现在", "去年以来": from the first of last year to today
        (r"(?:从|自)?(?P<ry>去年|前年)(?:年初)?(?:到现在|至今|到今天|到目前|以来)", "since_year"),
        # "10月以来", "11月11日至今", "since Oct", "from October to date": from that day (the 1st) to today
        (rf"(?<![\d年个])(?P<m>{_MONTH})\s*月份?\s*(?:(?P<d>{_DAY})\s*[号日])?\s*(?:以来|至今|到现在|到目前为止|到目前|"
         r"到今天|起至今|开始到现在)", "since"),
        (rf"(?<![a-z])(?:since (?:the )?(?:start |beginning )?(?:of )?)(?P<mw>{month_words})"
         r"(?: (?P<d>[0-3]?\d)(?:st|nd|rd|th)?)?(?![a-z0-9])", "since"),
        (rf"(?<![a-z])since (?:the )?(?P<d>[0-3]?\d)(?:st|nd|rd|th)? (?:of )?(?P<mw>{month_words})(?![a-z])", "since"),
        # "Nov 1 to Nov 15", "between 1 and 15 November", "nov 1-15": days of one year, as 10月1号到15号
        (rf"(?<![a-z])(?:from |between )?(?P<mw>{month_words}) (?P<d>[0-3]?\d)(?:st|nd|rd|th)?{_EN_TO}"
         rf"(?:(?P<mw2>{month_words}) )?(?:the )?(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?![a-z0-9])", "drange_en"),
        (rf"(?<![a-z0-9])(?:from |between )?(?:the )?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?: (?:of )?(?P<mw>{month_words}))?"
         rf"{_EN_TO}(?:the )?(?P<d2>[0-3]?\d)(?:st|nd|rd|th)? (?:of )?(?P<mw2>{month_words})(?![a-z])", "drange_en"),
        (rf"(?<![a-z])from (?:the )?(?:start of |beginning of )?(?P<mw>{month_words})"
         r"(?: (?P<d>[0-3]?\d)(?:st|nd|rd|th)?)? "
         r"(?:to date|till now|until now|until today|to now|to today|through today|onwards?|on)(?![a-z])", "since"),
        (r"这一?年(?:来|以来|里|下来|当中)?|(?<![\d零一二两三四五六七八九十百半个前近过去])一年(?:来|下来|以来)",
         "year_past"),  # "这一年来", "一年下来": the trailing year
        # "前三季度": January to the end of the third quarter (前一季度 is the previous quarter)
        (r"前(?P<fq>[二两三23])个?季度", "first_quarters"),
        (r"(?<![a-z])(?:the )?(?P<qw>first|second|third|fourth) quarter(?: of (?:the year|this year))?(?![a-z])",
         "q_en"),
        (r"今年以来|年初至今|年初到现在|今年到目前|本年度至今|(?<![a-z])(?:ytd|year to date)(?![a-z])", "ytd"),
        (r"本月以来|月初至今|月初到现在|本月至今|(?<![a-z])(?:mtd|month to date)(?![a-z])", "cal_month_now"),
        (r"本季度以来|季初至今|本季度至今|(?<![a-z])(?:qtd|quarter to date)(?![a-z])", "cal_quarter_now"),
        # "我名下半年以上没联系的": 名下 + 半年, not 下半年
        (r"(?:(?P<y>\d{4})\s*年\s*|(?P<ry>今年|本年|去年|上年|明年|前年)\s*的?\s*)?(?<![名底手])"
         r"(?P<h>上半年|下半年)", "half"),
        (r"(?<![a-z])(?:the )?(?P<he>first|second) half(?: of)?(?: (?:the )?(?P<ry>this year|last year|next year|year)"
         r"| (?P<y>\d{4}))?(?![a-z0-9])", "half"),
        (r"(?<![a-z])(?P<he>h1|h2)(?:\s*(?P<y>\d{4}))?(?![a-z0-9])", "half"),
        (r"(?P<u>年|月|季度|季)(?:底|末)(?:之?前|以前)|(?:before|by) (?:the )?end of (?:the |this )?"
         r"(?P<eu>year|month|quarter)|(?:by|before) (?:the )?(?P<eu2>year|month|quarter)[- ]?end"
         r"|(?:before|by) ?(?P<u2>年|月)底", "until"),
        (r"(?:今年|本年)内|(?<![\d零一二两三四五六七八九十百半个])年内", "cal_year_now"),
        (r"(?:本月|这个月)内|(?<![\d零一二两三四五六七八九十百半个])月内", "cal_month_now"),
        (r"(?<![\d.])(?P<y>20\d{2})\s*年(?!\s*\d)|(?<![a-z])(?:in |for |during |of )(?P<y2>20\d{2})(?![\d])|"
         r"^(?P<y3>20\d{2})(?= [a-z])", "year"),  # "2025 signed contract value": a year opening the question
        # (?<![上下前个]): "上一季度" / "下一季度" / "前一季度" are relative quarters (cal_zh), not Q1
        (r"(?:(?P<ry>今年|去年|明年)\s*的?\s*)?(?<![上下前个])第?\s*(?P<q>[一二三四1-4])\s*季度", "q"),
        (r"(?<![a-z])q(?P<q>[1-4])(?:\s*(?P<y>\d{4})|\s+(?:of )?(?P<ry>this year|last year|next year))?(?![a-z0-9])",
         "q"),
        (rf"{_FROM_NOW_ZH}(?P<pre>{_FUTURE})\s*{_ZH_DUR}", "span_future"),
        (rf"(?<![a-z])(?P<pre>{_FUTURE})\s+{_EN_DUR}(?![a-z]){_FROM_NOW_EN}", "span_future"),
        (rf"(?P<pre>{_PAST})\s*{_ZH_DUR}(?P<post>{_NEUTRAL_POST})?", "span_past"),
        (rf"(?<![a-z])(?P<pre>{_PAST})\s+{_EN_DUR}(?![a-z])", "span_past"),
        # "trailing 12m", "last 6 mths": months, not millions
        (r"(?<![a-z])(?P<pre>trailing|the trailing|last|the last|past|the past)\s+(?P<n>\d{1,2})\s?"
         r"(?P<unit>m|mth|mths|mos|mo)(?![a-z0-9])", "span_past"),
        (rf"{_FROM_NOW_ZH}(?P<pre>{_NEUTRAL_PRE})\s*{_ZH_DUR}\s*(?P<post>{_NEUTRAL_POST})?", "span_neutral"),
        (rf"{_FROM_NOW_ZH}{_ZH_DUR}\s*(?P<post>{_NEUTRAL_POST})", "span_neutral"),
        (rf"(?<![a-z])(?P<pre>{_NEUTRAL_PRE})\s+{_EN_DUR}(?![a-z]){_FROM_NOW_EN}"
         r"(?!\s*(?:or more|or longer|and more|and over|\+|plus))",
         "span_neutral"),  # "in 60 days or more" is a threshold (slots.py), not a window
        # "in the last year" is the trailing 365 days ("一年" = 365), "last year" alone the calendar year 去年
        (r"(?<![a-z])(?:in|over|within|during) the (?:last|past) (?P<u>week|month|quarter|year|fortnight)(?![a-z])",
         "trail_en"),
        (r"(?<![a-z])(?:the )?(?:last|past) (?P<u>fortnight)(?![a-z])", "trail_en"),
        (r"(?<![a-z])(?:the )?(?P<u>week|month|quarter|year) before last(?![a-z])", "cal_en_before_last"),
        (r"(?<![a-z])(?:the )?(?P<w>past|last|previous) (?P<u>week|wk|month|mth|mo|quarter|qtr|year|yr)(?![a-z])",
         "cal_en"),
        (r"(?<![a-z])(?:the )?(?P<w>this|current|next|coming) (?P<u>week|wk|month|mth|mo|quarter|qtr|year|yr)(?![a-z])",
         "cal_en"),
        # "这礼拜五", "上周三", "下星期一": one day of a week (weeks start on Monday)
        (r"(?<![每上下])(?P<wk>这个?|本|上个?|下个?)(?:礼拜|星期|周)(?P<wd>[二三四五六日天]|一(?![共下起直些定般样点次个]))"
         r"(?:\s*(?:到|至|~|-)\s*(?:礼拜|星期|周)?(?P<wd2>[一二三四五六日天]))?(?:那天|当天)?", "weekday"),
        (r"(?<![a-z])(?:in |over |within |during )?(?:the )?(?:next|coming) fortnight(?![a-z])", "fortnight"),
        # "看一下下个月…" is 看一下 + 下个月: 下下 after 一 is not "the month after next"
        ("|".join(("(?<![一名手底以之])" + word if word.startswith("下下") else word)
                  for word in sorted(CAL_ZH, key=len, reverse=True)), "cal_zh"),
        (r"(?<![a-z])(?P<w>today|yesterday|tomorrow|(?:the )?day after tomorrow|(?:the )?day before yesterday)"
         r"(?![a-z])", "cal_day_en"),
        (rf"(?<![\d年个])(?P<m>{_MONTH})\s*月\s*(?P<d>{_DAY})\s*[号日]\s*(?:到|至|~|-)\s*(?:(?P<m2>{_MONTH})\s*月\s*)?"
         rf"(?P<d2>{_DAY})\s*[号日]?", "drange"),
        (rf"(?<![\d年个])(?P<m>{_MONTH})\s*(?:月份?)?\s*(?:(?P<to>[到至~\-])|[\s,和与及]|以及)\s*(?P<m2>{_MONTH})\s*"
         r"(?:(?P<count>两|二|三|四|五|六|2|3|4|5|6)\s*个)?月份?(?![底初中]?\s*\d)", "mrange"),
        # "July through September", "from Jan to Mar": a run of months of one year
        (rf"(?<![a-z])(?:from |between )?(?P<mw>{month_words})(?: to| through| thru| till| until| -| –| and)"
         rf" (?P<mw2>{month_words})(?![a-z0-9])", "mrange_en"),
        # (?<![^那这哪]个): "那个十月份的资料" names October (个 is a demonstrative's), "三个月" no month
        (r"(?<![\d年])(?<![^那这哪]个)(?<!^个)(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月份?(?![底初中]?\s*\d)",
         "m"),
        (rf"(?<![a-z])(?:(?:in|for|during|by|of|since) )(?P<mw>{month_words})(?![a-z])", "m_en"),
        (rf"(?<![a-z])(?!may )(?P<mw>{month_words}) ?'s(?![a-z])", "m_en"),  # "Oct's collection rate"
        # "missing Nov docs", "Oct collections": a month named before what it is the month of
        (rf"(?<![a-z])(?!may )(?P<mw>{month_words})(?= (?:docs|documents|paperwork|records|bank statements?|statements|"
         r"invoices|invoicing|billing|collections|receipts|payroll|numbers|figures|filings?|close)(?![a-z]))", "m_en"),
        (r"(?<![a-z])(?P<mw>january|february|march|april|june|july|august|september|october|november|december)"
         r"(?![a-z])", "m_en"),
        # "Oct collection rate", "collection rate oct": a bare abbreviation that opens or ends the question
        (rf"^(?P<mw>{_ABBREVIATED})(?= |$)", "m_en"), (rf"(?<= )(?P<mw>{_ABBREVIATED})$", "m_en"),
    ]
    return [(re.compile(pattern), kind) for pattern, kind in table]


COMPARED = re.compile(r"比一?下|比较|对比|相比|比一比|compare|versus|(?<![a-z])vs(?![a-z])")
_EN_TO = r"\s*(?:to|through|thru|till|until|-|–|and)\s*"
_ABBREVIATED = r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
_DAY = r"3[01]|[12]\d|0?[1-9]|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九]"
_MONTH = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]|元(?=月)"  # 元月: January
def _relative_units() -> dict[str, tuple[str, int]]:
    """Every "上上个月 / 上一季度 / 前一季度 / 下下周 / 这个礼拜" shape: a relative word, an optional 个 / 一 / 一个,
    a unit. 上上 and 下下 are two units away (the week before last, the month after next)."""
    relative = {"上上": -2, "上": -1, "前": -1, "本": 0, "这": 0, "当": 0, "下": 1, "下下": 2}
    units = {"月": "month", "月份": "month", "周": "week", "星期": "week", "礼拜": "week", "季度": "quarter",
             "季": "quarter"}
    out: dict[str, tuple[str, int]] = {}
    for word, offset in relative.items():
        for filler in ("", "个", "一", "一个"):
            if word == "前" and not filler.startswith("一"):
                continue  # 前月 / 前周 are not said; "前一季度" is the previous quarter
            if word in ("本", "当") and filler:
                continue
            for unit, kind in units.items():
                if word == "前" and kind != "quarter":
                    continue  # "前一个月" stays the trailing span (过去/前 N个月)
                out[f"{word}{filler}{unit}"] = (kind, offset)
    return out


CAL_ZH = {
    **_relative_units(),
    "这月": ("month", 0), "本月份": ("month", 0),
    "今年": ("year", 0), "本年度": ("year", 0), "本年": ("year", 0), "去年": ("year", -1),
    "上一年": ("year", -1), "明年": ("year", 1), "下一年": ("year", 1), "前年": ("year", -2),
    "今天": ("day", 0), "今日": ("day", 0), "昨天": ("day", -1), "昨日": ("day", -1), "明天": ("day", 1),
    "前天": ("day", -2), "大前天": ("day", -3), "昨儿个": ("day", -1), "昨儿": ("day", -1), "今儿个": ("day", 0),
    "明儿个": ("day", 1), "明儿": ("day", 1), "后儿个": ("day", 2),
    "今儿": ("day", 0), "前儿个": ("day", -2), "前儿": ("day", -2), "去年同月": ("month", -12),
    "去年的这个月": ("month", -12), "去年这个月": ("month", -12),
    "明日": ("day", 1), "后天": ("day", 2), "大后天": ("day", 3),
}
EN_WORD = {"past": -1, "last": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1,
            "today": 0, "yesterday": -1, "tomorrow": 1, "day after tomorrow": 2, "the day after tomorrow": 2,
            "day before yesterday": -2, "the day before yesterday": -2}


