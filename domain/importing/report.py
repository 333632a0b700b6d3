"""The import report (import-format.md, "Report"): counts per sheet, every rejected row, ignored columns."""

from __future__ import annotations

import json

from pydantic import BaseModel, Field
from typing_extensions import TypedDict

from domain.importing.columns import OPTIONAL_SHEETS, SHEET_KEYS


class RowProblem(TypedDict):
    sheet: str
    row: int
    reason: str


def _zeros() -> dict[str, int]:
    return dict.fromkeys((k for k in SHEET_KEYS if k not in OPTIONAL_SHEETS), 0)


class ImportReport(BaseModel):
    imported: dict[str, int] = Field(default_factory=_zeros)
    rejected: dict[str, int] = Field(default_factory=_zeros)
    errors: list[RowProblem] = Field(default_factory=list)
    ignored_columns: dict[str, list[str]] = Field(default_factory=dict)
    # Not part of the JSON contract: sheets found (keys), what was written, sheets whose name matched nothing.
    found_sheets: list[str] = Field(default_factory=list)
    written: dict[str, dict[str, int]] = Field(default_factory=dict)
    ignored_sheets: list[str] = Field(default_factory=list)

    def include(self, sheet: str) -> None:
        """Give an optional sheet its counts once the workbook has it."""
        if sheet not in self.imported:
            self.imported = {k: self.imported.get(k, 0) for k in SHEET_KEYS if k in self.imported or k == sheet}
            self.rejected = {k: self.rejected.get(k, 0) for k in SHEET_KEYS if k in self.rejected or k == sheet}

    def reject(self, sheet: str, row: int, reason: str) -> None:
        self.rejected[sheet] += 1
        self.errors.append({"sheet": sheet, "row": row, "reason": reason})

    def contract(self) -> dict[str, object]:
        """The JSON object of the spec, exactly its four keys."""
        return {"imported": self.imported, "rejected": self.rejected, "errors": self.errors,
                "ignored_columns": self.ignored_columns}

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.contract(), ensure_ascii=False, indent=indent)

    @property
    def total_rejected(self) -> int:
        return sum(self.rejected.values())
