"""The typed query language: what a staff member (or a client contact) can ask, as data.

Both understanding paths produce a `Query` — the deterministic zh/en parser and the optional LLM tool
call — and `domain.executor.execute(session, viewer, query, today)` answers it with the viewer's scope
applied in SQL. A `Result` carries every matching row (`items`), the single answer (`value`) where
the question asks for one, and the definitions used (`notes`).

Conventions for `Result.items`: a `Decimal` value is money (shown as ¥12,345.00, exported as a number
with two decimals); `date` values are dates; floats are ratios.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

from domain.models import ClientStatus, ServiceType, TaxpayerType, Tier


class Intent(StrEnum):
    overdue_clients = "overdue_clients"
    overdue_total = "overdue_total"
    overdue_count = "overdue_count"
    aging = "aging"
    receivable_balance = "receivable_balance"
    top_debtors = "top_debtors"
    invoices_due_soon = "invoices_due_soon"
    collected = "collected"
    invoiced = "invoiced"
    collection_rate = "collection_rate"
    signed = "signed"
    contracts_expiring = "contracts_expiring"
    documents_missing = "documents_missing"
    client_profile = "client_profile"
    top_clients_by_revenue = "top_clients_by_revenue"
    top_clients_by_profit = "top_clients_by_profit"
    top_clients_by_margin = "top_clients_by_margin"
    clients_by_attribute = "clients_by_attribute"
    client_count = "client_count"
    clients_by_credit_rating = "clients_by_credit_rating"
    clients_not_contacted = "clients_not_contacted"
    negative_feedback = "negative_feedback"
    staff_client_count = "staff_client_count"
    staff_ranking = "staff_ranking"
    tax_deadline = "tax_deadline"
    tax_filers = "tax_filers"
    breakdown = "breakdown"  # a metric by a dimension (semantics.md "Metrics, breakdowns and trends")
    trend = "trend"  # a metric month by month (quarter by quarter)
    summary = "summary"  # 经营情况: the key figures beside the previous period
    staff_board = "staff_board"  # 员工业绩: one row per staff member
    new_clients = "new_clients"  # clients signed in a period
    clients_by_health = "clients_by_health"  # ranked by health score
    clients_at_risk = "clients_at_risk"  # active clients with a health score below 60
    client_segments = "client_segments"  # value × loyalty
    client_metric = "client_metric"  # one client's figure
    my_invoices = "my_invoices"  # a client contact: its own open invoices
    my_documents = "my_documents"  # a client contact: its own pending document requests
    help = "help"
    unknown = "unknown"


class Window(BaseModel):
    """An inclusive date window, with the words the user used for it (for the reply)."""

    start: date
    end: date
    label: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> Window:
        if self.end < self.start:
            raise ValueError("window ends before it starts")
        return self


class ClientFilter(BaseModel):
    """Restrictions on which clients an answer covers (all optional, combined with AND)."""

    owner_ids: list[int] | None = None  # "我的/my" → [asker], "王芳的" → [王芳]
    owner_teams: bool = False  # "王芳团队的": the owners and everyone reporting to them (domain.scope.with_teams)
    client_ids: list[int] | None = None  # a named client
    regions: list[str] = Field(default_factory=list)
    industries: list[str] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    tiers: list[Tier] = Field(default_factory=list)
    taxpayer_types: list[TaxpayerType] = Field(default_factory=list)
    statuses: list[ClientStatus] | None = None  # None: the family's default (semantics.md)
    name_contains: list[str] = Field(default_factory=list)

    def is_empty(self) -> bool:
        return self == ClientFilter()


StaffMetric = Literal["collected", "revenue", "clients", "overdue_amount"]
# The metrics and dimensions of semantics.md ("Metrics, breakdowns and trends"), named as in cli.md.
MetricName = Literal["invoiced", "collected", "signed", "new_clients", "service_hours", "service_cost", "profit",
                     "lifetime_revenue", "receivable_balance", "overdue_amount", "overdue_clients", "clients",
                     "late_documents", "collection_rate", "margin", "revenue", "health_score"]
DimensionName = Literal["owner", "team", "tier", "industry", "region", "taxpayer_type", "service_type",
                        "credit_rating", "aging", "month", "quarter"]
Segment = Literal["high_value_high_loyalty", "high_value_low_loyalty", "low_value_high_loyalty",
                  "low_value_low_loyalty"]


class Query(BaseModel):
    intent: Intent
    clients: ClientFilter = Field(default_factory=ClientFilter)
    window: Window | None = None  # the period asked about, already resolved to dates
    month: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}$")  # collection rate, tax deadline, documents
    min_days_overdue: int | None = Field(default=None, ge=0)  # keep clients with an invoice > N days overdue
    min_amount: Decimal | None = Field(default=None, ge=0)  # overdue amount strictly greater than this
    service_type: ServiceType | None = None
    credit_rating: Literal["A", "B", "C", "D", "N/A"] | None = None
    days: int | None = Field(default=None, ge=0, le=3650)  # not contacted in N days, feedback in N days
    late_only: bool = False  # documents: only those past their due date
    tax: str | None = None  # 增值税, 企业所得税 …
    staff_id: int | None = None  # the colleague asked about ("王芳负责多少个客户")
    metric: StaffMetric | None = None  # staff ranking by
    limit: int | None = Field(default=None, ge=1, le=1000)
    ascending: bool = False  # "利润最低的5个" → True
    measure: MetricName | None = None  # breakdown / trend / client_metric: what is summed or counted
    dimension: DimensionName | None = None  # breakdown: how rows are grouped; trend: month or quarter
    share: bool = False  # breakdown: each group's share of the total (占比)
    segment: Segment | None = None  # client_segments: only this segment
    # For `unknown`/`help`/ambiguous answers: what the understanding step wants to tell the user.
    candidates: list[str] = Field(default_factory=list)


class Result(BaseModel):
    intent: Intent
    items: list[dict[str, Any]] = Field(default_factory=list)
    value: Decimal | int | float | str | None = None
    notes: list[str] = Field(default_factory=list)  # definitions used, e.g. "overdue"
    query: Query | None = None
    metric: str | None = None  # breakdown / trend / client_metric: the metric's name (cli.md)
    dimension: str | None = None  # breakdown: the dimension; trend: month or quarter
