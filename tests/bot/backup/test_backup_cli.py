"""`zhangfang backup` and `zhangfang restore` as an admin runs them, on SQLite and PostgreSQL; and the nightly job
registered inside `serve`'s scheduler."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from bot.backup.archive import parse_name
from bot.cli import build
from bot.scheduler import BACKUP_JOB, JobScheduler
from tests.bot.backup.support import ADMIN, import_sample
from tests.cli_database import cli_database_url
from tests.conftest import table_counts


@pytest.fixture(autouse=True)
def _no_dotenv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def run(app, *args: str, stdin: str | None = None, **env: str) -> Result:
    environment = {"ZHANGFANG_DATABASE_URL": cli_database_url(app), "ZHANGFANG_TODAY": "2026-11-22", **env}
    return CliRunner().invoke(build(), list(args), env=environment, input=stdin)


def ask(app) -> str:
    result = run(app, "ask", "哪些客户逾期未付款", "--as", ADMIN, "--json")
    assert result.exit_code == 0, result.output
    return result.stdout


def test_backup_then_restore_with_confirmation(make_app, tmp_path: Path) -> None:
    app = make_app()
    import_sample(app)
    before = ask(app)
    taken = run(app, "backup", "--json", ZHANGFANG_BACKUP_DIR=str(tmp_path / "bk"))
    assert taken.exit_code == 0, taken.output
    report = json.loads(taken.stdout)
    archive = Path(report["path"])
    assert archive.parent == tmp_path / "bk" and parse_name(archive)[0] == "manual"
    assert report["manifest"]["tables"]["client"] == table_counts(app)["client"]

    with app.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM allocation")
        conn.exec_driver_sql("DELETE FROM payment")
    damaged = table_counts(app)

    refused = run(app, "restore", str(archive), stdin="no\n")
    assert refused.exit_code == 1 and "unchanged" in refused.output
    assert table_counts(app) == damaged

    restored = run(app, "restore", str(archive), stdin="恢复\n", ZHANGFANG_BACKUP_DIR=str(tmp_path / "safety"))
    assert restored.exit_code == 0, restored.output
    assert "Restored" in restored.output and "已恢复" in restored.output
    assert ask(app) == before
    assert [parse_name(p)[0] for p in (tmp_path / "safety").iterdir()] == ["pre-restore"]


def test_restore_of_a_bad_file_is_one_clear_line(make_app, tmp_path: Path) -> None:
    app = make_app()
    bogus = tmp_path / "zhangfang-manual-20260101T000000Z.tar.gz"
    bogus.write_bytes(b"this is not a backup")
    result = run(app, "restore", str(bogus), "--yes")
    assert result.exit_code == 1
    assert "not a readable backup" in result.output and "Traceback" not in result.output
    missing = run(app, "restore", str(tmp_path / "nope.tar.gz"), "--yes")
    assert missing.exit_code == 1 and "no such backup file" in missing.output


def test_the_scheduler_takes_the_nightly_backup(make_app, tmp_path: Path) -> None:
    app = make_app(backup_dir=str(tmp_path / "nightly"), backup_time="03:15")
    scheduler = JobScheduler(app).start()
    try:
        job = scheduler.scheduler.get_job(BACKUP_JOB)
        assert job is not None and "hour='3', minute='15'" in str(job.trigger)
        scheduler.backup()  # what the job runs
    finally:
        scheduler.shutdown()
    assert [parse_name(p)[0] for p in (tmp_path / "nightly").iterdir()] == ["nightly"]
    off = make_app(backup_enabled=False)
    scheduler = JobScheduler(off).start()
    try:
        assert scheduler.scheduler.get_job(BACKUP_JOB) is None
    finally:
        scheduler.shutdown()
