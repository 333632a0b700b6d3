"""`zhangfang deadlines`: the filing calendar of a year, as JSON for scripts and as a table for people."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from bot.cli import build

CLEAN_ENV = {"ZHANGFANG_TAX_CALENDAR_DIR": None, "ZHANGFANG_TODAY": None}


@pytest.fixture(autouse=True)
def _no_dotenv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no stray .env in the working directory


def run(*args: str, **env: str) -> Result:
    return CliRunner().invoke(build(), ["deadlines", *args], env={**CLEAN_ENV, **env})


def test_json_shape_for_a_published_year() -> None:
    result = run("--year", "2026", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [row["month"] for row in rows] == [f"2026-{m:02d}" for m in range(1, 13)]
    assert all({"month", "deadline", "source"} <= set(row) for row in rows)
    assert {row["source"] for row in rows} == {"published"}
    by_month = {row["month"]: row["deadline"] for row in rows}
    assert (by_month["2026-01"], by_month["2026-11"], by_month["2026-12"]) == ("2026-01-20", "2026-11-16", "2026-12-15")


def test_unpublished_year_uses_the_rule_and_says_so() -> None:
    rows = json.loads(run("--year", "2031", "--json").stdout)
    assert len(rows) == 12
    assert {row["source"] for row in rows} == {"rule"}
    assert all("weekends only" in row["note"] for row in rows)
    table = " ".join(run("--year", "2031").stdout.split())  # the console wraps long lines
    assert "规则推算" in table and "no published calendar for 2031" in table


def test_table_shows_weekday_and_source() -> None:
    result = run("--year", "2026")
    assert result.exit_code == 0, result.output
    assert "2026-11-16" in result.stdout and "周一 Mon" in result.stdout
    assert "已发布 published" in result.stdout and "税总办征科函〔2025〕64号" in result.stdout


def test_year_defaults_to_today() -> None:
    rows = json.loads(run("--json", "--today", "2025-03-01").stdout)
    assert rows[1] == {"month": "2025-02", "deadline": "2025-02-20", "source": "published", "note": rows[1]["note"]}


def test_admin_calendar_directory(tmp_path: Path) -> None:
    calendar = {f"2027-{m:02d}": f"2027-{m:02d}-{15 + (m == 10) * 10}" for m in range(1, 13)}
    (tmp_path / "2027.json").write_text(json.dumps(calendar), encoding="utf-8")
    rows = json.loads(run("--year", "2027", "--json", ZHANGFANG_TAX_CALENDAR_DIR=str(tmp_path)).stdout)
    assert {row["source"] for row in rows} == {"published"}
    assert rows[9]["deadline"] == "2027-10-25"


def test_bad_admin_file_fails_with_the_file_name(tmp_path: Path) -> None:
    (tmp_path / "2027.json").write_text(json.dumps({"2027-01": "2027-01-15"}), encoding="utf-8")
    result = run("--year", "2027", ZHANGFANG_TAX_CALENDAR_DIR=str(tmp_path))
    assert result.exit_code == 2
    assert "2027.json" in result.stderr and "missing months" in result.stderr
