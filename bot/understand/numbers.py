"""Numbers as staff type them: 5000, 10,000, 1.5万, 5千, 一万, 两万五, 十五, 10k, ¥12,000.50, "three".

Everything is exact (`Decimal`); nothing here knows what the number is for — `slots.py` decides that
from the words around it. The regular expression fragment `NUMBER` matches every form `parse_number`
can read, so the callers can embed it in their own patterns.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "仨": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9,
             # 大写, as written on cheques and invoices ("伍仟元")
             "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000, "拾": 10, "佰": 100, "仟": 1000}
CN_BIG = {"万": 10_000, "亿": 100_000_000, "萬": 10_000}
SUFFIX_MULTIPLIERS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000, "k": 1000, "w": 10_000,
                      "m": 1_000_000}
EN_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}

_CN_CHARS = "零〇一二两俩三仨四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬"
# Arabic (with thousands separators and decimals) optionally followed by a unit, or a run of Chinese numerals,
# or an English number word. "k/w/m" must not start a word ("10 weeks", "5 months").
_EN_WORD = "(?:" + "|".join(sorted(EN_NUMBERS, key=len, reverse=True)) + ")"
EN_SCALES = {"thousand": 1000, "grand": 1000, "million": 1_000_000}
_EN_SCALE = r"(?:\s(?:thousand|grand|million)(?![a-z]))"
NUMBER = (
    rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?(?:\s?(?:[十百千万亿]+|[kwm](?![a-z]))|{_EN_SCALE})?"
    rf"|[{_CN_CHARS}]+"
    rf"|(?<![a-z]){_EN_WORD}(?:[ -]{_EN_WORD})*(?![a-z]){_EN_SCALE}?)"  # "three thousand", "twenty-five"
)


def parse_number(text: str) -> Decimal | None:
    """Read one number in any of the forms of `NUMBER`; None when it is not one."""
    text = text.strip()
    if re.fullmatch(r"[a-z0-9., -]+", text) and (english := _english(text)) is not None:
        return english
    text = text.replace(" ", "")
    if not text:
        return None
    match = re.fullmatch(r"(\d+(?:,\d{3})*(?:\.\d+)?)([十百千万亿kwm]*)", text)
    if match:
        return _arabic(match.group(1), match.group(2))
    if all(ch in _CN_CHARS for ch in text):
        value = parse_chinese_integer(text)
        return None if value is None else Decimal(value)
    return None


def _english(text: str) -> Decimal | None:
    """"three thousand" → 3000, "twenty-five" → 25, "3 thousand" → 3000, "two hundred" → 200; None otherwise."""
    words = text.replace("-", " ").split()
    scale = EN_SCALES.get(words[-1], 1) if words else 1
    if scale != 1:
        words = words[:-1]
    if not words:
        return None
    if len(words) == 1 and re.fullmatch(r"\d+(?:,\d{3})*(?:\.\d+)?", words[0]):
        return None if scale == 1 else Decimal(words[0].replace(",", "")) * scale
    if any(word not in EN_NUMBERS for word in words):
        return None
    total = 0
    for word in words:
        total = total * 100 if word == "hundred" and total else total + EN_NUMBERS[word]
    return Decimal(total * scale)


MAX_DIGITS = 15  # nobody asks about amounts of a quadrillion; longer digit runs are not numbers to us


def _arabic(digits: str, units: str) -> Decimal | None:
    plain = digits.replace(",", "")
    if len(plain.split(".")[0]) > MAX_DIGITS or len(plain) > 2 * MAX_DIGITS:
        return None
    try:
        value = Decimal(plain)
    except InvalidOperation:
        return None
    for unit in units:
        value *= SUFFIX_MULTIPLIERS[unit]
    return Decimal(int(value)) if value == value.to_integral_value() else value


def parse_chinese_integer(text: str) -> int | None:
    """十五 → 15, 二十 → 20, 一万 → 10000, 两万五 → 25000, 一百零五 → 105, 二零二六 → 2026."""
    if not text or any(ch not in _CN_CHARS for ch in text):
        return None
    if len(text) > MAX_DIGITS:
        return None
    if all(ch in CN_DIGITS for ch in text):
        if len(text) == 1:
            return CN_DIGITS[text]
        return int("".join(str(CN_DIGITS[ch]) for ch in text))  # read digit by digit: 二零二六
    total = section = number = 0
    last_unit = 0
    after_unit = False  # the previous character was a unit (for the colloquial 两万五 / 三千五)
    for ch in text:
        if ch in CN_DIGITS:
            if number and not after_unit:
                return None  # two digits in a row inside a unit number: "一二十" is not a number
            number = CN_DIGITS[ch]
            after_unit = after_unit and ch not in "零〇"
        elif ch in CN_UNITS:
            unit = CN_UNITS[ch]
            if not number and unit != 10:
                return None  # 百 / 千 without a digit in front
            section += (number or 1) * unit
            number, last_unit, after_unit = 0, unit, True
        else:  # 万 / 亿
            big = CN_BIG[ch]
            section += number
            if not section and not total:
                return None
            total, section, number = total + section * big, 0, 0
            last_unit, after_unit = big, True
    if number and after_unit and last_unit >= 10:
        number *= last_unit // 10  # 两万五 = 25000, 三千五 = 3500, 一百五 = 150
    return total + section + number
