"""Unified social credit codes (统一社会信用代码, GB 32100-2015) with valid check characters.

Layout: 1 registration authority (9 = market regulator), 1 organisation type (1 = enterprise), 6 digits of
administrative division, 9 characters of organisation code (8 body + a GB 11714 check character), and a
final GB 32100 check character over the first 17.
"""

from __future__ import annotations

import random

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, S, V, Z
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

_ORG_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # body characters that are also legal in a credit code
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def check_character(first17: str) -> str:
    """The GB 32100-2015 check character for the first 17 characters of a credit code."""
    if len(first17) != 17 or any(ch not in _VALUE for ch in first17):
        raise ValueError(f"not 17 characters of the GB 32100 alphabet: {first17!r}")
    total = sum(_VALUE[ch] * w for ch, w in zip(first17, _WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def is_valid_credit_code(code: str) -> bool:
    """True when `code` is 18 characters of the alphabet and its last character is the right check."""
    if len(code) != 18 or any(ch not in _VALUE for ch in code):
        return False
    return check_character(code[:17]) == code[17]


def _org_value(ch: str) -> int:
    return int(ch) if ch.isdigit() else ord(ch) - ord("A") + 10


def organisation_check(body8: str) -> str:
    """GB 11714 check character of an 8-character organisation code body (0-9 or X)."""
    total = sum(_org_value(ch) * w for ch, w in zip(body8, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return "X" if check == 10 else "0" if check == 11 else str(check)


def make_credit_code(rng: random.Random, division: str) -> str:
    """A random, valid enterprise credit code registered in `division` (six digits)."""
    body = "".join(rng.choices(_ORG_ALPHABET, k=8))
    first17 = "91" + division + body + organisation_check(body)
    return first17 + check_character(first17)


def corrupt_check(code: str) -> str:
    """The same code with a wrong check character (for rows that must be rejected)."""
    wrong = ALPHABET[(_VALUE[code[17]] + 1) % 31]
    return code[:17] + wrong
