"""Prometheus metrics for one App: requests, answer latency, deliveries and errors.

Each App has its own CollectorRegistry (`app.metrics`, built by bot/bootstrap.py), so tests and several apps in one
process never
share counters. Adapters count through the helpers here; `GET /metrics` renders the registry.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from bot.messages import IncomingMessage
from bot.reply import Reply

if TYPE_CHECKING:
    from bot.bootstrap import App

CONTENT_TYPE = CONTENT_TYPE_LATEST
LATENCY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0, 30.0)


@dataclass(frozen=True)
class Metrics:
    registry: CollectorRegistry
    requests: Counter
    answer_seconds: Histogram
    deliveries: Counter
    errors: Counter
    answer_errors: Counter


def build_metrics() -> Metrics:
    registry = CollectorRegistry(auto_describe=True)
    return Metrics(
        registry=registry,
        requests=Counter("zhangfang_requests", "Inbound requests by platform and outcome",
                         ["platform", "outcome"], registry=registry),
        answer_seconds=Histogram("zhangfang_answer_seconds", "Time to answer one message",
                                 ["platform"], buckets=LATENCY_BUCKETS, registry=registry),
        deliveries=Counter("zhangfang_deliveries", "Outbound messages by platform and outcome",
                           ["platform", "outcome"], registry=registry),
        errors=Counter("zhangfang_errors", "Errors by platform and stage", ["platform", "stage"], registry=registry),
        answer_errors=Counter("zhangfang_answer_errors", "Answers that failed, by kind (bot/failures.py)", ["kind"],
                              registry=registry),
    )


def metrics_for(app: App) -> Metrics:
    """The App's metrics (built once by bot/bootstrap.compose)."""
    return app.metrics


def count_request(app: App, platform: str, outcome: str = "accepted") -> None:
    """outcome: accepted | rejected (bad signature/token) | duplicate (a retried delivery) | ignored |
    unavailable (the database could not record it; the platform is told to retry)."""
    metrics_for(app).requests.labels(platform=platform, outcome=outcome).inc()


def count_delivery(app: App, platform: str, ok: bool) -> None:
    metrics_for(app).deliveries.labels(platform=platform, outcome="sent" if ok else "failed").inc()


def count_error(app: App, platform: str, stage: str) -> None:
    metrics_for(app).errors.labels(platform=platform, stage=stage).inc()


def count_answer_error(app: App, kind: str) -> None:
    """kind: db_locked | db_read_only | db_unavailable | internal (bot/failures.py)."""
    metrics_for(app).answer_errors.labels(kind=kind).inc()


def answer(app: App, message: IncomingMessage, *, strict: bool = False) -> Reply:
    """`bot.conversation.handle`, timed: every adapter answers through this. `strict` (the HTTP API): a failure
    raises instead of becoming a polite reply, so that it can be answered with a 5xx (and counted there)."""
    from bot.conversation import handle, respond

    started = time.perf_counter()
    try:
        return respond(app, message) if strict else handle(app, message)
    finally:
        metrics_for(app).answer_seconds.labels(platform=message.platform).observe(time.perf_counter() - started)


def exposition(app: App) -> bytes:
    return generate_latest(metrics_for(app).registry)
