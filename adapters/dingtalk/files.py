"""DingTalk file download for robot messages: POST /v1.0/robot/messageFiles/download {downloadCode, robotCode}
with the app's access token answers a short-lived downloadUrl; the bytes come from that URL (no token sent)."""

from __future__ import annotations

from typing import Any

import requests

from adapters.common.http import http_session, post_json
from adapters.dingtalk.sender import OpenApiToken
from bot.config import Settings
from bot.delivery import DeliveryError
from bot.files.download import CHUNK, DownloadError, declared_too_large, read_limited
from bot.messages import Attachment

PATH = "/v1.0/robot/messageFiles/download"


class DingTalkDownloader:
    platform = "dingtalk"

    def __init__(self, settings: Settings, session: requests.Session | None = None) -> None:
        self.session = session or http_session(timeout=30.0)
        self.base_url = settings.dingtalk_api_base_url.rstrip("/")
        self.robot_code = settings.dingtalk_client_id or ""
        secret = settings.dingtalk_client_secret
        self.token = (OpenApiToken(self.session, self.base_url, self.robot_code, secret.get_secret_value())
                      if self.robot_code and secret else None)

    def fetch(self, attachment: Attachment, limit: int) -> bytes:
        declared_too_large(attachment, limit)
        if self.token is None:
            raise DownloadError("dingtalk is not configured")
        try:
            headers = {"x-acs-dingtalk-access-token": self.token.get()}
            answer = post_json(self.session, self.base_url + PATH,
                               {"downloadCode": attachment.ref, "robotCode": self.robot_code},
                               "dingtalk messageFiles/download", headers=headers)
        except DeliveryError as exc:
            raise DownloadError(str(exc)) from None
        url = str(answer.get("downloadUrl") or "")
        if not url.startswith(("https://", "http://")):
            raise DownloadError("dingtalk gave no downloadUrl")
        try:
            with self.session.get(url, stream=True, allow_redirects=False) as response:
                if response.status_code != 200:
                    raise DownloadError(f"dingtalk file answered {response.status_code}")
                return read_limited(response.iter_content(CHUNK), limit)
        except requests.RequestException as exc:
            raise DownloadError(type(exc).__name__) from None


def build_downloader(app: Any) -> DingTalkDownloader:
    return DingTalkDownloader(app.settings)
