"""Which Sender delivers to which platform: built lazily, once, from `adapters.<platform>.sender.sender(app)` (or,
when a module has no such function, from its Sender class for that platform, given the settings).

A platform whose adapter is not installed (or cannot be built from the settings) has no sender; its messages
fail with that reason, stay in the outbox and can be retried once the platform is set up. Tests and dry runs pass
their own senders (`overrides`).
"""

from __future__ import annotations

import importlib
import logging
import re
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING

from bot.delivery import Sender

if TYPE_CHECKING:
    from bot.bootstrap import App

log = logging.getLogger(__name__)

KNOWN_PLATFORMS = ("slack", "wecom", "dingtalk", "console")


class SenderUnavailable(Exception):
    """No sender for a platform; the message says why in Chinese and English."""


class SenderRegistry:
    def __init__(self, app: App, overrides: dict[str, Sender] | None = None) -> None:
        self.app = app
        self._senders: dict[str, Sender] = dict(overrides or {})
        self._missing: dict[str, str] = {}

    def get(self, platform: str) -> Sender:
        """The platform's sender, built on first use; SenderUnavailable when there is none."""
        found = self._senders.get(platform)
        if found is not None:
            return found
        if platform not in self._missing:
            try:
                self._senders[platform] = self._build(platform)
                return self._senders[platform]
            except SenderUnavailable as exc:
                self._missing[platform] = str(exc)
        raise SenderUnavailable(self._missing[platform])

    def _build(self, platform: str) -> Sender:
        if platform not in KNOWN_PLATFORMS:
            raise SenderUnavailable(f"unknown platform {platform!r} — 未知平台 {platform}")
        module_name = f"adapters.{platform}.sender"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                raise SenderUnavailable(f"no {platform} sender is installed — 未安装 {platform} 发送模块") from None
            raise
        factory = getattr(module, "sender", None) or _sender_class(module, platform)
        try:
            return factory(self.app)
        except Exception as exc:  # a platform that cannot be built from the settings (missing credentials, …)
            log.warning("cannot build the %s sender: %s", platform, type(exc).__name__)
            raise SenderUnavailable(f"the {platform} sender cannot start ({type(exc).__name__}: {_safe(exc)}) — "
                                    f"{platform} 发送模块无法启动，请检查配置") from None


def _sender_class(module: ModuleType, platform: str) -> Callable[[App], Sender]:
    """Without a `sender(app)` function, the module's Sender class for the platform, built from the settings."""
    for value in vars(module).values():
        if (isinstance(value, type) and value.__module__ == module.__name__
                and getattr(value, "platform", None) == platform and callable(getattr(value, "send", None))):
            return lambda app: value(app.settings)
    raise SenderUnavailable(f"{module.__name__} has no sender(app) — {platform} 发送模块不完整")


def _safe(exc: Exception) -> str:
    """An exception's text without URL query strings (where webhook keys and tokens travel), kept short."""
    return re.sub(r"\?\S+", "?…", str(exc))[:200]
