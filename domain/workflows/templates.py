"""Workflow templates: YAML files validated with pydantic when first loaded (a bad file stops the start with an
error naming the file and the field).

Shipped templates live in domain/workflows/templates/*.yaml; a firm's directory (Settings.workflows_dir) may hold
files of its own: a file with the key of a shipped template replaces it (`enabled: false` switches it off), any
other key adds a service. Each template names:
- `services`: the contract service types that open it (domain.models.ServiceType);
- `cadence`: monthly (one instance per client and accounting month), annual (one per reported year, opened in the
  months `open_months` of the following year) or once (one per contract, opened when the contract starts);
- `deadline`: what `from_deadline` counts from — the month's tax filing deadline (monthly_filing, domain.calendar),
  31 May for 企业所得税汇算清缴 (cit_annual) or 30 June for 工商年报 (annual_report);
- stages, in order, each with zh/en names and aliases, who is responsible (`owner`: the client's owner,
  `manager`: the owner's manager, or a staff member's name), a due rule (`after_start: N` days after the work
  starts, or `from_deadline: N` days from the deadline, negative before it), whether it `waits_on_client`, which
  stages it `must_follow` (default: the stage before it; `[]`: none), and optionally the `documents` requested
  while it waits on the client, the `filing` it marks as done, and a `notice` to the client when done.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from domain.models import ServiceType
from domain.yamlfile import load_yaml

SHIPPED = Path(__file__).with_name("templates")
KEY = r"^[a-z][a-z0-9_]*$"
Cadence = Literal["monthly", "annual", "once"]
Deadline = Literal["monthly_filing", "cit_annual", "annual_report"]
Filing = Literal["monthly", "cit_annual", "annual_report"]


class TemplateError(Exception):
    """A workflow template cannot be used; the message names the file and the field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Names(_Strict):
    zh: str = Field(min_length=1, max_length=100)
    en: str = Field(min_length=1, max_length=100)

    def get(self, locale: str) -> str:
        return self.zh if locale == "zh" else self.en


class Aliases(_Strict):
    zh: list[str] = Field(default_factory=list)
    en: list[str] = Field(default_factory=list)

    def all(self) -> list[str]:
        return [*self.zh, *self.en]


class DueRule(_Strict):
    after_start: int | None = Field(default=None, ge=0, le=730)
    from_deadline: int | None = Field(default=None, ge=-365, le=365)

    @model_validator(mode="after")
    def _exactly_one(self) -> DueRule:
        if (self.after_start is None) == (self.from_deadline is None):
            raise ValueError("give exactly one of after_start / from_deadline")
        return self


class StageTemplate(_Strict):
    key: str = Field(pattern=KEY, max_length=50)
    name: Names
    aliases: Aliases = Field(default_factory=Aliases)
    responsible: str = Field(default="owner", min_length=1, max_length=100)
    due: DueRule
    waits_on_client: bool = False
    must_follow: list[str] | None = None  # None: the stage before it
    documents: list[str] = Field(default_factory=list)
    filing: Filing | None = None
    notice: Literal["filed"] | None = None

    @model_validator(mode="after")
    def _documents_need_waiting(self) -> StageTemplate:
        if self.documents and not self.waits_on_client:
            raise ValueError("documents are requested only by a stage that waits_on_client")
        return self


class WorkflowTemplate(_Strict):
    key: str = Field(pattern=KEY, max_length=50)
    name: Names
    aliases: Aliases = Field(default_factory=Aliases)
    order: int = 100
    enabled: bool = True
    services: list[ServiceType] = Field(min_length=1)
    cadence: Cadence
    deadline: Deadline | None = None
    open_months: tuple[int, int] | None = None  # annual: the first and last month to open last year's instance
    stages: list[StageTemplate] = Field(min_length=1)

    @field_validator("open_months")
    @classmethod
    def _months(cls, value: tuple[int, int] | None) -> tuple[int, int] | None:
        if value is not None and not 1 <= value[0] <= value[1] <= 12:
            raise ValueError("open_months must be [first, last] with 1 ≤ first ≤ last ≤ 12")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> WorkflowTemplate:
        if self.cadence == "monthly" and self.deadline is None:
            object.__setattr__(self, "deadline", "monthly_filing")
        if self.cadence == "once" and self.deadline is not None:
            raise ValueError("a one-off service has no filing deadline")
        if self.cadence == "annual" and self.open_months is None:
            raise ValueError("an annual template needs open_months: [first, last]")
        if self.cadence == "annual" and any(stage.documents for stage in self.stages):
            raise ValueError("document requests belong to a month: only monthly and one-off stages request them")
        seen: list[str] = []
        stages = []
        for stage in self.stages:
            if stage.key in seen:
                raise ValueError(f"stage {stage.key!r} appears twice")
            follows = stage.must_follow if stage.must_follow is not None else seen[-1:]
            unknown = [key for key in follows if key not in seen]
            if unknown:
                raise ValueError(f"stage {stage.key!r} must_follow {unknown}: only earlier stages can come first")
            if stage.due.from_deadline is not None and self.deadline is None:
                raise ValueError(f"stage {stage.key!r} counts from a deadline this template does not have")
            stages.append(stage.model_copy(update={"must_follow": follows}))
            seen.append(stage.key)
        object.__setattr__(self, "stages", stages)
        return self

    def stage(self, key: str) -> StageTemplate | None:
        return next((stage for stage in self.stages if stage.key == key), None)


class Templates:
    """The firm's templates, in their order (enabled ones only)."""

    def __init__(self, templates: list[WorkflowTemplate]) -> None:
        ordered = sorted(templates, key=lambda t: (t.order, t.key))
        self.by_key: dict[str, WorkflowTemplate] = {t.key: t for t in ordered if t.enabled}

    def __iter__(self) -> Iterator[WorkflowTemplate]:
        return iter(self.by_key.values())

    def __len__(self) -> int:
        return len(self.by_key)

    def get(self, key: str) -> WorkflowTemplate | None:
        return self.by_key.get(key)


def load_templates(firm_dir: str | Path | None = None) -> Templates:
    """The shipped templates, overlaid by the firm's directory (when given), validated."""
    found = dict(_shipped())
    if firm_dir:
        folder = Path(firm_dir)
        if not folder.is_dir():
            raise TemplateError(f"ZHANGFANG_WORKFLOWS_DIR: {folder} is not a directory — 流程模板目录不存在")
        found.update(_read_dir(folder))
    return Templates(list(found.values()))


@cache
def _shipped() -> dict[str, WorkflowTemplate]:
    """The package's own templates, read once per process (every App is built with them; they never change)."""
    return _read_dir(SHIPPED)


def _read_dir(folder: Path) -> dict[str, WorkflowTemplate]:
    out: dict[str, WorkflowTemplate] = {}
    for path in sorted(folder.glob("*.y*ml")):
        template = _read_file(path)
        if template.key in out:
            raise TemplateError(f"{path}: template key {template.key!r} is used twice in {folder} — 模板键重复")
        out[template.key] = template
    return out


def _read_file(path: Path) -> WorkflowTemplate:
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise TemplateError(f"{path}: cannot read the template ({exc}) — 无法读取流程模板") from None
    try:
        return WorkflowTemplate.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in err['loc']) or 'template'}: {err['msg']}"
                             for err in exc.errors())
        raise TemplateError(f"{path}: {problems} — 流程模板有误") from None
