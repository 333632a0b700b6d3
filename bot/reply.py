"""The neutral reply: what the bot says, before any platform formats it.

Adapters turn a Reply into Block Kit, WeCom markdown, DingTalk ActionCard or console text. `data` is
the machine-readable answer (the `ask --json` object), identical on every path.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field


class TableColumn(BaseModel):
    key: str
    label: str
    align: Literal["left", "right"] = "left"


class Action(BaseModel):
    """A button: `value` is sent back as the next message's `action` (or its text on text-only platforms)."""

    label: str
    value: str
    style: Literal["default", "primary", "danger"] = "default"


class Chart(BaseModel):
    kind: Literal["bar", "line"] = "bar"
    title: str
    labels: list[str]
    series: dict[str, list[float]]
    english: dict[str, str] = Field(default_factory=dict)  # text → English, drawn where no CJK font is installed


class Reply(BaseModel):
    intent: str
    title: str = ""
    text: str
    columns: list[TableColumn] = Field(default_factory=list)
    rows: list[list[str]] = Field(default_factory=list)  # formatted cells, at most the shown rows
    total_rows: int = 0  # how many rows the answer has in all (rows may show fewer)
    offset: int = 0  # how many rows came before the shown ones (a later page of the same answer)
    fields: list[tuple[str, str]] = Field(default_factory=list)  # label/value pairs (a profile card)
    sections: list[tuple[str, list[str]]] = Field(default_factory=list)  # headed bullet lists
    suggestions: list[str] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    chart: Chart | None = None
    source: Literal["rules", "llm", "system"] = "rules"
    locale: Literal["zh", "en"] = "zh"
    data: dict[str, Any] = Field(default_factory=dict)

    @property
    def more_rows(self) -> int:
        """Rows after the shown ones: what "另有 N 条未显示" counts (rows on earlier pages are not "more")."""
        return max(0, self.total_rows - self.offset - len(self.rows))
