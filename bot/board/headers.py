"""Security headers of every board response: a CSP with no inline script, framing only by the chat platforms'
in-app browsers, no sniffing, no referrer (a sign-in token must never leak through one), no caching."""

from __future__ import annotations

from starlette.responses import Response

from bot.bootstrap import App

FRAME_ANCESTORS = "'self' https://*.qq.com https://*.weixin.qq.com https://*.dingtalk.com https://*.slack.com"


def secured(response: Response, app: App) -> Response:
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
        f"base-uri 'none'; form-action 'self'; frame-ancestors {FRAME_ANCESTORS}")
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    return response
