"""Sign-in with WeCom for the board opened from the workbench (企业微信 网页授权, OAuth2 snsapi_base):
/board/wecom redirects to open.weixin.qq.com's authorize page with a random `state` (kept in a short cookie);
WeCom sends the browser back to /board/wecom/callback with a one-time `code`; auth/getuserinfo turns the code
into the member's userid, which resolves to a staff member exactly as a chat message from them does.
A client contact (external user), an unknown user or a state that does not match gets no session."""

from __future__ import annotations

import hmac
import logging
import secrets
from urllib.parse import urlencode

from bot.bootstrap import App
from bot.conversation import resolve_viewer

log = logging.getLogger(__name__)
STATE_COOKIE = "zf_board_state"


def authorize_url(app: App) -> tuple[str, str] | None:
    """(WeCom's authorize URL, the state) — None when WeCom is not configured."""
    settings = app.settings
    if not (settings.wecom_corp_id and settings.wecom_secret):
        return None
    state = secrets.token_urlsafe(16)
    params = {"appid": settings.wecom_corp_id, "redirect_uri": f"{settings.board_url}/board/wecom/callback",
              "response_type": "code", "scope": "snsapi_base", "state": state}
    if settings.wecom_agent_id is not None:
        params["agentid"] = str(settings.wecom_agent_id)
    return f"{settings.wecom_oauth_base_url}?{urlencode(params)}#wechat_redirect", state


def staff_for_code(app: App, code: str, state: str, expected_state: str) -> int | None:
    """The staff id behind a WeCom OAuth code, or None (bad state, refused code, not a staff member)."""
    if not code or len(code) > 512 or not state or not hmac.compare_digest(state, expected_state):
        return None
    from wechatpy.exceptions import WeChatClientException

    from adapters.wecom.client import build_client

    client = build_client(app.settings)
    if client is None:
        return None
    try:
        found = client.get("auth/getuserinfo", params={"code": code})
    except WeChatClientException as exc:
        log.info("WeCom refused a board sign-in code: %s", exc.errcode)
        return None
    user = found.get("userid") or found.get("UserId")
    if not user:  # an external contact or a non-member: no board
        return None
    with app.session() as session:
        viewer = resolve_viewer(session, "wecom", str(user))
    if viewer is None or viewer.is_contact or viewer.staff_id is None:
        return None
    return viewer.staff_id
