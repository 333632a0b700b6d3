"""What every sheet handler provides: read one row, review the accepted rows together, store them."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from domain.importing.book import Book
from domain.importing.columns import SheetSpec
from domain.importing.parse import parse_enum
from domain.importing.rows import Record, Row, RowError
from domain.importing.upsert import Changes


class SheetJob:
    spec: SheetSpec
    model: Any
    key_zh: str = ""
    key_en: str = ""

    def parse(self, row: Row, book: Book) -> Record:
        raise NotImplementedError

    def review(self, records: list[Record], book: Book) -> list[tuple[Record, str]]:
        """Checks that need all rows of the sheet (e.g. managers named later); returns the rejected rows."""
        return []

    def store(self, session: Session, book: Book, records: list[Record]) -> Changes:
        raise NotImplementedError

    def check_lengths(self, record: Record) -> None:
        """Reject text longer than its column allows (PostgreSQL would refuse the whole sheet)."""
        limits = self._limits()
        for name, value in record.values.items():
            limit = limits.get(name)
            if limit and isinstance(value, str) and len(value) > limit:
                col = next((c for c in self.spec.columns if c.field == name), None)
                zh, en = (col.zh, col.en) if col else (name, name)
                raise RowError(f"{zh}过长（最多{limit}个字符） ({en} too long: at most {limit} characters)")

    def _limits(self) -> dict[str, int]:
        cached = self.__dict__.get("_limit_cache")
        if cached is None:
            cached = {c.name: c.type.length for c in self.model.__table__.c if getattr(c.type, "length", None)}
            self.__dict__["_limit_cache"] = cached
        return cached


def enum(vocabulary: dict[str, str], what_zh: str, what_en: str):
    """A cell parser for one enum."""

    def parse(value: object) -> str:
        return parse_enum(value, vocabulary, what_zh, what_en)

    return parse


def check(condition: bool, zh: str, en: str) -> None:
    if not condition:
        raise RowError(f"{zh} ({en})")

