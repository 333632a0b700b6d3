"""The hostile-input corpus: for every endpoint, malformed and oversized bodies, chunked floods, bad unicode,
forged and stale signatures, with the status each must get (400 malformed, 401/403 not authenticated, 404/405
wrong route, 413 too large — never a 500); replays must be answered once. The server's resident memory is read
before and after the floods."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass

import requests

from benchmarks.reliability.harness import ADMIN_DINGTALK, API_TOKEN, World
from benchmarks.reliability.load import settle
from benchmarks.reliability.signed import (
    Call,
    answers_at_fakes,
    dingtalk_message,
    slack_event,
    slack_sign,
    wecom_message,
)
from tests.fakes.dingtalk_api import dingtalk_sign

FLOOD_BYTES = 20 * 1024 * 1024
BIG = 2 * 1024 * 1024
AUTH = {"Authorization": f"Bearer {API_TOKEN}", "Content-Type": "application/json"}


@dataclass
class Case:
    name: str
    build: Callable[[World], Call]
    expected: tuple[int, ...]
    flood: bool = False  # sent as a chunked stream of FLOOD_BYTES instead of `body`


def _api(body: bytes, headers: dict[str, str] | None = None) -> Callable[[World], Call]:
    return lambda w: Call("POST", "/api/ask", body, headers if headers is not None else AUTH)


def _slack_signed(body: bytes, content_type: str = "application/json") -> Callable[[World], Call]:
    return lambda w: Call("POST", "/slack/events", body, {**slack_sign(body), "Content-Type": content_type})


def _dingtalk_signed(body: bytes, stamp_offset_ms: int = 0) -> Callable[[World], Call]:
    def build(world: World) -> Call:
        stamp = str(int(time.time() * 1000) + stamp_offset_ms)
        sign = dingtalk_sign(stamp, world.fakes.dingtalk.client_secret)
        return Call("POST", "/dingtalk/callback", body, {"timestamp": stamp, "Content-Type": "application/json",
                                                          "sign": sign})
    return build


def _wecom(mutate: Callable[[Call], Call]) -> Callable[[World], Call]:
    return lambda w: mutate(wecom_message(w, "应收余额")[0])


def _with(call: Call, **changes: object) -> Call:
    for key, value in changes.items():
        setattr(call, key, value)
    return call


def _question(text: str) -> bytes:
    return json.dumps({"question": "应收余额", "as": text}).encode()


DEEP = b"[" * 50_000
NOT_AUTH = (401, 403)
CASES: list[Case] = [
    # HTTP API
    Case("api: no token", _api(b'{"question":"x","as":"y"}', {"Content-Type": "application/json"}), (401,)),
    Case("api: wrong token", _api(b'{"question":"x","as":"y"}', {"Authorization": "Bearer nope"}), (401,)),
    Case("api: malformed JSON", _api(b'{"question": '), (400,)),
    Case("api: JSON array", _api(b"[1,2,3]"), (400,)),
    Case("api: empty body", _api(b""), (400,)),
    Case("api: invalid UTF-8", _api(b'{"question":"\xff\xfe","as":"x"}'), (400,)),
    Case("api: lone surrogate as asker", _api(b'{"question":"x","as":"\\ud800"}'), (400, 403)),
    Case("api: lone surrogate in question", lambda w: Call("POST", "/api/ask", json.dumps(
        {"question": "\ud800 应收", "as": w.admin}).encode(), AUTH), (200, 400)),
    Case("api: deeply nested JSON", _api(DEEP), (400, 413)),
    Case("api: unknown asker", _api(_question("没有这个人")), (403,)),
    Case("api: 2 MB body", _api(json.dumps({"question": "x" * BIG, "as": "y"}).encode()), (413,)),
    Case("api: 20 MB chunked flood", _api(b""), (413,), flood=True),
    # Slack
    Case("slack: unsigned JSON", lambda w: Call("POST", "/slack/events", b'{"type":"event_callback"}',
                                                {"Content-Type": "application/json"}), (401,)),
    Case("slack: unsigned non-JSON", lambda w: Call("POST", "/slack/events", b"not json at all",
                                                    {"Content-Type": "application/json"}), (401,)),
    Case("slack: unsigned form body", lambda w: Call("POST", "/slack/events", b"payload=%7B%7D&x=1",
                                                     {"Content-Type": "application/x-www-form-urlencoded"}), (401,)),
    Case("slack: forged signature", lambda w: _with(slack_event(w, "应收余额")[0], headers={
        **slack_event(w, "应收余额")[0].headers, "X-Slack-Signature": "v0=" + "0" * 64}), (401,)),
    Case("slack: stale timestamp", lambda w: Call("POST", "/slack/events", b'{"type":"event_callback"}',
                                                  slack_sign(b'{"type":"event_callback"}',
                                                             int(time.time()) - 600)), (401,)),
    Case("slack: signed non-JSON", _slack_signed(b"this is not json"), (400,)),
    Case("slack: signed invalid UTF-8", _slack_signed(b'{"type":"\xff"}'), (400,)),
    Case("slack: signed deeply nested JSON", _slack_signed(DEEP), (400, 413)),
    Case("slack: 2 MB unsigned", lambda w: Call("POST", "/slack/events", b"x" * BIG,
                                                {"Content-Type": "application/json"}), (401, 413)),
    Case("slack: 20 MB chunked flood", lambda w: Call("POST", "/slack/events", b"",
                                                      {"Content-Type": "application/json"}), (401, 413), flood=True),
    # WeCom
    Case("wecom: no signature", lambda w: Call("POST", "/wecom/callback", b"<xml/>"), NOT_AUTH),
    Case("wecom: forged msg_signature", _wecom(lambda c: _with(c, params={**c.params, "msg_signature": "0" * 40})),
         NOT_AUTH),
    Case("wecom: stale timestamp", _wecom(lambda c: _with(c, params={**c.params, "timestamp": "1000000000"})),
         NOT_AUTH),
    Case("wecom: garbage body", _wecom(lambda c: _with(c, body=b"\x00\xff garbage <xml>")), (400, *NOT_AUTH)),
    Case("wecom: bad echostr", lambda w: Call("GET", "/wecom/callback", params={
        "msg_signature": "0" * 40, "timestamp": str(int(time.time())), "nonce": "1", "echostr": "%%%"}), NOT_AUTH),
    Case("wecom: 2 MB body", _wecom(lambda c: _with(c, body=b"<xml>" + b"A" * BIG + b"</xml>")),
         (*NOT_AUTH, 413)),
    Case("wecom: 20 MB chunked flood", _wecom(lambda c: c), (*NOT_AUTH, 413), flood=True),
    # DingTalk
    Case("dingtalk: no sign", lambda w: Call("POST", "/dingtalk/callback", b"{}",
                                             {"Content-Type": "application/json"}), NOT_AUTH),
    Case("dingtalk: forged sign", lambda w: Call("POST", "/dingtalk/callback", b"{}", {
        "timestamp": str(int(time.time() * 1000)), "sign": "AAAA", "Content-Type": "application/json"}), NOT_AUTH),
    Case("dingtalk: stale timestamp", _dingtalk_signed(b"{}", -2 * 3600 * 1000), NOT_AUTH),
    Case("dingtalk: signed non-JSON", _dingtalk_signed(b"not json"), (400, 403)),
    Case("dingtalk: signed deeply nested JSON", _dingtalk_signed(DEEP), (400, 403, 413)),
    Case("dingtalk: signed wrong shapes", _dingtalk_signed(json.dumps(
        {"msgtype": "text", "text": "not an object", "senderStaffId": ADMIN_DINGTALK, "msgId": {"a": 1},
         "sessionWebhook": 5}).encode()), (200, 400, 403)),
    Case("dingtalk: 2 MB signed", _dingtalk_signed(b'{"a":"' + b"x" * BIG + b'"}'), (403, 413)),
    Case("dingtalk: 20 MB chunked flood", lambda w: Call("POST", "/dingtalk/callback", b"", {
        "Content-Type": "application/json"}), (*NOT_AUTH, 413), flood=True),
    # Routes
    Case("unknown path", lambda w: Call("POST", "/nope", b"x"), (404,)),
    Case("wrong method on /healthz", lambda w: Call("POST", "/healthz", b""), (405,)),
    Case("64 KB header", lambda w: Call("POST", "/api/ask", b"{}", {**AUTH, "X-Big": "x" * 65536}),
         (400, 401, 413, 431)),
]


def flood(world: World, call: Call) -> int:
    """A chunked POST of FLOOD_BYTES (no Content-Length); the status the server answered, 0 for none."""
    query = "&".join(f"{k}={requests.utils.quote(v)}" for k, v in call.params.items())
    path = call.path + (f"?{query}" if query else "")
    head = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", "Transfer-Encoding: chunked"]
    head += [f"{k}: {v}" for k, v in call.headers.items() if k.lower() != "content-length"]
    chunk = b"A" * 65536
    frame = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
    with socket.create_connection(("127.0.0.1", world.port), timeout=10) as sock:
        sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
        try:
            for _ in range(FLOOD_BYTES // len(chunk)):
                sock.sendall(frame)
            sock.sendall(b"0\r\n\r\n")
        except OSError:
            pass  # the server stopped reading: what a cap does
        try:
            first = sock.recv(4096).split(b"\r\n", 1)[0].split()
            return int(first[1]) if len(first) > 1 else 0
        except (OSError, ValueError):
            return 0


def rss_mb(world: World) -> float | None:
    if world.process is None:
        return None
    try:
        with open(f"/proc/{world.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def run_corpus(world: World) -> dict[str, object]:
    results = []
    rss_before = rss_mb(world)
    for case in CASES:
        call = case.build(world)
        if case.flood:
            status = flood(world, call)
        else:
            try:
                status = requests.request(call.method, world.base_url + call.path, params=call.params,
                                          data=call.body, headers=call.headers, timeout=30).status_code
            except requests.RequestException:
                status = 0
        results.append({"case": case.name, "status": status, "expected": list(case.expected),
                        "ok": status in case.expected})
    alive = requests.get(world.base_url + "/healthz", timeout=5).status_code == 200
    return {"cases": results, "tried": len(results), "passed": sum(r["ok"] for r in results),
            "server_errors": sum(1 for r in results if r["status"] >= 500), "alive_after": alive,
            "rss_mb_before": rss_before, "rss_mb_after": rss_mb(world), "replays": run_replays(world)}


def run_replays(world: World) -> dict[str, object]:
    """Each platform's message delivered three times (retries, or a captured request replayed within its window):
    one answer at the fake API."""
    out = {}
    for platform in ("slack", "wecom", "dingtalk"):
        before = answers_at_fakes(world)[platform]
        if platform == "slack":
            call, _ = slack_event(world, "应收余额", event_id=f"EvReplay{int(time.time() * 1000)}")
        elif platform == "wecom":
            call, _ = wecom_message(world, "应收余额")
        else:
            call, _ = dingtalk_message(world, "应收余额")
        statuses = [requests.request(call.method, world.base_url + call.path, params=call.params, data=call.body,
                                     headers=call.headers, timeout=30).status_code for _ in range(3)]
        answered = settle(world, platform, before + 1, timeout=20) - before
        out[platform] = {"statuses": statuses, "answers": answered, "ok": answered == 1}
    return out
