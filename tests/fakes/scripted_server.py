"""A small threaded HTTP server for tests that talk to real clients over real sockets.

Each test scripts the answers (`Scripted`: status, body, headers, delay) and reads back what the client
sent (`Recorded`). Platform fakes (the OpenAI-compatible endpoint, Slack, WeCom, DingTalk) subclass
`ScriptedServer` and add helpers that build their platform's bodies.

    with ScriptedServer() as server:
        server.enqueue(Scripted(status=200, body={"ok": True}))
        ...  # point the client at server.base_url
        assert server.requests[0].json == {...}

Scripted answers are used in order; once the queue is empty every request gets `server.default`.
A delayed answer waits on an event that `stop()` sets, so tests never hang on a slow answer.
"""

from __future__ import annotations

import json
import threading
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Scripted:
    """One answer. `body` may be bytes (sent as is), str (UTF-8) or anything JSON-serialisable."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (released early by stop())

    def payload(self) -> tuple[bytes, str]:
        if isinstance(self.body, bytes):
            return self.body, "application/octet-stream"
        if isinstance(self.body, str):
            return self.body.encode("utf-8"), "text/plain; charset=utf-8"
        if self.body is None:
            return b"", "text/plain"
        return json.dumps(self.body, ensure_ascii=False).encode("utf-8"), "application/json"


@dataclass(frozen=True)
class Recorded:
    method: str
    path: str
    headers: dict[str, str]  # names lower-cased
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    @property
    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


class ScriptedServer:
    """Serves scripted answers on 127.0.0.1:<free port> from a background thread."""

    def __init__(self, default: Scripted | None = None) -> None:
        self.default = default or Scripted(status=500, body={"error": {"message": "no scripted response"}})
        self._queue: deque[Scripted] = deque()
        self._requests: list[Recorded] = []
        self._lock = threading.Lock()
        self._release = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- scripting -------------------------------------------------------------------------------
    def enqueue(self, *answers: Scripted) -> None:
        with self._lock:
            self._queue.extend(answers)

    @property
    def requests(self) -> list[Recorded]:
        with self._lock:
            return list(self._requests)

    def next_answer(self, request: Recorded) -> Scripted:
        """Record the request and pick its answer; subclasses may route by path first."""
        with self._lock:
            self._requests.append(request)
            return self._queue.popleft() if self._queue else self.default

    # -- lifecycle -------------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        assert self._httpd is not None, "server not started"
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> ScriptedServer:
        handler = _handler_for(self)
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="scripted-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._release.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def wait(self, seconds: float) -> None:
        """Sleep for a scripted delay, returning at once when the server stops."""
        if seconds > 0:
            self._release.wait(seconds)

    def __enter__(self) -> ScriptedServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _handler_for(server: ScriptedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # headers and body go out as two writes: without TCP_NODELAY the body waits for the client's delayed ACK
        # (~40 ms a request on a kept-alive connection, which every platform client uses)
        disable_nagle_algorithm = True

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            headers = {name.lower(): value for name, value in self.headers.items()}
            answer = server.next_answer(Recorded(self.command, self.path, headers, body))
            server.wait(answer.delay)
            payload, content_type = answer.payload()
            try:
                self.send_response(answer.status)
                self.send_header("Content-Type", answer.headers.get("Content-Type", content_type))
                for name, value in answer.headers.items():
                    if name.lower() != "content-type":
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (e.g. its timeout fired): nothing to answer

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _serve

        def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
            return

    return Handler
