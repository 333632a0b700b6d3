"""A local fake of the Slack Web API, for driving the real slack_sdk / slack_bolt clients over HTTP.

Speaks the methods Zhangfang uses — auth.test, chat.postMessage, chat.postEphemeral, the three steps of
files_upload_v2 (files.getUploadURLExternal, the upload itself, files.completeUploadExternal), views.* —
plus `response_url` webhooks (POST /hooks/<anything>). Every call is recorded; tests read them back with
`calls(method)` or wait for them with `wait_for(method, count)`.

    with FakeSlackApi(token="xoxb-test") as slack:
        slack.fail("chat.postMessage", rate_limited(retry_after=1))   # the next call gets a 429
        ...  # point WebClient(base_url=slack.api_url) at it
        [post] = slack.wait_for("chat.postMessage")
        assert post.params["channel"] == "C1"

A method answers `invalid_auth` unless the request carries `Authorization: Bearer <token>` (the app-level
token for apps.connections.open). Socket Mode: `apps.connections.open` hands out a ws:// URL of a local
websocket server that says hello, delivers what `push()` sends as envelopes, and records the acks.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections import defaultdict, deque
from dataclasses import dataclass
from itertools import count
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import Server, ServerConnection, serve

from tests.fakes.scripted_server import Recorded, Scripted, ScriptedServer

BOT_USER_ID = "UZHANGFANG"
BOT_ID = "BZHANGFANG"
TEAM_ID = "T0FIRM"
HOOKS = "/hooks/"
UPLOADS = "/upload/"
PRIVATE_FILES = "/files-pri/"


@dataclass(frozen=True)
class SlackCall:
    """One request as the fake understood it: `method` is the API method (or "hook"/"upload")."""

    method: str
    params: dict[str, Any]
    request: Recorded

    @property
    def blocks(self) -> list[dict[str, Any]]:
        blocks = self.params.get("blocks") or []
        return json.loads(blocks) if isinstance(blocks, str) else list(blocks)

    def block_text(self) -> str:
        """Every text shown in the blocks (of a message, or of a view), joined: what a person would read."""
        view = self.params.get("view")
        view = json.loads(view) if isinstance(view, str) else view
        return "\n".join(texts(view["blocks"] if isinstance(view, dict) else self.blocks))


def rate_limited(retry_after: int = 1) -> Scripted:
    return Scripted(status=429, body={"ok": False, "error": "ratelimited"}, headers={"Retry-After": str(retry_after)})


def server_error() -> Scripted:
    return Scripted(status=500, body="internal error")


class FakeSlackApi(ScriptedServer):
    def __init__(self, token: str = "xoxb-test-token", app_token: str = "xapp-test-token") -> None:
        super().__init__()
        self.token = token
        self.app_token = app_token
        self.acks: list[dict[str, Any]] = []
        self._sockets: list[ServerConnection] = []
        self._ws: Server | None = None
        self._failures: dict[str, deque[Scripted]] = defaultdict(deque)
        self._gates: dict[str, threading.Event] = {}
        self._late: dict[str, deque[float]] = defaultdict(deque)
        self._held: dict[str, int] = defaultdict(int)
        self._calls: list[SlackCall] = []
        self._changed = threading.Condition()
        self._ids = count(1)
        self.history: dict[str, list[dict[str, Any]]] = defaultdict(list)  # conversation → messages posted
        self.shared_files: dict[str, bytes] = {}  # url path → the bytes a user shared (url_private_download)

    @property
    def api_url(self) -> str:
        """The Web API base URL (what ZHANGFANG_SLACK_API_BASE_URL is set to)."""
        return self.base_url + "/api/"

    def response_url(self, name: str = "r1") -> str:
        return f"{self.base_url}{HOOKS}{name}"

    # -- scripting and reading back ---------------------------------------------------------------
    def fail(self, method: str, *answers: Scripted) -> None:
        """The next calls of `method` get these answers (then normal service resumes)."""
        with self._lock:
            self._failures[method].extend(answers)

    def answer_late(self, method: str, seconds: float) -> None:
        """The next call of `method` is carried out (a post is posted) but answered only after `seconds`: what a
        client with a shorter timeout sees as a failure."""
        with self._lock:
            self._late[method].append(seconds)

    def hold(self, method: str) -> threading.Event:
        """Calls of `method` wait (at most 30 s) until the returned event is set: a slow Slack, on demand."""
        gate = threading.Event()
        with self._lock:
            self._gates[method] = gate
        return gate

    def calls(self, method: str | None = None) -> list[SlackCall]:
        with self._changed:
            return [c for c in self._calls if method is None or c.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 15.0) -> list[SlackCall]:
        """Block until `count` successful calls of `method` were recorded; raise if they never come."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(found := self._successful(method)) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"expected {count} {method} call(s), saw {len(found)}: {self._calls!r}")
                self._changed.wait(left)
            return found

    def _pass_gate(self, method: str) -> None:
        with self._lock:
            gate = self._gates.get(method)
            self._held[method] += 1 if gate else 0
        if gate is not None:
            with self._changed:
                self._changed.notify_all()
            gate.wait(30)
            with self._lock:
                self._held[method] -= 1

    def wait_until_held(self, method: str, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        with self._changed:
            while not self._held.get(method):
                if not self._changed.wait(max(0.0, deadline - time.monotonic())):
                    raise AssertionError(f"no {method} call arrived")

    def _successful(self, method: str) -> list[SlackCall]:
        return [c for c in self._calls if c.method == method and not c.params.get("_failed")]

    # -- serving ---------------------------------------------------------------------------------
    def next_answer(self, request: Recorded) -> Scripted:
        super().next_answer(request)
        method, params = _parse(request)
        self._pass_gate(method)
        with self._lock:
            failures = self._failures.get(method)
            failure = failures.popleft() if failures else None
            late = self._late[method].popleft() if self._late.get(method) else 0.0
        answer = failure or self._answer(method, params, request)
        if late:
            answer = Scripted(answer.status, answer.body, answer.headers, delay=late)
        if answer.status != 200 or (isinstance(answer.body, dict) and not answer.body.get("ok", True)):
            params = {**params, "_failed": answer.status}
        with self._changed:
            self._calls.append(SlackCall(method, params, request))
            self._changed.notify_all()
        return answer

    def _answer(self, method: str, params: dict[str, Any], request: Recorded) -> Scripted:
        if method == "file":  # url_private_download: the bot token in the Authorization header, else a login page
            if request.headers.get("authorization") != f"Bearer {self.token}":
                return Scripted(body="<html>sign in</html>", headers={"Content-Type": "text/html"})
            content = self.shared_files.get(params["path"])
            return Scripted(status=404, body="") if content is None else Scripted(body=content)
        if method in ("hook", "upload"):
            return Scripted(body="ok" if method == "hook" else f"OK - {len(request.body)}")
        token = self.app_token if method == "apps.connections.open" else self.token
        if request.headers.get("authorization") != f"Bearer {token}":
            return Scripted(body={"ok": False, "error": "invalid_auth"})
        handler = getattr(self, "_m_" + method.replace(".", "_"), None)
        if handler is None and method.startswith("views."):
            handler = self._m_views
        if handler is None:
            return Scripted(status=404, body={"ok": False, "error": "unknown_method"})
        return Scripted(body={"ok": True, **handler(params)})

    def share_file(self, content: bytes, name: str, mimetype: str = "application/pdf",
                   size: int | None = None) -> dict[str, Any]:
        """A file a user shared: the file object a message event carries (fetched with url_private_download)."""
        file_id = f"F{next(self._ids):08d}"
        path = f"{PRIVATE_FILES}{TEAM_ID}-{file_id}/download/{quote(name)}"
        self.shared_files[path] = content
        return {"id": file_id, "name": name, "title": name, "mimetype": mimetype, "filetype": name.rsplit(".", 1)[-1],
                "size": len(content) if size is None else size, "mode": "hosted",
                "url_private": self.base_url + path, "url_private_download": self.base_url + path}

    def _ts(self) -> str:
        return f"{int(time.time())}.{next(self._ids):06d}"  # now, as Slack does (conversations.history oldest=)

    def _m_auth_test(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"url": "https://firm.slack.com/", "team": "Firm", "user": "zhangfang", "team_id": TEAM_ID,
                "user_id": BOT_USER_ID, "bot_id": BOT_ID, "is_enterprise_install": False}

    def _m_chat_postMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        ts = self._ts()
        posted = {"type": "message", "text": params.get("text", ""), "bot_id": BOT_ID, "ts": ts}
        if params.get("thread_ts"):
            posted["thread_ts"] = params["thread_ts"]
        metadata = params.get("metadata")
        if metadata:  # message metadata (event_type + event_payload), sent as JSON or as a form field
            posted["metadata"] = json.loads(metadata) if isinstance(metadata, str) else metadata
        with self._lock:
            self.history[_conversation(str(params.get("channel") or ""))].append(posted)
        return {"channel": params.get("channel"), "ts": ts, "message": posted}

    def _m_conversations_replies(self, params: dict[str, Any]) -> dict[str, Any]:
        """A thread's replies (the bot's, here), oldest first."""
        page = self._m_conversations_history(params)
        return {**page, "messages": [m for m in reversed(page["messages"]) if m.get("thread_ts") == params.get("ts")]}

    def _m_conversations_history(self, params: dict[str, Any]) -> dict[str, Any]:
        """The conversation's messages newest first, from `oldest` on; metadata only with include_all_metadata."""
        oldest = float(params.get("oldest") or 0)
        with_metadata = str(params.get("include_all_metadata", "")).lower() in ("1", "true")
        with self._lock:
            found = [m for m in self.history.get(_conversation(str(params.get("channel") or "")), [])
                     if float(m["ts"]) >= oldest]
        shown = [m if with_metadata else {k: v for k, v in m.items() if k != "metadata"} for m in reversed(found)]
        return {"messages": shown, "has_more": False, "response_metadata": {"next_cursor": ""}}

    def _m_conversations_open(self, params: dict[str, Any]) -> dict[str, Any]:
        users = str(params.get("users") or "")
        return {"channel": {"id": "D" + users.lstrip("U")}}

    def _m_chat_postEphemeral(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"message_ts": self._ts()}

    def _m_files_getUploadURLExternal(self, params: dict[str, Any]) -> dict[str, Any]:
        file_id = f"F{next(self._ids):08d}"
        return {"upload_url": f"{self.base_url}{UPLOADS}{file_id}", "file_id": file_id}

    def _m_files_completeUploadExternal(self, params: dict[str, Any]) -> dict[str, Any]:
        files = params.get("files")
        files = json.loads(files) if isinstance(files, str) else files or []
        return {"files": [{"id": f["id"], "title": f.get("title", "")} for f in files]}

    def _m_apps_connections_open(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"url": f"ws://127.0.0.1:{self._socket_server().socket.getsockname()[1]}/link/?ticket={uuid.uuid4()}"}

    def _m_views(self, params: dict[str, Any]) -> dict[str, Any]:
        view = params.get("view")
        view = json.loads(view) if isinstance(view, str) else view or {}
        return {"view": {"id": f"V{next(self._ids):08d}", **view}}


    # -- Socket Mode ------------------------------------------------------------------------------
    def _socket_server(self) -> Server:
        with self._lock:
            if self._ws is None:
                self._ws = serve(self._on_socket, "127.0.0.1", 0)
                threading.Thread(target=self._ws.serve_forever, name="fake-slack-socket", daemon=True).start()
            return self._ws

    def _on_socket(self, connection: ServerConnection) -> None:
        connection.send(json.dumps({"type": "hello", "num_connections": 1,
                                    "connection_info": {"app_id": "A0ZHANGFANG"}}))
        with self._changed:
            self._sockets.append(connection)
            self._changed.notify_all()
        try:
            for raw in connection:
                with self._changed:
                    self.acks.append(json.loads(raw))
                    self._changed.notify_all()
        except ConnectionClosed:
            pass

    def push(self, payload: dict[str, Any], kind: str = "events_api", timeout: float = 15.0) -> str:
        """Deliver one envelope over the Socket Mode connection (waiting for the app to connect); its id."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not self._sockets:
                if not self._changed.wait(max(0.0, deadline - time.monotonic())):
                    raise AssertionError("the app never opened a Socket Mode connection")
            connection = self._sockets[-1]
        envelope_id = str(uuid.uuid4())
        connection.send(json.dumps({"envelope_id": envelope_id, "type": kind, "payload": payload,
                                    "accepts_response_payload": False, "retry_attempt": 0, "retry_reason": ""},
                                   ensure_ascii=False))
        return envelope_id

    def wait_for_ack(self, envelope_id: str, timeout: float = 15.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        with self._changed:
            while not (found := [a for a in self.acks if a.get("envelope_id") == envelope_id]):
                if not self._changed.wait(max(0.0, deadline - time.monotonic())):
                    raise AssertionError(f"envelope {envelope_id} was never acknowledged")
            return found[0]

    def stop(self) -> None:
        if self._ws is not None:
            self._ws.shutdown()
        super().stop()


def _conversation(channel: str) -> str:
    """A user id posted to is their DM with the bot (the id conversations.open gives)."""
    return "D" + channel.lstrip("U") if channel.startswith("U") else channel


def _parse(request: Recorded) -> tuple[str, dict[str, Any]]:
    """(method, params): the API method from the path, params from the query, form or JSON body."""
    parts = urlsplit(request.path)
    params: dict[str, Any] = dict(parse_qsl(parts.query))
    if parts.path.startswith(HOOKS):
        method = "hook"
    elif parts.path.startswith(PRIVATE_FILES):
        return "file", {"path": parts.path}
    elif parts.path.startswith(UPLOADS):
        return "upload", {"file_id": parts.path.removeprefix(UPLOADS), **params}
    else:
        method = parts.path.removeprefix("/api/")
    content_type = request.headers.get("content-type", "")
    if "json" in content_type and request.body:
        params.update(json.loads(request.body))
    elif "form" in content_type:
        params.update(parse_qsl(request.text))
    return method, params


def texts(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["text"]] if isinstance(node.get("text"), str) else []
        for key, value in node.items():
            if key != "text" or not isinstance(value, str):
                found.extend(texts(value))
        return found
    if isinstance(node, list):
        return [text for item in node for text in texts(item)]
    return []
