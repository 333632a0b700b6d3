"""WeCom file download: GET media/get?access_token&media_id (the MediaId of an image / file / voice message, valid
three days). An error comes back as JSON with errcode; 40014/42001 (token revoked or expired) fetch a new token
once."""

from __future__ import annotations

from typing import Any

import requests

from adapters.common.http import http_session
from adapters.wecom.client import WeComClient
from bot.files.download import CHUNK, DownloadError, declared_too_large, read_limited
from bot.messages import Attachment

TOKEN_ERRORS = {40014, 42001}


class WeComDownloader:
    platform = "wecom"

    def __init__(self, client: WeComClient, session: requests.Session | None = None) -> None:
        self.client = client
        self.session = session or http_session(timeout=30.0)

    def fetch(self, attachment: Attachment, limit: int) -> bytes:
        declared_too_large(attachment, limit)
        for attempt in range(2):
            data, errcode = self._get(attachment.ref, limit)
            if errcode is None:
                return data
            if errcode in TOKEN_ERRORS and attempt == 0:
                self.client.session.delete(self.client.access_token_key)
                continue
            raise DownloadError(f"wecom media/get errcode {errcode}")
        raise DownloadError("wecom media/get")

    def _get(self, media_id: str, limit: int) -> tuple[bytes, int | None]:
        try:
            token = self.client.access_token
            with self.session.get(self.client.API_BASE_URL + "media/get", stream=True,
                                  params={"access_token": token, "media_id": media_id}) as response:
                if response.status_code != 200:
                    raise DownloadError(f"wecom media/get answered {response.status_code}")
                data = read_limited(response.iter_content(CHUNK), limit)
                if response.headers.get("content-type", "").startswith(("application/json", "text/plain")):
                    import json

                    try:
                        answer = json.loads(data)
                    except ValueError:
                        return data, None
                    return b"", int(answer.get("errcode") or -1)
                return data, None
        except requests.RequestException as exc:
            raise DownloadError(type(exc).__name__) from None


def build_downloader(app: Any) -> WeComDownloader:
    from adapters.wecom.client import build_client

    client = build_client(app.settings)
    if client is None:
        raise DownloadError("wecom: ZHANGFANG_WECOM_CORP_ID / ZHANGFANG_WECOM_SECRET not set")
    return WeComDownloader(client)
