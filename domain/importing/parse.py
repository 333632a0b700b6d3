"""Reading one cell: text, dates, amounts, yes/no, enums, tags, periods and unified social credit codes.

Every parser takes a cell that is already trimmed and not empty, and returns the value or raises
`CellError` with the reason in Chinese and English.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from domain.money import to_cents


class CellError(ValueError):
    """A cell that cannot be read. `named` errors already name their column in the message."""

    def __init__(self, zh: str, en: str, named: bool = False) -> None:
        super().__init__(f"{zh} ({en})")
        self.zh, self.en, self.named = zh, en, named


_SPACES = " \t\r\n\u3000\u00a0\ufeff"


def clean(value: object) -> object:
    """Trim half- and full-width spaces; empty text becomes None. Non-text cells pass through."""
    if isinstance(value, str):
        value = value.strip(_SPACES)
        return value or None
    return value


def text(value: object) -> str:
    """A cell as text: 13800138000.0 → '13800138000', a date cell → '2026-01-05'."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def key_text(value: str) -> str:
    """How names and numbers are matched: full-width folded, spaces removed, case folded."""
    return "".join(unicodedata.normalize("NFKC", value).split()).casefold()


# ---- dates ---------------------------------------------------------------------------------------
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?" + _TIME + "$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_EXCEL_EPOCH = date(1899, 12, 30)


def parse_date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _date_from_number(value)
    raw = unicodedata.normalize("NFKC", str(value)).strip()
    match = _DATE.match(raw) or _COMPACT.match(raw)
    if not match:
        raise CellError(f"无法识别的日期「{raw}」", f"unreadable date '{raw}'")
    return _make_date(raw, *(int(g) for g in match.groups()))


def _date_from_number(value: float) -> date:
    if float(value).is_integer() and 10_000_000 <= value <= 99_991_231:
        return parse_date(str(int(value)))
    if 20_000 <= value <= 80_000:  # an Excel serial day number whose date format was lost
        return _EXCEL_EPOCH + timedelta(days=int(value))
    raise CellError(f"无法识别的日期「{text(value)}」", f"unreadable date '{text(value)}'")


def _make_date(raw: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError(f"日期不存在「{raw}」", f"no such date '{raw}'") from None


_PERIOD = re.compile(r"^(\d{4})\s*[-/.年]?\s*(\d{1,2})\s*月?$")


def parse_period(value: object) -> str:
    """A month: '2026-10', '2026年10月', '2026/10', '202610' or a date cell → '2026-10'."""
    if isinstance(value, date):
        return f"{value.year:04d}-{value.month:02d}"
    raw = unicodedata.normalize("NFKC", text(value)).strip()
    match = _PERIOD.match(raw)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise CellError(f"无法识别的所属期「{raw}」", f"unreadable period '{raw}', expected YYYY-MM")
    return f"{int(match.group(1)):04d}-{int(match.group(2)):02d}"


# ---- numbers -------------------------------------------------------------------------------------
_CURRENCY = re.compile(r"^(?:¥|RMB|CNY|人民币)|(?:元|RMB|CNY)$", re.IGNORECASE)
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:,\d{3})*|\d*)(?:\.\d+)?$")


def parse_decimal(value: object, what_zh: str = "金额", what_en: str = "amount", units: tuple[str, ...] = ()
                  ) -> Decimal:
    """Numbers and text such as '12,000.00', '¥12,000', '￥12000元' as an exact Decimal."""
    if isinstance(value, bool):
        raise CellError(f"无法识别的{what_zh}「{value}」", f"unreadable {what_en} '{value}'")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    raw = unicodedata.normalize("NFKC", str(value)).strip()
    body = _CURRENCY.sub("", raw).strip()
    for unit in units:
        if body.lower().endswith(unit):
            body = body[: -len(unit)].strip()
    body = body.replace(" ", "")
    if not body or not _NUMBER.match(body) or not any(ch.isdigit() for ch in body):
        raise CellError(f"无法识别的{what_zh}「{raw}」", f"unreadable {what_en} '{raw}'")
    try:
        return Decimal(body.replace(",", ""))
    except InvalidOperation:
        raise CellError(f"无法识别的{what_zh}「{raw}」", f"unreadable {what_en} '{raw}'") from None


MAX_CENTS = 10**15  # ten trillion yuan: anything larger is a typing slip (and would overflow BIGINT later)


def _cents(value: object) -> int:
    amount = parse_decimal(value)
    if not amount.is_finite():  # NaN or infinity from a spreadsheet cell
        raise CellError(f"无法识别的金额「{text(value)}」", f"unreadable amount '{text(value)}'")
    if abs(amount) >= Decimal(MAX_CENTS) / 100:  # checked before rounding: 1e29 cannot be rounded to cents
        raise CellError(f"数值过大（{text(value)}）", f"too large: '{text(value)}'")
    cents = to_cents(amount)
    if abs(cents) >= MAX_CENTS:
        raise CellError(f"数值过大（{text(value)}）", f"too large: '{text(value)}'")
    return cents


def parse_amount(value: object) -> int:
    """A required amount in cents; it must be greater than zero."""
    cents = _cents(value)
    if cents <= 0:
        raise CellError(f"必须大于0（{text(value)}）", f"must be greater than 0, got '{text(value)}'")
    return cents


def parse_cost(value: object) -> int:
    """An optional amount in cents (e.g. hourly cost); zero is allowed, negative is not."""
    cents = _cents(value)
    if cents < 0:
        raise CellError(f"不能为负数（{text(value)}）", f"cannot be negative, got '{text(value)}'")
    return cents


def parse_hours(value: object) -> Decimal:
    hours = parse_decimal(value, "工时", "hours", units=("小时", "hours", "hour", "hrs", "h"))
    if hours <= 0:
        raise CellError(f"必须大于0（{text(value)}）", f"must be greater than 0, got '{text(value)}'")
    if hours >= Decimal("1000000"):
        raise CellError(f"数值过大（{text(value)}）", f"too large: '{text(value)}'")
    return hours.quantize(Decimal("0.01"))


def parse_count(value: object) -> int:
    number = parse_decimal(value, "次数", "count", units=("次",))
    if number < 0 or number != number.to_integral_value() or number >= 1_000_000:
        raise CellError(f"应为非负整数（{text(value)}）", f"must be a whole number ≥ 0, got '{text(value)}'")
    return int(number)


def parse_score(value: object) -> int:
    number = parse_decimal(value, "满意度", "score", units=("分",))
    if number != number.to_integral_value() or not 1 <= number <= 5:
        raise CellError(f"应为1到5的整数（{text(value)}）", f"must be a whole number from 1 to 5, got '{text(value)}'")
    return int(number)


# ---- words ---------------------------------------------------------------------------------------
_YES = {"是", "y", "yes", "true", "1", "✓", "✔", "√", "对"}
_NO = {"否", "n", "no", "false", "0", "✗", "✘", "×", "x", "错"}


def parse_yes_no(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raw = key_text(text(value))
    if raw in _YES:
        return True
    if raw in _NO:
        return False
    raise CellError(f"无法识别的是/否「{text(value)}」", f"expected yes/no, got '{text(value)}'")


def parse_enum(value: object, vocabulary: dict[str, str], what_zh: str, what_en: str) -> str:
    """Map Chinese or English words to a stored value; `vocabulary` keys are already `enum_key`-normalized."""
    found = vocabulary.get(enum_key(text(value)))
    if found is None:
        raise CellError(f"未知的{what_zh}「{text(value)}」", f"unknown {what_en} '{text(value)}'")
    return found


def enum_key(word: str) -> str:
    return re.sub(r"[\s_\-]+", "", unicodedata.normalize("NFKC", word)).casefold()


_TAG_SPLIT = re.compile(r"[,，、;；]")


def parse_tags(value: object) -> list[str]:
    """'上市辅导、高新技术, VIP' → ['上市辅导', '高新技术', 'VIP'] (order kept, duplicates dropped)."""
    tags: list[str] = []
    for part in _TAG_SPLIT.split(text(value)):
        tag = part.strip(_SPACES)
        if tag and tag not in tags:
            tags.append(tag)
    return tags


# ---- unified social credit code (GB 32100-2015) --------------------------------------------------
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_check_char(first17: str) -> str:
    total = sum(CREDIT_ALPHABET.index(ch) * w for ch, w in zip(first17, CREDIT_WEIGHTS, strict=True))
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def parse_credit_code(value: object) -> str:
    code = "".join(unicodedata.normalize("NFKC", text(value)).split()).upper()
    if len(code) != 18 or any(ch not in CREDIT_ALPHABET for ch in code):
        raise CellError("统一社会信用代码格式错误", "must be 18 characters of 0-9 and A-Y without I, O, S, V, Z",
                        named=True)
    if credit_check_char(code[:17]) != code[17]:
        raise CellError("统一社会信用代码校验位错误", "invalid check character", named=True)
    return code
