"""wechatpy's enterprise WeChatClient, pointed at ZHANGFANG_WECOM_API_BASE_URL for every call.

The SDK hard-codes https://qyapi.weixin.qq.com/cgi-bin/gettoken in `fetch_access_token`, so the subclass
fetches the token from the configured base too (a local fake in tests, a proxy in some firms). The access
token is cached by the SDK's MemoryStorage until shortly before `expires_in` runs out; a 40014/42001
answer (token revoked or expired early) makes the SDK fetch a new one and retry once.
"""

from __future__ import annotations

from wechatpy.enterprise import WeChatClient

from adapters.common.http import http_session
from bot.config import Settings

DEFAULT_TIMEOUT = 10.0


class WeComClient(WeChatClient):
    def __init__(self, corp_id: str, secret: str, *, api_base_url: str, timeout: float = DEFAULT_TIMEOUT) -> None:
        super().__init__(corp_id, secret, timeout=timeout)
        self.API_BASE_URL = api_base_url.rstrip("/") + "/"
        self._http = http_session(timeout=timeout)

    def fetch_access_token(self) -> dict:
        return self._fetch_access_token(
            url=self.API_BASE_URL + "gettoken",
            params={"corpid": self.corp_id, "corpsecret": self.secret},
        )

    def __repr__(self) -> str:  # the secret stays out of reprs and tracebacks
        return f"WeComClient(corp_id={self.corp_id!r}, api_base_url={self.API_BASE_URL!r})"


def build_client(settings: Settings) -> WeComClient | None:
    """The app-message client, or None when the corp id or the app secret is not configured."""
    if not (settings.wecom_corp_id and settings.wecom_secret):
        return None
    return WeComClient(settings.wecom_corp_id, settings.wecom_secret.get_secret_value(),
                       api_base_url=settings.wecom_api_base_url)
