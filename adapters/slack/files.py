"""Slack file download: `url_private_download` fetched with the bot token — only from Slack's file host
(files.slack.com) or the configured API base's host, never following a redirect elsewhere (the token would go
with it)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import requests

from adapters.common.http import http_session
from bot.config import Settings
from bot.files.download import CHUNK, DownloadError, declared_too_large, read_limited
from bot.messages import Attachment

FILE_HOSTS = {"files.slack.com"}


class SlackDownloader:
    platform = "slack"

    def __init__(self, settings: Settings, session: requests.Session | None = None) -> None:
        token = settings.slack_bot_token
        self._token = token.get_secret_value() if token else ""
        api = urlsplit(settings.slack_api_base_url)
        self.hosts = FILE_HOSTS | {api.netloc}
        self.session = session or http_session(timeout=30.0)

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in ("https", "http") and parts.netloc in self.hosts and (
            parts.scheme == "https" or parts.netloc not in FILE_HOSTS)

    def fetch(self, attachment: Attachment, limit: int) -> bytes:
        declared_too_large(attachment, limit)
        url = attachment.url or ""
        if not self._token or not self.allowed(url):
            raise DownloadError("not a Slack file URL")
        try:
            with self.session.get(url, headers={"Authorization": f"Bearer {self._token}"}, stream=True,
                                  allow_redirects=False) as response:
                if response.status_code != 200:
                    raise DownloadError(f"slack file answered {response.status_code}")
                if "text/html" in response.headers.get("content-type", ""):
                    raise DownloadError("slack answered a login page (missing files:read scope?)")
                return read_limited(response.iter_content(CHUNK), limit)
        except requests.RequestException as exc:
            raise DownloadError(type(exc).__name__) from None


def build_downloader(app: Any) -> SlackDownloader:
    return SlackDownloader(app.settings)
