"""A local fake of the WeCom and DingTalk group-robot webhooks, for outbox delivery tests over real HTTP.

It answers like the platforms — POST /cgi-bin/webhook/send?key=… (WeCom) and POST /robot/send?access_token=…
(DingTalk) → {"errcode": 0, "errmsg": "ok"} — and counts every message it accepted. A test can take it down:
`mode = "error"` answers 500, `mode = "hang"` holds each request past the client's timeout (released by
stop()), `mode = "up"` serves again.

    with RobotWebhook() as robot:
        url = robot.wecom_url("k1")
        robot.mode = "error"
        ...
        robot.mode = "up"
        assert robot.contents() == ["…"]
"""

from __future__ import annotations

import threading
import time
from typing import Any, Literal
from urllib.parse import parse_qs, urlsplit

from tests.fakes.scripted_server import Recorded, Scripted, ScriptedServer

OK = {"errcode": 0, "errmsg": "ok"}


class RobotWebhook(ScriptedServer):
    def __init__(self, hang_seconds: float = 5.0) -> None:
        super().__init__()
        self.mode: Literal["up", "error", "hang"] = "up"
        self.hang_seconds = hang_seconds
        self.delivered: list[tuple[str, dict[str, Any]]] = []  # (webhook key or token, message body)
        self.refused = 0  # requests answered with an error or left hanging
        self._changed = threading.Condition()

    def wecom_url(self, key: str = "robot-key") -> str:
        return f"{self.base_url}/cgi-bin/webhook/send?key={key}"

    def dingtalk_url(self, token: str = "robot-token") -> str:
        return f"{self.base_url}/robot/send?access_token={token}"

    def next_answer(self, request: Recorded) -> Scripted:
        super().next_answer(request)  # records it
        if self.mode == "error":
            return self._refuse(Scripted(status=500, body="internal error"))
        if self.mode == "hang":
            return self._refuse(Scripted(status=504, body="too late", delay=self.hang_seconds))
        query = parse_qs(urlsplit(request.path).query)
        who = (query.get("key") or query.get("access_token") or [""])[0]
        with self._changed:
            self.delivered.append((who, request.json))
            self._changed.notify_all()
        return Scripted(body=OK)

    def _refuse(self, answer: Scripted) -> Scripted:
        with self._changed:
            self.refused += 1
            self._changed.notify_all()
        return answer

    def contents(self, who: str | None = None) -> list[str]:
        """The text of every accepted message (markdown or text content), in arrival order."""
        with self._changed:
            found = [body for key, body in self.delivered if who is None or key == who]
        return [_content(body) for body in found]

    def wait_for(self, count: int, timeout: float = 30.0) -> list[str]:
        """Block until at least `count` messages were accepted; raise if they never come."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self.delivered) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"expected {count} deliveries, saw {len(self.delivered)}")
                self._changed.wait(left)
        return self.contents()


def _content(body: Any) -> str:
    if not isinstance(body, dict):
        return ""
    kind = body.get("msgtype", "")
    part = body.get(kind) or {}
    return str(part.get("content") or part.get("text") or "")
