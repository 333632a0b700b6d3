"""/board on `zhangfang serve`: the five boards, drill-downs, a client's profile, exports, and sign-in.

Every page is answered in a worker thread for the signed-in staff member's Viewer; nothing but an opaque token,
a panel key and a row position ever appears in an address. Security headers on every response (headers.py).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from bot.board import pages, signin
from bot.board.headers import secured
from bot.bootstrap import App

log = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"
sign_ins_by_ip = signin.RateLimiter(limit=20, seconds=60)
sign_ins_by_token = signin.RateLimiter(limit=3, seconds=600)


def routes(app: App) -> list[BaseRoute]:
    def page(view: Any) -> Any:
        async def endpoint(request: Request) -> Response:
            try:
                return secured(await view(app, request), app)
            except Exception:
                log.exception("board page failed")
                return secured(HTMLResponse(pages.message(app, "error"), status_code=500), app)
        return endpoint

    return [
        Route("/board", page(board), methods=["GET"]),
        Route("/board/b/{name}", page(board), methods=["GET"]),
        Route("/board/signin/{token}", page(sign_in), methods=["GET"]),
        Route("/board/signout", page(sign_out), methods=["POST", "GET"]),
        Route("/board/wecom", page(wecom_start), methods=["GET"]),
        Route("/board/wecom/callback", page(wecom_callback), methods=["GET"]),
        Route("/board/drill/{panel}/{row:int}", page(drill), methods=["GET"]),
        Route("/board/client/{client:int}", page(client), methods=["GET"]),
        Route("/board/export/{panel}.xlsx", page(export), methods=["GET"]),
        Route("/board/font/sans.otf", font, methods=["GET"]),
        Mount("/board/static", app=StaticFiles(directory=STATIC, check_dir=False), name="board-static"),
    ]


async def font(request: Request) -> Response:
    """The bundled Noto Sans SC (bot/chart_font.py), the last font of the board's stack: a browser without a
    Chinese font (a bare server's Chromium) fetches it instead of drawing empty boxes; phones never need it."""
    from bot.chart_font import bundled_font

    path = bundled_font()
    if path is None:
        return Response(status_code=404)
    return FileResponse(path, media_type="font/otf", headers={"Cache-Control": "public, max-age=604800",
                                                              "X-Content-Type-Options": "nosniff"})


def _staff(app: App, request: Request) -> int | None:
    return signin.cookie_staff(app, request.cookies.get(signin.COOKIE))


def _signed_out(app: App) -> Response:
    return HTMLResponse(pages.message(app, "signed_out"), status_code=401)


async def board(app: App, request: Request) -> Response:
    staff = _staff(app, request)
    if staff is None:
        return _signed_out(app)
    name = request.path_params.get("name", "business")
    html = await run_in_threadpool(pages.board_page, app, staff, name)
    return HTMLResponse(html) if html is not None else HTMLResponse(pages.message(app, "not_found"), 404)


async def sign_in(app: App, request: Request) -> Response:
    token = request.path_params["token"]
    ip = request.client.host if request.client else "?"
    if not sign_ins_by_ip.allow(ip) or not sign_ins_by_token.allow(token[:100]):
        return HTMLResponse(pages.message(app, "too_many"), status_code=429, headers={"Retry-After": "60"})
    staff = await run_in_threadpool(signin.consume_link, app, token)
    if staff is None or not await run_in_threadpool(pages.is_staff, app, staff):
        return HTMLResponse(pages.message(app, "link_invalid"), status_code=410)
    return start_session(app, staff)


def start_session(app: App, staff: int) -> Response:
    response = RedirectResponse("/board", status_code=303)
    response.set_cookie(signin.COOKIE, signin.session_cookie(app, staff), max_age=signin.SESSION_HOURS * 3600,
                        httponly=True, samesite="lax", secure=app.settings.board_url.startswith("https://"),
                        path="/board")
    return response


async def sign_out(app: App, request: Request) -> Response:
    response = HTMLResponse(pages.message(app, "signed_out_done"))
    response.delete_cookie(signin.COOKIE, path="/board")
    return response


async def wecom_start(app: App, request: Request) -> Response:
    from bot.board import wecom_oauth

    ip = request.client.host if request.client else "?"
    if not sign_ins_by_ip.allow(ip):
        return HTMLResponse(pages.message(app, "too_many"), status_code=429, headers={"Retry-After": "60"})
    target = wecom_oauth.authorize_url(app)
    if target is None:
        return HTMLResponse(pages.message(app, "not_found"), status_code=404)
    url, state = target
    response = RedirectResponse(url, status_code=302)
    response.set_cookie(wecom_oauth.STATE_COOKIE, state, max_age=600, httponly=True, samesite="lax",
                        path="/board")
    return response


async def wecom_callback(app: App, request: Request) -> Response:
    from bot.board import wecom_oauth

    ip = request.client.host if request.client else "?"
    if not sign_ins_by_ip.allow(ip):
        return HTMLResponse(pages.message(app, "too_many"), status_code=429, headers={"Retry-After": "60"})
    code, state = request.query_params.get("code", ""), request.query_params.get("state", "")
    expected = request.cookies.get(wecom_oauth.STATE_COOKIE, "")
    staff = await run_in_threadpool(wecom_oauth.staff_for_code, app, code, state, expected)
    if staff is None:
        return HTMLResponse(pages.message(app, "oauth_refused"), status_code=403)
    response = start_session(app, staff)
    response.delete_cookie(wecom_oauth.STATE_COOKIE, path="/board")
    return response


async def drill(app: App, request: Request) -> Response:
    staff = _staff(app, request)
    if staff is None:
        return _signed_out(app)
    html = await run_in_threadpool(pages.drill_page, app, staff, request.path_params["panel"],
                                   request.path_params["row"])
    return HTMLResponse(html) if html is not None else HTMLResponse(pages.message(app, "not_found"), 404)


async def client(app: App, request: Request) -> Response:
    staff = _staff(app, request)
    if staff is None:
        return _signed_out(app)
    html = await run_in_threadpool(pages.client_page, app, staff, request.path_params["client"])
    return HTMLResponse(html) if html is not None else HTMLResponse(pages.message(app, "not_found"), 404)


async def export(app: App, request: Request) -> Response:
    staff = _staff(app, request)
    if staff is None:
        return _signed_out(app)
    found = await run_in_threadpool(pages.export_file, app, staff, request.path_params["panel"])
    if found is None:
        return HTMLResponse(pages.message(app, "not_found"), 404)
    filename, content = found
    disposition = f"attachment; filename=\"board.xlsx\"; filename*=UTF-8''{quote(filename)}"
    return Response(content, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": disposition})
