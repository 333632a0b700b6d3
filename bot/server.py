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
from functools import partial
from types import ModuleType
from typing import Any

from sqlalchemy import text
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from bot.api_export import wanted_format, with_workbook, workbook_response
from bot.board.routes import routes as board_routes
from bot.board.warm import warmer
from bot.bootstrap import App
from bot.conversation import resolve_viewer
from bot.failures import failure_kind, retry_after
from bot.http_body import BodyTooLarge, read_capped
from bot.inbox import replay
from bot.messages import IncomingMessage
from bot.metrics import CONTENT_TYPE, answer, count_answer_error, count_error, count_request, exposition
from bot.readiness import DB_STATES, database_state, is_ready, warm_up
from bot.scheduler import start_scheduler
from bot.texts import t

log = logging.getLogger(__name__)

PLATFORM_PACKAGES = {"slack": "adapters.slack", "wecom": "adapters.wecom", "dingtalk": "adapters.dingtalk"}
MAX_QUESTION_BYTES = 16_000
WARM_RETRY_SECONDS = 2.0
SHUTDOWN_GRACE_SECONDS = 15.0


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
    routes: list[BaseRoute] = [
        Route("/healthz", _endpoint(app, healthz), methods=["GET"]),
        Route("/readyz", _endpoint(app, readyz), methods=["GET"]),
        Route("/metrics", _endpoint(app, metrics), methods=["GET"]),
    ]
    if app.settings.api_token:
        routes.append(Route("/api/ask", _endpoint(app, api_ask), methods=["POST"]))
    for module in modules.values():
        routes.extend(module.routes(app))
    from bot.files.serve import file_routes

    routes.extend(file_routes(app))  # signed links to clients' files, when ZHANGFANG_FILES_LINK_SECRET is set
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
    """Liveness and the database: 200 when the database can be read and written; 503 naming the problem
    ("locked", "read_only", "unreachable") otherwise. `ready` says whether the warm-up is done (/readyz)."""
    state = await run_in_threadpool(database_state, app)
    if state != "ok":
        log.warning("health check: database %s", state)
        return JSONResponse({"status": "error", "database": state}, status_code=503)
    return JSONResponse({"status": "ok", "database": "ok", "ready": is_ready(app),
                         "platforms": request.app.state.platforms})


async def readyz(app: App, request: Request) -> Response:
    """Readiness: 503 (Retry-After: 1) until the warm-up is done, then 200 while the database answers."""
    if not is_ready(app):
        return JSONResponse({"status": "warming"}, status_code=503, headers={"Retry-After": "1"})
    try:
        await run_in_threadpool(_ping, app)
    except Exception as exc:
        state = DB_STATES.get(failure_kind(exc), "unreachable")
        return JSONResponse({"status": "error", "database": state}, status_code=503, headers={"Retry-After": "5"})
    return JSONResponse({"status": "ready"})


def _ping(app: App) -> None:
    with app.engine.connect() as conn:
        conn.execute(text("SELECT 1"))


async def metrics(app: App, request: Request) -> Response:
    return Response(exposition(app), media_type=CONTENT_TYPE)


async def api_ask(app: App, request: Request) -> Response:
    """{"question", "as"} → the `ask --json` object; with "format": "xlsx" (or Accept: the .xlsx type) the list's
    workbook instead (bot/api_export.py: 406 when the answer has no rows). Bearer ZHANGFANG_API_TOKEN; no detail
    on a bad token.
    401 before the body is read; 413 over MAX_QUESTION_BYTES (read while streaming); 400 for a body that is not
    the expected JSON or holds text that is not valid Unicode; 403 for an unknown asker; 503 with Retry-After
    when the database is locked, read-only or unreachable; 500 (a JSON error, no detail) for anything else."""
    if not _authorized(app, request.headers.get("authorization", "")):
        count_request(app, "api", "rejected")
        return Response(status_code=401, headers={"WWW-Authenticate": "Bearer"})
    try:
        body = await read_capped(request, MAX_QUESTION_BYTES)
    except BodyTooLarge:
        count_request(app, "api", "rejected")
        return JSONResponse({"error": t("en", "reliability.api_errors.too_large", limit=MAX_QUESTION_BYTES)},
                            status_code=413, headers={"Connection": "close"})
    question, asker, wanted, problem = _parse_ask(body, request.headers.get("accept", ""))
    if question is None or asker is None:
        count_request(app, "api", "rejected")
        return JSONResponse({"error": problem}, status_code=400)
    count_request(app, "api", "accepted")
    try:
        known = await run_in_threadpool(_known_asker, app, asker)
        if not known:
            error = f"no staff member or chat identity {asker!r} — 找不到员工或聊天身份“{asker}”"
            return JSONResponse({"error": error}, status_code=403)
        incoming = IncomingMessage(platform="api", chat_id="", sender_id=asker, text=question, is_direct=True)
        reply = await run_in_threadpool(partial(answer, app, incoming, strict=True))
        if wanted == "xlsx":  # the workbook (bot/api_export.py)
            exported = await run_in_threadpool(with_workbook, app, incoming, reply)
            return workbook_response(reply, exported)
    except Exception as exc:
        return _failure(app, exc)
    return JSONResponse(reply.data)


def _failure(app: App, error: Exception) -> Response:
    """A failed answer as the API says it: 503 + Retry-After for the database, 500 otherwise; counted by kind."""
    kind = failure_kind(error)
    count_answer_error(app, kind)
    wait = retry_after(kind)
    if wait is not None:
        log.warning("api: could not answer: %s (%s)", kind, type(error).__name__)
        text = t("en", "reliability.api_errors.unavailable", kind=kind, seconds=wait)
        return JSONResponse({"error": text, "kind": kind}, status_code=503, headers={"Retry-After": str(wait)})
    log.error("api: failed to answer", exc_info=error)
    return JSONResponse({"error": t("en", "reliability.api_errors.internal"), "kind": kind}, status_code=500)


def _authorized(app: App, header: str) -> bool:
    token = app.settings.api_token
    scheme, _, given = header.partition(" ")
    if token is None or scheme.lower() != "bearer" or not given:
        return False
    return hmac.compare_digest(given.strip().encode(), token.get_secret_value().encode())


BAD_ASK = ('expected JSON {"question": "…", "as": "…"} (optional "format": "json" | "xlsx")'
           ' — 请求格式应为 {"question", "as"}（可选 "format": "json" 或 "xlsx"）')


def _parse_ask(body: bytes, accept: str = "") -> tuple[str | None, str | None, str, str]:
    """(question, asker, "json" | "xlsx", "") or (None, None, "", what is wrong)."""
    try:
        data = json.loads(body or b"null")
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: deeply nested (found by fuzzing)
        return None, None, "", BAD_ASK
    if not isinstance(data, dict):
        return None, None, "", BAD_ASK
    question, asker, wanted = data.get("question"), data.get("as"), wanted_format(data, accept)
    if not isinstance(question, str) or not isinstance(asker, str) or not asker.strip() or wanted is None:
        return None, None, "", BAD_ASK
    try:  # JSON may spell a lone surrogate ("\ud800"), which no database or reply can hold
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return None, None, "", t("en", "reliability.api_errors.bad_text")
    return question, asker.strip(), wanted, ""


def _known_asker(app: App, asker: str) -> bool:
    with app.session() as session:
        return resolve_viewer(session, "api", asker) is not None


def _lifespan(app: App, modules: dict[str, ModuleType]) -> Callable[[Starlette], Any]:
    @asynccontextmanager
    async def lifespan(server: Starlette) -> AsyncIterator[None]:
        warm = await _warmed(app, modules)
        tasks = [] if warm else [asyncio.get_running_loop().create_task(_keep_warming(app, modules))]
        tasks += start_background(app, modules)
        if app.settings.board_warm_seconds > 0:  # the boards people look at, ready after the book changes
            tasks.append(asyncio.get_running_loop().create_task(warmer(app).run(app.settings.board_warm_seconds)))
        scheduler = await run_in_threadpool(start_scheduler, app)  # reminders & outbox delivery (bot/scheduler.py)
        try:
            yield
        finally:
            if scheduler is not None:  # reminders & outbox delivery (bot/scheduler.py)
                await run_in_threadpool(scheduler.shutdown)
            for task in tasks:
                task.cancel()
            if tasks:  # let them finish what they started (DingTalk Stream sends the answers in flight)
                await asyncio.wait(tasks, timeout=SHUTDOWN_GRACE_SECONDS)
            await run_in_threadpool(stop_platforms, app, modules)

    return lifespan


async def _warmed(app: App, modules: dict[str, ModuleType] | None = None) -> bool:
    """Warm up before uvicorn listens (the first question then finds the index built), then answer the messages a
    crashed run accepted but never answered (bot/inbox.py). A database that cannot be read yet does not stop the
    start: /healthz says why, /readyz stays 503 and `_keep_warming` tries again."""
    try:
        await run_in_threadpool(warm_up, app)
    except Exception as exc:
        log.warning("warm-up failed (%s: %s); not ready yet, trying again", failure_kind(exc), type(exc).__name__)
        return False
    try:
        await run_in_threadpool(replay, app, modules or {})
    except Exception as exc:  # a database that cannot be written: the messages wait for the next start
        log.warning("replaying unanswered messages failed (%s)", failure_kind(exc))
    return True


async def _keep_warming(app: App, modules: dict[str, ModuleType] | None = None,
                        every: float = WARM_RETRY_SECONDS) -> None:
    while not await _warmed(app, modules):
        await asyncio.sleep(every)


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
