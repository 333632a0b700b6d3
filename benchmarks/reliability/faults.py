"""Faults injected while the server runs: the database locked, the database read-only, the platform APIs answering
500s and timeouts while the outbox delivers, kill -9 and restart, and (only with --pg-restart, only on
PostgreSQL) the PostgreSQL server restarted mid-load. Each reports what clients saw, and "nothing lost, nothing
sent twice" as counted in the outbox and at the fake APIs."""

from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import text

from benchmarks.reliability.harness import World
from benchmarks.reliability.load import send, settle
from benchmarks.reliability.signed import api_ask, question, short_question, slack_event, slack_replies
from tests.fakes.scripted_server import Scripted


def _traffic(world: World, seconds: float, build, statuses: Counter, latencies: list[float] | None = None,
             threads: int = 2, accepted: list[str] | None = None) -> list[threading.Thread]:
    """`threads` clients sending `build(i)` (a Call, or a (Call, key) pair whose key is kept when answered 200)."""
    deadline = time.monotonic() + seconds

    def client(n: int) -> None:
        session = requests.Session()
        i = n
        while time.monotonic() < deadline:
            built = build(i)
            call, key = built if isinstance(built, tuple) else (built, None)
            status, ms = send(world, call, session, timeout=40)
            statuses[str(status)] += 1
            if latencies is not None:
                latencies.append(ms)
            if status == 200 and key is not None and accepted is not None:
                accepted.append(key)
            if status == 0:
                time.sleep(0.05)  # the server is down: do not spin
            i += threads
    started = [threading.Thread(target=client, args=(n,)) for n in range(threads)]
    for thread in started:
        thread.start()
    return started


def _slack_call(world: World):
    return lambda i: slack_event(world, short_question(i))


def _slack_outcome(world: World, accepted: list[str]) -> dict[str, int]:
    settle(world, "slack", 0, timeout=0)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and 0 in slack_replies(world, accepted).values():
        time.sleep(0.2)
    replies = slack_replies(world, accepted)
    return {"slack_events_accepted": len(accepted), "unanswered": sum(1 for n in replies.values() if n == 0),
            "sent_twice": sum(n - 1 for n in replies.values() if n > 1)}


def _outcome(name: str, statuses: Counter, **more: Any) -> dict[str, Any]:
    server_errors = sum(v for k, v in statuses.items() if k.startswith("5") and k not in ("503",))
    survived = server_errors == 0 and more.get("healthy_after", True) and not more.get("lost") \
        and not more.get("sent_twice") and not more.get("unanswered")
    return {"fault": name, "statuses": dict(statuses), "survived": bool(survived), **more}


# -- the database locked ---------------------------------------------------------------------------------------
def database_locked(world: World, seconds: float) -> dict[str, Any]:
    """A writer holds the database's write lock for `seconds` while questions and platform events arrive."""
    statuses: Counter = Counter()
    holder = _hold_lock(world, seconds)
    accepted: list[str] = []
    workers = _traffic(world, seconds, lambda i: api_ask(world, question(i)), statuses)
    workers += _traffic(world, seconds, _slack_call(world), statuses, threads=1, accepted=accepted)
    for thread in [*workers, holder]:
        thread.join()
    return _outcome("database locked", statuses, lock_seconds=seconds, **_slack_outcome(world, accepted),
                    healthy_after=_healthy(world))


def _hold_lock(world: World, seconds: float) -> threading.Thread:
    ready = threading.Event()

    def hold() -> None:
        if world.backend == "sqlite":
            conn = sqlite3.connect(str(Path(world.database_url.removeprefix("sqlite:///"))), timeout=30)
            conn.isolation_level = None
            conn.execute("BEGIN EXCLUSIVE")
            ready.set()
            time.sleep(seconds)
            conn.execute("ROLLBACK")
            conn.close()
            return
        engine = world.engine()
        with engine.connect() as conn:
            conn.execute(text("LOCK TABLE processed_event, outbox_message IN ACCESS EXCLUSIVE MODE"))
            ready.set()
            time.sleep(seconds)
            conn.rollback()
        engine.dispose()
    thread = threading.Thread(target=hold)
    thread.start()
    ready.wait(30)
    return thread


def _healthy(world: World, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(world.base_url + "/healthz", timeout=2).status_code == 200:
                return True
        except requests.RequestException:
            pass
        time.sleep(0.2)
    return False


# -- the database read-only ------------------------------------------------------------------------------------
def read_only(world: World) -> dict[str, Any]:
    """The server restarted on a read-only database: questions still answered, writes refused politely (no 500),
    /healthz saying so; then back to normal."""
    world.stop()
    if world.backend == "sqlite":
        url = f"sqlite:///file:{world.database_url.removeprefix('sqlite:///')}?mode=ro&uri=true"
    else:
        url = world.database_url + "%20-cdefault_transaction_read_only%3Don"
    statuses: Counter = Counter()
    health: dict[str, Any] = {}
    try:
        world.start(ZHANGFANG_DATABASE_URL=url, ZHANGFANG_SCHEDULER_ENABLED="false")
        session = requests.Session()
        for i in range(6):
            statuses[f"api:{send(world, api_ask(world, question(i)), session)[0]}"] += 1
        for i in range(3):
            statuses[f"slack:{send(world, slack_event(world, question(i))[0], session)[0]}"] += 1
        response = requests.get(world.base_url + "/healthz", timeout=5)
        health = {"status": response.status_code, "body": response.text[:200]}
        started = True
    except RuntimeError as exc:
        started, health = False, {"error": str(exc)[:200]}
    world.stop()
    world.start()
    plain = Counter({k.split(":")[1]: v for k, v in statuses.items()})
    result = _outcome("database read-only", plain, healthy_after=_healthy(world), started_read_only=started,
                      by_endpoint=dict(statuses), healthz_read_only=health)
    result["survived"] = result["survived"] and started
    return result


# -- platform APIs failing -------------------------------------------------------------------------------------
TIMEOUTS_SERVED: list[str] = []
SEND_PATHS = ("/api/chat.postMessage", "/cgi-bin/message/send", "/cgi-bin/appchat/send", "/v1.0/robot/",
              "/api/files.completeUploadExternal")


def make_flaky(world: World, failure_rate: float, timeouts: int, seed: int = 11) -> None:
    """The fakes answer `failure_rate` of message sends with a 500. Timeouts, two kinds: the first `timeouts` WeCom
    sends get no answer before the sender's timeout and are NOT posted (the sender must try again); the first
    `timeouts` Slack posts ARE posted but answered too late (the sender cannot know: at-least-once delivery
    sends it again — counted, not hidden)."""
    rng = random.Random(seed)
    for fake in (world.fakes.slack, world.fakes.wecom, world.fakes.dingtalk):
        original = fake.next_answer
        state = {"late": timeouts if fake is not world.fakes.dingtalk else 0}

        def flaky(request, original=original, state=state, fake=fake):
            if any(p in request.path for p in SEND_PATHS):
                if state["late"] and fake is world.fakes.slack and "chat.postMessage" in request.path:
                    state["late"] -= 1
                    TIMEOUTS_SERVED.append("posted, answered late")
                    answer = original(request)
                    return Scripted(answer.status, answer.body, answer.headers, delay=12.0)
                if state["late"] and fake is world.fakes.wecom and "message/send" in request.path:
                    state["late"] -= 1
                    TIMEOUTS_SERVED.append("not posted, no answer in time")
                    return Scripted(504, "gateway timeout", delay=12.0)
                if rng.random() < failure_rate:
                    if fake is world.fakes.slack:
                        fake.fail(request.path.rsplit("/", 1)[-1].split("?")[0], Scripted(500, "internal error"))
                        return original(request)
                    return Scripted(500, "internal error")  # the fake records nothing for a failed call
            return original(request)
        fake.next_answer = flaky  # type: ignore[method-assign]


def delivered_at_fakes(world: World) -> list[tuple[str, str]]:
    """Every message the fakes accepted, as (platform, recipient + content) — equal pairs are the same message."""
    f = world.fakes
    slack = [("slack", f"{c.params.get('channel')}|{c.params.get('text')}|{c.params.get('thread_ts')}")
             for c in f.slack.calls("chat.postMessage") if not c.params.get("_failed")]
    uploads = [("slack-file", f"{c.params.get('channel_id')}|{c.params.get('files')}")
               for c in f.slack.calls("files.completeUploadExternal") if not c.params.get("_failed")]
    wecom = [("wecom", f"{m.get('touser')}|{json.dumps(m, ensure_ascii=False, sort_keys=True)}")
             for m in f.wecom.app_messages]
    ding = [("dingtalk", f"{m.get('userIds')}|{m.get('openConversationId')}|{m.get('param')}")
            for m in f.dingtalk.openapi_messages]
    return slack + uploads + wecom + ding


def platform_failures(world: World, failure_rate: float, timeouts: int, wait: float) -> dict[str, Any]:
    """The day's reminders and digests queued (`zhangfang jobs run`, as cron would, beside the server's own
    delivery) while the platform APIs fail; then every message is sent exactly once, or still visibly waiting."""
    make_flaky(world, failure_rate, timeouts)
    seen_before = Counter(delivered_at_fakes(world))
    run = world.zhangfang("jobs", "run", "--at", f"{world.today.isoformat()} 08:30", "--json")
    statuses: Counter = Counter({f"jobs run exit {run.returncode}": 1})
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline and _outbox(world).get("pending", 0) + _outbox(world).get("sending", 0):
        time.sleep(0.5)
    time.sleep(1.0)
    outbox = _outbox(world)
    counted = Counter(delivered_at_fakes(world)) - seen_before  # what the fakes accepted during this fault
    fresh = list(counted.elements())
    twice = sum(n - 1 for n in counted.values() if n > 1)
    repeated = [f"{kind}: {key[:80]}… ×{n}" for (kind, key), n in counted.items() if n > 1][:5]
    lost = outbox.get("failed", 0)
    return _outcome("platform APIs: 500s and timeouts", Counter(), failure_rate=failure_rate,
                    timeouts_served=dict(Counter(TIMEOUTS_SERVED)),
                    jobs_run=statuses, outbox=outbox, delivered=len(fresh), distinct=len(counted),
                    sent_twice=twice, repeated=repeated, lost=lost,
                    waiting=outbox.get("pending", 0) + outbox.get("sending", 0),
                    healthy_after=_healthy(world))


def _outbox(world: World) -> dict[str, int]:
    engine = world.engine()
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT status, COUNT(*) FROM outbox_message GROUP BY status")).all()
    finally:
        engine.dispose()
    return {status: count for status, count in rows}


# -- kill -9 and restart ---------------------------------------------------------------------------------------
def kill_and_restart(world: World, seconds: float) -> dict[str, Any]:
    """Load on /api/ask and Slack; SIGKILL halfway; restart at once. Reports the restart time, what clients saw,
    the first request's and the next seconds' latency, and whether each accepted Slack event was answered once."""
    statuses: Counter = Counter()
    accepted: list[str] = []
    workers = _traffic(world, seconds, lambda i: api_ask(world, question(i)), statuses)
    workers += _traffic(world, seconds, _slack_call(world), statuses, threads=1, accepted=accepted)
    time.sleep(seconds / 2)
    world.kill9()
    restart = world.start()
    first_status, first_ms = send(world, api_ask(world, "应收余额"), requests.Session())
    after: list[float] = []
    after_status: Counter = Counter()
    for thread in _traffic(world, 5.0, lambda i: api_ask(world, question(i)), after_status, after):
        thread.join()
    for thread in workers:
        thread.join()
    ordered = sorted(after)
    return _outcome("kill -9 and restart", statuses, restart_seconds=round(restart, 2),
                    first_request_ms=round(first_ms, 1), first_status=first_status,
                    after_restart_p50_ms=round(ordered[len(ordered) // 2], 1) if ordered else None,
                    after_restart_p99_ms=round(ordered[int(len(ordered) * 0.99)], 1) if ordered else None,
                    after_restart_statuses=dict(after_status), **_slack_outcome(world, accepted),
                    healthy_after=_healthy(world))


# -- PostgreSQL restarted ----------------------------------------------------------------------------------------
def postgres_restart(world: World, seconds: float) -> dict[str, Any]:
    """Only with --pg-restart on PostgreSQL: the cluster restarted (pg_ctlcluster) during load on /api/ask."""
    statuses: Counter = Counter()
    version = sorted(p.name for p in Path("/etc/postgresql").iterdir())[-1]
    workers = _traffic(world, seconds, lambda i: api_ask(world, question(i)), statuses)
    time.sleep(seconds / 3)
    started = time.monotonic()
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"], check=True,
                   capture_output=True, timeout=120)
    restarted = time.monotonic() - started
    for thread in workers:
        thread.join()
    recovered = _healthy(world, 60)
    ok_after = send(world, api_ask(world, "应收余额"), requests.Session())[0]
    return _outcome("PostgreSQL restarted mid-load", statuses, restart_seconds=round(restarted, 2),
                    healthy_after=recovered and ok_after == 200, first_status_after=ok_after)
