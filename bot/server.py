"""The ASGI app behind `zhangfang serve` (Starlette): platform endpoints, /api/ask, /healthz, /metrics, /board.

A platform is mounted only when it has credentials (Settings.platforms()). Each platform package in
`adapters/` exposes `routes(app)`, and optionally `background(app)` (things to run with the server, e.g.
Slack Socket Mode, the DingTalk Stream client) and `shutdown(app)`. Answering always runs in a worker
thread, so the event loop — and every platform's quick acknowledgement — is never blocked.
"""

from __future__ import annotations

import asyncio
import hmac
import importlib
import inspect
import json
import logging
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from types import ModuleType
from typing import Any

from sqlalchemy import text
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from bot.board.routes import routes as board_routes
from bot.bootstrap import App
from bot.conversation import resolve_viewer
from bot.messages import IncomingMessage
from bot.metrics import CONTENT_TYPE, answer, count_error, count_request, exposition
from bot.scheduler import start_scheduler
from bot.workflows.desk import workflow_templates

log = logging.getLogger(__name__)

PLATFORM_PACKAGES = {"slack": "adapters.slack", "wecom": "adapters.wecom", "dingtalk": "adapters.dingtalk"}
MAX_QUESTION_BYTES = 16_000


def platform_modules(app: App, packages: dict[str, str] | None = None) -> dict[str, ModuleType]:
    """The adapter packages of the configured platforms; one that does not exist yet is skipped with a warning."""
    packages = PLATFORM_PACKAGES if packages is None else packages
    found: dict[str, ModuleType] = {}
    for platform, live in app.settings.platforms().items():
        package = packages.get(platform)
        if not live or package is None:
            continue
        try:
            found[platform] = importlib.import_module(package)
        except ModuleNotFoundError as exc:
            if exc.name is None or not package.startswith(exc.name):
                raise
            log.warning("platform %s is configured but %s is not installed; not mounted", platform, package)
            continue
        if not hasattr(found[platform], "routes"):
            log.warning("platform %s: %s has no routes(app); not mounted", platform, package)
            del found[platform]
    return found


def create_app(app: App, packages: dict[str, str] | None = None) -> Starlette:
    """The server for one App (`packages`: platform → adapter package, default PLATFORM_PACKAGES).
    Nothing starts until the ASGI lifespan begins."""
    modules = platform_modules(app, packages)
    workflow_templates(app)  # service workflow templates: a bad file stops the start, naming it (bot/workflows/desk.py)
    routes: list[BaseRoute] = [
        Route("/healthz", _endpoint(app, healthz), methods=["GET"]),
        Route("/metrics", _endpoint(app, metrics), methods=["GET"]),
    ]
    if app.settings.api_token:
        routes.append(Route("/api/ask", _endpoint(app, api_ask), methods=["POST"]))
    for module in modules.values():
        routes.extend(module.routes(app))
    routes.extend(board_routes(app))  # the manager's board (bot/board)
    server = Starlette(routes=routes, lifespan=_lifespan(app, modules))
    server.state.zhangfang = app
    server.state.platforms = sorted(modules)
    return server


def _endpoint(app: App, view: Callable[[App, Request], Any]) -> Callable[[Request], Any]:
    async def endpoint(request: Request) -> Response:
        return await view(app, request)

    return endpoint


async def healthz(app: App, request: Request) -> Response:
    """200 with the mounted platforms when the database answers; 503 otherwise."""
    try:
        await run_in_threadpool(_ping, app)
    except Exception:
        log.exception("health check: database unreachable")
        return JSONResponse({"status": "error"}, status_code=503)
    return JSONResponse({"status": "ok", "platforms": request.app.state.platforms})


def _ping(app: App) -> None:
    with app.engine.connect() as conn:
        conn.execute(text("SELECT 1"))


async def metrics(app: App, request: Request) -> Response:
    return Response(exposition(app), media_type=CONTENT_TYPE)


async def api_ask(app: App, request: Request) -> Response:
    """{"question", "as"} → the `ask --json` object. Bearer ZHANGFANG_API_TOKEN; no detail on a bad token."""
    if not _authorized(app, request.headers.get("authorization", "")):
        count_request(app, "api", "rejected")
        return Response(status_code=401, headers={"WWW-Authenticate": "Bearer"})
    body = await request.body()
    question, asker = _parse_ask(body)
    if question is None or asker is None:
        count_request(app, "api", "rejected")
        return JSONResponse({"error": 'expected JSON {"question": "…", "as": "…"} — 请求格式应为 {"question", "as"}'},
                            status_code=400)
    count_request(app, "api", "accepted")
    known = await run_in_threadpool(_known_asker, app, asker)
    if not known:
        return JSONResponse({"error": f"no staff member or chat identity {asker!r} — 找不到员工或聊天身份“{asker}”"},
                            status_code=403)
    incoming = IncomingMessage(platform="api", chat_id="", sender_id=asker, text=question, is_direct=True)
    reply = await run_in_threadpool(answer, app, incoming)
    return JSONResponse(reply.data)


def _authorized(app: App, header: str) -> bool:
    token = app.settings.api_token
    scheme, _, given = header.partition(" ")
    if token is None or scheme.lower() != "bearer" or not given:
        return False
    return hmac.compare_digest(given.strip().encode(), token.get_secret_value().encode())


def _parse_ask(body: bytes) -> tuple[str | None, str | None]:
    if len(body) > MAX_QUESTION_BYTES:
        return None, None
    try:
        data = json.loads(body or b"null")
    except (ValueError, UnicodeDecodeError):
        return None, None
    if not isinstance(data, dict):
        return None, None
    question, asker = data.get("question"), data.get("as")
    if not isinstance(question, str) or not isinstance(asker, str) or not asker.strip():
        return None, None
    return question, asker.strip()


def _known_asker(app: App, asker: str) -> bool:
    with app.session() as session:
        return resolve_viewer(session, "api", asker) is not None


def _lifespan(app: App, modules: dict[str, ModuleType]) -> Callable[[Starlette], Any]:
    @asynccontextmanager
    async def lifespan(server: Starlette) -> AsyncIterator[None]:
        tasks = start_background(app, modules)
        scheduler = await run_in_threadpool(start_scheduler, app)  # reminders & outbox delivery (bot/scheduler.py)
        try:
            yield
        finally:
            if scheduler is not None:  # reminders & outbox delivery (bot/scheduler.py)
                await run_in_threadpool(scheduler.shutdown)
            for task in tasks:
                task.cancel()
            await run_in_threadpool(stop_platforms, app, modules)

    return lifespan


def start_background(app: App, modules: dict[str, ModuleType]) -> list[asyncio.Task]:
    """Start what each platform runs beside the server: coroutines as tasks, plain callables in threads."""
    tasks: list[asyncio.Task] = []
    for platform, module in modules.items():
        starter = getattr(module, "background", None)
        for job in starter(app) if starter else []:
            if inspect.iscoroutinefunction(job):
                tasks.append(asyncio.get_running_loop().create_task(job(), name=f"{platform}-background"))
            else:
                threading.Thread(target=_guarded, args=(app, platform, job), name=f"{platform}-background",
                                 daemon=True).start()
    return tasks


def _guarded(app: App, platform: str, job: Callable[[], Any]) -> None:
    try:
        job()
    except Exception:
        count_error(app, platform, "background")
        log.exception("%s background job stopped", platform)


def stop_platforms(app: App, modules: dict[str, ModuleType]) -> None:
    for platform, module in modules.items():
        stop = getattr(module, "shutdown", None)
        if stop is None:
            continue
        try:
            stop(app)
        except Exception:
            log.exception("%s did not shut down cleanly", platform)
