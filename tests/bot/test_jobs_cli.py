"""`zhangfang jobs run` and `zhangfang outbox`: the real planners over a small firm, delivery to a local fake Slack
over HTTP, on SQLite and PostgreSQL.

The firm: 安娜 (staff, Slack U-ANN) owns 上海月报贸易有限公司, a monthly VAT filer with an invoice due on
11 December 2026 and a Slack channel bound to it; her manager 杜萍 (U-DU) reads the daily digest. On Tuesday
8 December 2026 (T−5 before the 15 December filing deadline) the 08:30 run owes 安娜 a tax reminder, 杜萍 her
digest, and the client a payment reminder (three days before due).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import func, select, text
from typer.testing import CliRunner, Result

from bot.bootstrap import App
from bot.cli import build
from bot.models import OutboxMessage
from domain.models import ChatBinding
from tests.domain.facts.firm import Firm
from tests.fakes.slack_api import FakeSlackApi, server_error

TUESDAY = "2026-12-08 08:30"


@pytest.fixture(autouse=True)
def _no_dotenv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def slack() -> Iterator[FakeSlackApi]:
    with FakeSlackApi(token="xoxb-test") as fake:
        yield fake


@pytest.fixture
def firm_app(make_app: Callable[..., App]) -> App:
    app = make_app()
    with app.session() as session:
        firm = Firm(session)
        du = firm.staff("杜萍", role="manager", slack="U-DU")
        ann = firm.staff("安娜", manager=du, slack="U-ANN")
        client = firm.client("上海月报贸易有限公司", ann)
        firm.tax(client, "增值税", "monthly")
        firm.invoice(client, "INV-1", "2026-11-11", "2026-12-11", "1200")
        session.flush()
        session.add(ChatBinding(platform="slack", chat_id="C-CLIENT", client_id=client.id))
        firm.allocate()
    return app


def database_url(app: App) -> str:
    if app.engine.dialect.name != "postgresql":
        return str(app.engine.url)
    with app.engine.connect() as conn:
        schema = conn.execute(text("SELECT current_schema()")).scalar_one()
    base = app.engine.url.render_as_string(hide_password=False)
    return f"{base}{'&' if '?' in base else '?'}options={quote(f'-csearch_path={schema}')}"


def run(app: App, slack: FakeSlackApi, *args: str, **env: str) -> Result:
    environment = {"ZHANGFANG_DATABASE_URL": database_url(app), "ZHANGFANG_SLACK_BOT_TOKEN": "xoxb-test",
                   "ZHANGFANG_SLACK_SIGNING_SECRET": "secret", "ZHANGFANG_SLACK_API_BASE_URL": slack.api_url,
                   "ZHANGFANG_TODAY": None, "ZHANGFANG_REMINDERS_FILE": None, **env}
    return CliRunner().invoke(build(), list(args), env=environment)


def as_json(result: Result) -> object:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def posted_to(slack: FakeSlackApi) -> list[str]:
    return sorted(call.params["channel"] for call in slack.calls("chat.postMessage") if not call.params.get("_failed"))


def outbox_size(app: App) -> int:
    with app.session() as session:
        return session.execute(select(func.count()).select_from(OutboxMessage)).scalar_one()


def test_jobs_run_plans_queues_and_delivers_then_a_second_run_sends_nothing_new(
        firm_app: App, slack: FakeSlackApi) -> None:
    first = as_json(run(firm_app, slack, "jobs", "run", "--at", TUESDAY, "--json"))
    kinds = first["kinds"]
    for kind in ("tax_deadline", "digest", "dunning"):
        assert (kinds[kind]["planned"], kinds[kind]["queued"], kinds[kind]["sent"]) == (1, 1, 1), kind
    assert first["totals"]["failed"] == 0 and first["moment"] == "2026-12-08T08:30:00+08:00"
    assert posted_to(slack) == ["C-CLIENT", "U-ANN", "U-DU"]

    again = as_json(run(firm_app, slack, "jobs", "run", "--at", "2026-12-08 09:00", "--json"))
    assert again["totals"]["queued"] == 0 and again["totals"]["sent"] == 0
    assert again["totals"]["already_sent"] == again["totals"]["planned"] == 3
    assert posted_to(slack) == ["C-CLIENT", "U-ANN", "U-DU"]
    assert outbox_size(firm_app) == 3


def test_a_dry_run_writes_and_sends_nothing_and_shows_what_would_go(firm_app: App, slack: FakeSlackApi) -> None:
    report = as_json(run(firm_app, slack, "jobs", "run", "--at", TUESDAY, "--dry-run", "--json"))
    assert report["dry_run"] is True and report["totals"]["queued"] == 3 and report["totals"]["sent"] == 0
    by_kind = {m["kind"]: m for m in report["messages"]}
    assert by_kind["tax_deadline"]["destination"] == "slack:user:U-ANN"
    assert by_kind["dunning"]["client_facing"] is True and by_kind["dunning"]["subject"] == "上海月报贸易有限公司"
    assert outbox_size(firm_app) == 0 and posted_to(slack) == []
    shown = run(firm_app, slack, "jobs", "run", "--at", TUESDAY, "--dry-run", "--show")
    assert shown.exit_code == 0 and "slack:chat:C-CLIENT" in shown.stdout and "dry run" in shown.stdout
    assert outbox_size(firm_app) == 0


def test_a_late_evening_run_holds_the_client_message_and_lets_staff_messages_through(
        firm_app: App, slack: FakeSlackApi) -> None:
    report = as_json(run(firm_app, slack, "jobs", "run", "--at", "2026-12-08 22:00", "--json"))
    assert report["kinds"]["dunning"]["held_quiet_hours"] == 1 and report["kinds"]["dunning"]["sent"] == 0
    assert posted_to(slack) == ["U-ANN", "U-DU"]
    [waiting] = as_json(run(firm_app, slack, "outbox", "--json"))
    assert (waiting["kind"], waiting["hold_reason"]) == ("dunning", "quiet_hours")
    assert waiting["next_attempt_at"] == "2026-12-09T08:30:00+08:00"
    delivered = as_json(run(firm_app, slack, "outbox", "send", "--at", "2026-12-09 08:30", "--json"))
    assert delivered["kinds"]["dunning"]["sent"] == 1
    assert posted_to(slack) == ["C-CLIENT", "U-ANN", "U-DU"]


def test_failed_deliveries_are_listed_with_their_error_and_can_be_retried(firm_app: App, slack: FakeSlackApi) -> None:
    slack.fail("chat.postMessage", *[server_error() for _ in range(9)])  # every try of the three messages (SDK retries)
    report = as_json(run(firm_app, slack, "jobs", "run", "--at", TUESDAY, "--json", ZHANGFANG_OUTBOX_MAX_ATTEMPTS="1"))
    assert report["totals"]["failed"] == 3 and report["totals"]["sent"] == 0
    failed = as_json(run(firm_app, slack, "outbox", "--failed", "--json"))
    assert len(failed) == 3 and all(m["status"] == "failed" and "slack" in m["last_error"] for m in failed)
    table = run(firm_app, slack, "outbox", "--failed")
    assert table.exit_code == 0 and "failed" in table.stdout and "U-ANN" in table.stdout

    # the retry puts them back in line at the CLI's now: pinned, so the send below comes after it whatever the date
    retried = run(firm_app, slack, "outbox", "retry", "--all-failed", ZHANGFANG_NOW="2026-12-08T09:00")
    assert retried.exit_code == 0 and "Queued again" in retried.stdout
    delivered = as_json(run(firm_app, slack, "outbox", "send", "--at", "2026-12-08 10:00", "--json"))
    assert delivered["totals"]["sent"] == 3
    assert as_json(run(firm_app, slack, "outbox", "--json")) == []
    assert posted_to(slack) == ["C-CLIENT", "U-ANN", "U-DU"]


def test_retry_refuses_what_it_cannot_do(firm_app: App, slack: FakeSlackApi) -> None:
    as_json(run(firm_app, slack, "jobs", "run", "--at", TUESDAY, "--json"))
    nothing = run(firm_app, slack, "outbox", "retry")
    assert nothing.exit_code == 2 and "--all-failed" in nothing.stderr
    unknown = run(firm_app, slack, "outbox", "retry", "999")
    assert unknown.exit_code == 2 and "999" in unknown.stderr
    sent = run(firm_app, slack, "outbox", "retry", "1")
    assert sent.exit_code == 2 and "already sent" in sent.stderr


def test_a_bad_moment_is_refused_in_both_languages(firm_app: App, slack: FakeSlackApi) -> None:
    result = run(firm_app, slack, "jobs", "run", "--at", "next tuesday")
    assert result.exit_code == 2 and "--at" in result.stderr and "时间格式" in result.stderr
    assert outbox_size(firm_app) == 0


def test_the_table_names_every_kind_and_the_totals(firm_app: App, slack: FakeSlackApi) -> None:
    result = run(firm_app, slack, "jobs", "run", "--at", TUESDAY, COLUMNS="160")
    assert result.exit_code == 0, result.output
    for word in ("tax_deadline", "dunning", "digest", "合计", "sent", "quiet", "failed"):
        assert word in result.stdout
