"""Sustained load: for each endpoint in turn, `concurrency` clients send signed questions back to back for
`seconds`, while /healthz is polled; then every accepted platform message must be answered exactly once at the
fake API (the answer runs after the 200, in the background)."""

from __future__ import annotations

import statistics
import threading
import time
from dataclasses import dataclass, field

import requests

from benchmarks.reliability.harness import World
from benchmarks.reliability.signed import Call, answers_at_fakes, signed, slack_replies

ENDPOINTS = ("api", "slack", "wecom", "dingtalk")


@dataclass
class LoadResult:
    endpoint: str
    requests: int = 0
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    health_checks: int = 0
    health_failures: int = 0
    answered: int | None = None  # platform answers that reached the fake API
    accepted: int = 0
    keys: list[str] = field(default_factory=list)  # the accepted platform messages' keys
    twice: int = 0
    lost: int = 0

    def summary(self) -> dict[str, object]:
        ordered = sorted(self.latencies_ms)
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] if ordered else None
        return {"endpoint": self.endpoint, "requests": self.requests,
                "throughput_rps": round(self.requests / self.seconds, 1) if self.seconds else 0,
                "p50_ms": round(statistics.median(ordered), 1) if ordered else None,
                "p99_ms": round(p99, 1) if p99 is not None else None, "statuses": self.statuses,
                "errors": sum(v for k, v in self.statuses.items() if k != "200"),
                "healthz": f"{self.health_checks - self.health_failures}/{self.health_checks}",
                "accepted": self.accepted, "answered": self.answered, "lost": self.lost, "sent_twice": self.twice}

    @property
    def held(self) -> bool:
        return self.summary()["errors"] == 0 and self.health_failures == 0 and not self.lost and not self.twice


def send(world: World, call: Call, session: requests.Session, timeout: float = 30.0) -> tuple[int, float]:
    started = time.perf_counter()
    try:
        response = session.request(call.method, world.base_url + call.path, params=call.params, data=call.body,
                                   headers=call.headers, timeout=timeout)
        status = response.status_code
    except requests.RequestException:
        status = 0  # no answer at all: a dropped connection or a timeout
    return status, (time.perf_counter() - started) * 1000


def poll_health(world: World, stop: threading.Event, result: LoadResult) -> None:
    while not stop.wait(0.25):
        result.health_checks += 1
        try:
            ok = requests.get(world.base_url + "/healthz", timeout=2).status_code == 200
        except requests.RequestException:
            ok = False
        result.health_failures += 0 if ok else 1


def run_endpoint(world: World, endpoint: str, seconds: float, concurrency: int) -> LoadResult:
    result = LoadResult(endpoint)
    lock = threading.Lock()
    stop = threading.Event()
    before = answers_at_fakes(world)
    deadline = time.monotonic() + seconds

    def client(n: int) -> None:
        session = requests.Session()
        i = n
        while time.monotonic() < deadline:
            call, key = signed(world, endpoint, i)
            status, ms = send(world, call, session)
            i += concurrency
            with lock:
                result.requests += 1
                result.latencies_ms.append(ms)
                result.statuses[str(status)] = result.statuses.get(str(status), 0) + 1
                if status == 200 and key is not None:
                    result.keys.append(key)

    health = threading.Thread(target=poll_health, args=(world, stop, result))
    health.start()
    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.monotonic() - started
    stop.set()
    health.join()
    if endpoint != "api":
        result.accepted = len(result.keys)
        result.answered = settle(world, endpoint, before[endpoint] + result.accepted) - before[endpoint]
        if endpoint == "slack":  # exact: the answer is in the thread of the event it answers
            replies = slack_replies(world, result.keys)
            result.lost = sum(1 for n in replies.values() if n == 0)
            result.twice = sum(n - 1 for n in replies.values() if n > 1)
        else:
            result.lost = max(0, result.accepted - result.answered)
            result.twice = max(0, result.answered - result.accepted)
    return result


def settle(world: World, platform: str, expected: int, timeout: float = 60.0) -> int:
    """Wait until the fake has `expected` answers (or stops changing); one more second to catch extras."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and answers_at_fakes(world)[platform] < expected:
        time.sleep(0.1)
    time.sleep(1.0)
    return answers_at_fakes(world)[platform]


def warm_up(world: World) -> dict[str, float]:
    """One request per endpoint before measuring (the first answers build the name index); their times."""
    session = requests.Session()
    first = {}
    for endpoint in ENDPOINTS:
        call, _ = signed(world, endpoint, 0)
        first[endpoint] = round(send(world, call, session)[1], 1)
    time.sleep(1.5)  # their answers go out before the counting starts
    return first


def run_load(world: World, seconds: float, concurrency: int) -> list[LoadResult]:
    return [run_endpoint(world, endpoint, seconds, concurrency) for endpoint in ENDPOINTS]
