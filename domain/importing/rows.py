"""One spreadsheet row as the sheet handlers see it: cells by field name, parsed with reasons on failure."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from domain.importing.columns import HeaderMap, SheetSpec
from domain.importing.parse import CellError, key_text, text

T = TypeVar("T")


class RowError(Exception):
    """The row is rejected; `reason` is Chinese with English in brackets."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Record:
    """A row that passed its checks: `values` are table columns (only those the sheet provides).

    `by_value` records have no natural key of their own: `key` is the row's values, and repeats are
    numbered (the n-th identical row) instead of being rejected as duplicates.
    """

    number: int
    key: Hashable
    values: dict[str, Any]
    by_value: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


class Row:
    def __init__(self, spec: SheetSpec, header: HeaderMap, cells: list[object], number: int) -> None:
        self.spec, self.header, self.cells, self.number = spec, header, cells, number

    def has(self, name: str) -> bool:
        return name in self.header.index

    def raw(self, name: str) -> object | None:
        i = self.header.index.get(name)
        return self.cells[i] if i is not None and i < len(self.cells) else None

    def required(self, name: str, parser: Callable[[object], T] = text) -> T:  # type: ignore[assignment]
        value = self.raw(name)
        if value is None:
            col = self.spec.column(name)
            if not self.has(name):
                raise RowError(f"缺少必填列「{col.zh}」 (missing required column: {col.en})")
            raise RowError(f"必填项为空：{col.zh} (required cell is empty: {col.en})")
        return self._parse(name, parser, value)

    def optional(self, name: str, parser: Callable[[object], T] = text, default: T | None = None) -> T | None:
        value = self.raw(name)
        return default if value is None else self._parse(name, parser, value)

    def put(self, values: dict[str, Any], column: str, name: str, parser: Callable[[object], Any] = text,
            default: object = None) -> None:
        """Set values[column] from field `name` when the sheet has that column (absent columns keep the DB)."""
        if self.has(name):
            values[column] = self.optional(name, parser, default)

    def reference(self, name: str, known: dict[str, T], what_zh: str, what_en: str, required: bool = True
                  ) -> T | None:
        """Resolve a name or number to what the database and earlier rows know, or reject the row."""
        written = self.required(name) if required else self.optional(name)
        if written is None:
            return None
        found = known.get(key_text(written))
        if found is None:
            raise RowError(f"{what_zh}不存在：{written} (unknown {what_en}: {written})")
        return found

    def _parse(self, name: str, parser: Callable[[object], T], value: object) -> T:
        try:
            return parser(value)
        except CellError as exc:
            if exc.named:
                raise RowError(str(exc)) from None
            col = self.spec.column(name)
            raise RowError(f"{col.zh}：{exc.zh} ({col.en}: {exc.en})") from None
