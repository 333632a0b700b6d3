"""The file store and each platform's downloader for an App, built on first use (adapters are imported only when a
file from that platform arrives, like the server mounts them)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from bot.files.download import Downloader, DownloadError
from bot.files.store import FileStore, build_store

if TYPE_CHECKING:
    from bot.bootstrap import App

DOWNLOADERS = {"slack": "adapters.slack.files", "wecom": "adapters.wecom.files", "dingtalk": "adapters.dingtalk.files"}


def file_store(app: App) -> FileStore:
    return app.shared("file_store", lambda: build_store(app.settings))


def downloader(app: App, platform: str) -> Downloader:
    """The platform's downloader (one given to the App under "downloader:<platform>" wins, e.g. in a benchmark)."""
    given = app.extras.get(f"downloader:{platform}")
    if given is not None:
        return given  # type: ignore[return-value]
    module = DOWNLOADERS.get(platform)
    if module is None:
        raise DownloadError(f"no file download on {platform}")
    return app.shared(f"downloader:{platform}", lambda: importlib.import_module(module).build_downloader(app))
