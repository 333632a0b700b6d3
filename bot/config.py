"""One typed Settings object, read from the environment (prefix ZHANGFANG_) and `.env`, validated at start."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class SettingsError(Exception):
    """A setting has a value the product cannot use; the message names the setting."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="ZHANGFANG_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    database_url: str = "sqlite:///./zhangfang.db"
    timezone: str = "Asia/Shanghai"
    locale: Literal["zh", "en"] = "zh"
    currency: str = "CNY"
    currency_symbol: str = "¥"
    today: date | None = None
    now: datetime | None = None  # pins the moment too (ZHANGFANG_NOW, ISO 8601; naive = firm-local): tests, replays

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    api_token: SecretStr | None = None
    public_url: str | None = None  # the board's links (bot/board): None → http://HOST:PORT
    board_secret: SecretStr | None = None  # signs board sessions; None → generated once and kept in the database
    wecom_oauth_base_url: str = "https://open.weixin.qq.com/connect/oauth2/authorize"  # the board's WeCom sign-in
    board_warm_seconds: float = Field(default=3.0, ge=0)  # how often serve looks for book changes to refresh the
    # boards viewed in the last half hour (bot/board/warm.py); 0 turns it off

    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_api_base_url: str = "https://slack.com/api/"

    wecom_corp_id: str | None = None
    wecom_agent_id: int | None = None
    wecom_secret: SecretStr | None = None
    wecom_token: SecretStr | None = None
    wecom_aes_key: SecretStr | None = None
    wecom_api_base_url: str = "https://qyapi.weixin.qq.com/cgi-bin/"
    wecom_kf_open_kfid: str | None = None  # 微信客服 account for clients on personal WeChat (adapters/wecom/kf.py)
    wecom_group_send_fallback: bool = False  # a closed kf window → a 客户联系 群发 task (adapters/wecom/group_send.py)

    dingtalk_client_id: str | None = None
    dingtalk_client_secret: SecretStr | None = None
    dingtalk_mode: Literal["stream", "http"] = "stream"
    dingtalk_api_base_url: str = "https://api.dingtalk.com/"
    dingtalk_oapi_base_url: str = "https://oapi.dingtalk.com/"  # the older API: media/upload (charts, files)

    llm_base_url: str | None = None
    llm_api_key: SecretStr | None = None
    llm_model: str | None = None
    llm_timeout_seconds: float = Field(default=20.0, gt=0)

    reminders_file: str | None = None
    tax_calendar_dir: str | None = None
    workflows_dir: str | None = None  # the firm's workflow templates (domain/workflows/templates.py)
    cache_dir: str | None = None  # the name index between processes (bot/understand/index_cache.py); "" = none
    document_request_days: int = Field(default=3, ge=0, le=365)  # a request made from chat is due in N days

    # Outbox delivery (bot/sending.py) and scheduling (bot/scheduler.py); times are firm-local
    quiet_hours: str = Field(default="21:00-08:30", pattern=r"^\d{2}:\d{2}-\d{2}:\d{2}$")
    outbox_max_attempts: int = Field(default=10, ge=1, le=100)
    outbox_retry_base_seconds: float = Field(default=30.0, gt=0)
    outbox_retry_max_seconds: float = Field(default=3600.0, gt=0)
    plan_times: str | None = Field(default=None, pattern=r"^\d{2}:\d{2}(,\s*\d{2}:\d{2})*$")  # None: reminders' times
    send_interval_seconds: int = Field(default=30, ge=1, le=3600)
    scheduler_enabled: bool = True

    # Files clients send in chat (bot/files): where they are kept, what is accepted, how links are signed
    files_dir: str = "./files"
    files_s3_bucket: str | None = None
    files_s3_endpoint_url: str | None = None
    files_s3_region: str | None = None
    files_s3_access_key_id: str | None = None
    files_s3_secret_access_key: SecretStr | None = None
    files_max_bytes: int = Field(default=20 * 1024 * 1024, ge=1)
    files_link_secret: SecretStr | None = None  # signs the expiring file links `zhangfang serve` opens for staff
    files_link_minutes: int = Field(default=60, ge=1, le=7 * 24 * 60)
    files_public_url: str | None = None  # how staff reach `zhangfang serve` (e.g. https://zf.example.com)
    owner_notice_minutes: int = Field(default=10, ge=1, le=24 * 60)  # one batched notice per owner per N minutes
    inbox_replay_minutes: int = Field(default=5, ge=0, le=24 * 60)  # accepted, unanswered messages replayed at start
    # Backups (bot/backup/): the nightly one inside `serve`, firm-local time, and how many to keep
    backup_dir: str = "./backups"
    backup_enabled: bool = True
    backup_time: str = Field(default="02:30", pattern=r"^\d{2}:\d{2}$")
    backup_keep_daily: int = Field(default=7, ge=1, le=366)
    backup_keep_weekly: int = Field(default=4, ge=0, le=520)

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("database_url")
    @classmethod
    def _supported_database(cls, value: str) -> str:
        if not value.startswith(("sqlite", "postgresql")):
            raise ValueError("only sqlite:/// and postgresql+psycopg:// URLs are supported")
        return value

    @property
    def board_url(self) -> str:
        """The address the board's links start with (no trailing slash)."""
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def local_today(self) -> date:
        return self.today or datetime.now(self.tz).date()

    @property
    def tax_calendar_path(self) -> Path | None:
        return Path(self.tax_calendar_dir) if self.tax_calendar_dir else None

    @property
    def cache_path(self) -> Path | None:
        if self.cache_dir == "":
            return None
        if self.cache_dir is None:
            from bot.understand.index_cache import default_cache_dir

            return default_cache_dir()
        return Path(self.cache_dir)

    @property
    def llm_enabled(self) -> bool:
        return bool(self.llm_base_url and self.llm_model)

    def platforms(self) -> dict[str, bool]:
        """Which chat platforms have the credentials they need to be mounted."""
        return {
            "slack": bool(self.slack_bot_token and (self.slack_signing_secret or self.slack_app_token)),
            "wecom": bool(self.wecom_corp_id and self.wecom_token and self.wecom_aes_key),
            "dingtalk": bool(self.dingtalk_client_id and self.dingtalk_client_secret),
        }

    def masked(self) -> dict[str, object]:
        """Every setting, with secrets shown as ******** (never their value)."""
        shown: dict[str, object] = {}
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, SecretStr):
                value = "********"
            elif name == "database_url":
                value = _mask_url_password(value)
            shown[name] = value
        return shown


def _mask_url_password(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    if "@" not in rest or ":" not in rest.split("@", 1)[0]:
        return url
    creds, host = rest.split("@", 1)
    user = creds.split(":", 1)[0]
    return f"{scheme}{sep}{user}:********@{host}"


def load_settings(**overrides: object) -> Settings:
    """Read and validate the settings; a bad value raises SettingsError naming the setting."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            name = "ZHANGFANG_" + ".".join(str(p) for p in err["loc"]).upper()
            problems.append(f"{name}: {err['msg']}")
        raise SettingsError("Invalid setting — 配置有误: " + "; ".join(problems)) from None
