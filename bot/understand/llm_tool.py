"""The one tool the model may call, `ask_client_book`, and how its arguments become a `Query`.

The model sees only the JSON schema of `ToolArguments` (field descriptions from prompts/llm/fields.md);
it never sees ids or rows. What it answers is checked strictly: unknown intents or fields, bad values, and
names that do not occur in the question (names it invented) are rejected.

Names stay names (`Mentions`), for `bot.understand.llm_names.resolve_names` to turn into ids within the
asker's scope. Until then the Query is built so that it can only come out narrower than asked, never
wider: an owner filter becomes `owner_ids=[]` (matches nothing) and client names go into
`clients.name_contains`.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from domain.models import ClientStatus, ServiceType, TaxpayerType, Tier
from domain.queries import ClientFilter, Intent, Query, StaffMetric, Window
from prompts.loader import load_prompt

TOOL_NAME = "ask_client_book"
# Not offered to the model: `unknown` is "no tool call"; my_* are the client-contact families.
# The analytics families (issue 12) need measure/dimension arguments the tool does not carry yet: rules only.
NOT_OFFERED = frozenset({Intent.unknown, Intent.my_invoices, Intent.my_documents, Intent.breakdown, Intent.trend,
                         Intent.summary, Intent.staff_board, Intent.new_clients, Intent.clients_by_health,
                         Intent.clients_at_risk, Intent.client_segments, Intent.client_metric})
OFFERED = tuple(intent for intent in Intent if intent not in NOT_OFFERED)
PASSTHROUGH = ("month", "min_days_overdue", "min_amount", "service_type", "credit_rating", "days", "late_only",
               "tax", "metric", "limit", "ascending")

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Word = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]


class ToolArguments(BaseModel):
    """The arguments of `ask_client_book`, as the model must send them."""

    model_config = ConfigDict(extra="forbid")

    intent: Intent
    mine: bool = False
    owner_names: list[Name] = Field(default_factory=list, max_length=10)
    client_names: list[Name] = Field(default_factory=list, max_length=10)
    staff_name: Name | None = None
    regions: list[Word] = Field(default_factory=list, max_length=20)
    industries: list[Word] = Field(default_factory=list, max_length=20)
    tags: list[Word] = Field(default_factory=list, max_length=20)
    tiers: list[Tier] = Field(default_factory=list)
    taxpayer_types: list[TaxpayerType] = Field(default_factory=list)
    statuses: list[ClientStatus] | None = None
    period_start: date | None = None
    period_end: date | None = None
    period_label: str = Field(default="", max_length=50)
    month: str | None = Field(default=None, pattern=r"^\d{4}-(0[1-9]|1[0-2])$")
    min_days_overdue: int | None = Field(default=None, ge=0, le=3650)
    min_amount: Decimal | None = Field(default=None, ge=0, max_digits=14, decimal_places=2)
    service_type: ServiceType | None = None
    credit_rating: Literal["A", "B", "C", "D", "N/A"] | None = None
    days: int | None = Field(default=None, ge=0, le=3650)
    late_only: bool = False
    tax: Word | None = None
    metric: StaffMetric | None = None
    limit: int | None = Field(default=None, ge=1, le=1000)
    ascending: bool = False

    @model_validator(mode="before")
    @classmethod
    def _drop_empty(cls, data: Any) -> Any:
        """Models often send null or "" for fields they mean to leave out."""
        if isinstance(data, dict):
            return {key: value for key, value in data.items() if value is not None and value != ""}
        return data

    @field_validator("intent")
    @classmethod
    def _offered(cls, intent: Intent) -> Intent:
        if intent in NOT_OFFERED:
            raise ValueError(f"intent {intent.value} is not offered")
        return intent

    @model_validator(mode="after")
    def _consistent(self) -> ToolArguments:
        if (self.period_start is None) != (self.period_end is None):
            raise ValueError("a period needs both period_start and period_end")
        if self.intent == Intent.client_profile and len(self.client_names) != 1:
            raise ValueError("client_profile needs exactly one client name")
        return self


@dataclass(frozen=True)
class Mentions:
    """Names the model read in the question, still to be resolved to ids."""

    clients: tuple[str, ...] = ()
    owners: tuple[str, ...] = ()
    staff: str | None = None
    mine: bool = False

    def is_empty(self) -> bool:
        return not (self.clients or self.owners or self.staff or self.mine)


def parse_arguments(raw: object, question: str) -> tuple[Query, Mentions]:
    """Check the model's tool arguments against the schema and the question; raise ValueError if wrong."""
    args = ToolArguments.model_validate(raw)
    _names_in_question(args, question)
    return to_query(args), Mentions(
        clients=tuple(args.client_names), owners=tuple(args.owner_names), staff=args.staff_name, mine=args.mine
    )


def to_query(args: ToolArguments) -> Query:
    clients = ClientFilter(
        owner_ids=[] if (args.mine or args.owner_names) else None,  # filled in by resolve_names
        name_contains=list(args.client_names),
        regions=list(args.regions),
        industries=list(args.industries),
        tags=list(args.tags),
        tiers=list(args.tiers),
        taxpayer_types=list(args.taxpayer_types),
        statuses=args.statuses,
    )
    window = None
    if args.period_start is not None and args.period_end is not None:
        window = Window(start=args.period_start, end=args.period_end, label=args.period_label)
    extra = {name: getattr(args, name) for name in PASSTHROUGH}
    return Query(intent=args.intent, clients=clients, window=window, **extra)


def _names_in_question(args: ToolArguments, question: str) -> None:
    asked = _squash(question)
    names = [*args.client_names, *args.owner_names, *([args.staff_name] if args.staff_name else [])]
    invented = [name for name in names if _squash(name) not in asked]
    if invented:
        raise ValueError(f"{len(invented)} name(s) not in the question")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


# -- the tool as the model sees it ---------------------------------------------------------------------


@cache
def tool_spec() -> dict[str, Any]:
    """The OpenAI function-tool definition: self-contained JSON schema, descriptions from prompt files."""
    schema = ToolArguments.model_json_schema()
    definitions = schema.pop("$defs", {})
    schema = _inline(schema, definitions)
    schema.pop("description", None)  # the class docstring is for programmers
    described = field_descriptions()
    for name, prop in schema["properties"].items():
        prop["description"] = described[name]
    schema["properties"]["intent"]["enum"] = [intent.value for intent in OFFERED]
    return {
        "type": "function",
        "function": {"name": TOOL_NAME, "description": load_prompt("llm/tool.md"), "parameters": schema},
    }


def field_descriptions() -> dict[str, str]:
    """prompts/llm/fields.md: one "- `field`: description" line per tool argument."""
    found = re.findall(r"^- `(\w+)`: (.+)$", load_prompt("llm/fields.md"), flags=re.MULTILINE)
    return dict(found)


def _inline(node: Any, definitions: dict[str, Any]) -> Any:
    """Replace "$ref" by the definition (some OpenAI-compatible servers do not follow refs) and drop titles."""
    if isinstance(node, dict):
        if "$ref" in node:
            return _inline(copy.deepcopy(definitions[node["$ref"].rsplit("/", 1)[-1]]), definitions)
        return {key: _inline(value, definitions) for key, value in node.items() if key != "title"}
    if isinstance(node, list):
        return [_inline(item, definitions) for item in node]
    return node
