"""The firm's reminder settings: prompts/reminders/default.yaml, overlaid by the firm's own YAML file
(ZHANGFANG_REMINDERS_FILE / Settings.reminders_file), validated with pydantic when first loaded.

A firm's file may give only the keys it changes; nested blocks are merged key by key. A bad or unknown key stops
the start with a ReminderSettingsError that names it (e.g. "dunning.days_after_due.1").
"""

from __future__ import annotations

from datetime import time
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, NonNegativeInt, ValidationError, field_validator

from bot.config import Settings
from domain.yamlfile import load_yaml

if TYPE_CHECKING:
    from bot.bootstrap import App

PLATFORMS = ("wecom", "dingtalk", "slack")
RATINGS = ("A", "B", "C", "D", "N/A")
Tone = Literal["polite", "firm"]


class ReminderSettingsError(Exception):
    """The reminder settings file cannot be used; the message names the file and the bad key."""


class _Block(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _days(values: list[int]) -> list[int]:
    return sorted(set(values))


class TaxSettings(_Block):
    enabled: bool = True
    working_days_before: list[NonNegativeInt] = Field(default_factory=lambda: [5, 2, 0])
    annual_items: bool = True

    _sorted = field_validator("working_days_before")(_days)


class DocumentSettings(_Block):
    enabled: bool = True
    days_before_due: list[NonNegativeInt] = Field(default_factory=lambda: [3])
    days_after_due: list[NonNegativeInt] = Field(default_factory=lambda: [1, 3, 7])
    then_every_days: NonNegativeInt = 7
    escalate_to_owner_after: NonNegativeInt = 3
    escalate_to_manager_after: NonNegativeInt = 5

    _sorted = field_validator("days_before_due", "days_after_due")(_days)


class RenewalSettings(_Block):
    enabled: bool = True
    days_before_end: list[NonNegativeInt] = Field(default_factory=lambda: [60, 30, 7])

    _sorted = field_validator("days_before_end")(_days)


class DunningSettings(_Block):
    enabled: bool = True
    days_before_due: list[NonNegativeInt] = Field(default_factory=lambda: [3])
    on_due: bool = True
    days_after_due: list[NonNegativeInt] = Field(default_factory=lambda: [7, 14, 30, 60])
    then_every_days: NonNegativeInt = 30
    tone: dict[Literal["A", "B", "C", "D", "N/A"], Tone] = Field(
        default_factory=lambda: {"A": "polite", "B": "polite", "C": "firm", "D": "firm", "N/A": "polite"})
    copy_owner_ratings: list[Literal["A", "B", "C", "D", "N/A"]] = Field(default_factory=lambda: ["D"])
    escalate_to_manager_days: NonNegativeInt = 30

    _sorted = field_validator("days_before_due", "days_after_due")(_days)

    def tone_for(self, rating: str) -> Tone:
        return self.tone.get(rating, "firm" if rating in ("C", "D") else "polite")  # type: ignore[call-overload]


class DigestSettings(_Block):
    enabled: bool = True
    at: time = time(8, 30)
    expiring_days: NonNegativeInt = 30
    not_contacted_days: NonNegativeInt = 90
    risk_ratings: list[Literal["A", "B", "C", "D", "N/A"]] = Field(default_factory=lambda: ["C", "D"])
    chart_months: int = Field(default=12, ge=1, le=36)
    rows: int = Field(default=5, ge=1, le=50)


class ReminderSettings(_Block):
    locale: Literal["zh", "en"] | None = None
    platforms: list[Literal["wecom", "dingtalk", "slack"]] = Field(default_factory=lambda: list(PLATFORMS),
                                                                  min_length=1)
    contacts: Literal["primary", "all"] = "primary"
    run_time: time = time(8, 30)
    working_days_only: bool = True
    tax_deadlines: TaxSettings = Field(default_factory=TaxSettings)
    documents: DocumentSettings = Field(default_factory=DocumentSettings)
    renewals: RenewalSettings = Field(default_factory=RenewalSettings)
    dunning: DunningSettings = Field(default_factory=DunningSettings)
    digest: DigestSettings = Field(default_factory=DigestSettings)


def default_yaml() -> str:
    return resources.files("prompts").joinpath("reminders", "default.yaml").read_text(encoding="utf-8")


def load_reminder_settings(path: str | Path | None = None) -> ReminderSettings:
    """The shipped defaults overlaid by the YAML file at `path` (when given), validated."""
    merged = _parse(default_yaml(), "prompts/reminders/default.yaml")
    origin = "prompts/reminders/default.yaml"
    if path:
        origin = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ReminderSettingsError(f"ZHANGFANG_REMINDERS_FILE: cannot read {origin} ({exc.strerror}) — "
                                        f"无法读取提醒设置文件") from None
        merged = _merge(merged, _parse(text, origin))
    try:
        return ReminderSettings.model_validate(merged)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors())
        raise ReminderSettingsError(f"{origin}: {problems} — 提醒设置有误") from None


def reminder_settings(app: App) -> ReminderSettings:
    """The app's reminder settings, loaded and validated once when the App is built (bot/bootstrap.compose)."""
    return app.reminders


def reminder_locale(settings: Settings, reminders: ReminderSettings) -> Literal["zh", "en"]:
    return reminders.locale or settings.locale


def _parse(text: str, origin: str) -> dict[str, Any]:
    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        raise ReminderSettingsError(f"{origin}: not valid YAML ({exc}) — 提醒设置文件格式有误") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ReminderSettingsError(f"{origin}: the top level must be a mapping of settings — 顶层应为键值设置")
    return data


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out
