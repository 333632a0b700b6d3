"""`zhangfang ask … --xlsx FILE` writes every row of a list answer; `zhangfang ask 导出` in a later command (a new
App each time, as separate processes are) exports the asker's last list question into the current folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from bot.cli import build


@pytest.fixture
def run(sample_app, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("ZHANGFANG_DATABASE_URL", sample_app.engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("ZHANGFANG_TODAY", "2026-11-22")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(build(), list(args), catch_exceptions=False)

    return invoke


def rows(path: Path) -> list[list[object]]:
    return [list(row) for row in load_workbook(path).worksheets[0].iter_rows(values_only=True)]


def test_ask_xlsx_writes_every_row_with_the_json_answers_figures(run, tmp_path: Path) -> None:
    target = tmp_path / "overdue.xlsx"
    result = run("ask", "哪些客户逾期未付款", "--as", "杜萍", "--json", "--xlsx", str(target))
    assert result.exit_code == 0
    answer = json.loads(result.stdout)
    assert answer["file"] == str(target)
    written = rows(target)
    assert written[0][:3] == ["客户", "负责人", "逾期金额"]
    assert [row[0] for row in written[1:]] == [item["client"] for item in answer["items"]]
    assert [row[2] for row in written[1:]] == [item["overdue_amount"] for item in answer["items"]]
    assert len(written) - 1 == len(answer["items"]) > 10


def test_ask_xlsx_in_english_has_english_headers_and_says_where_it_wrote(run, tmp_path: Path) -> None:
    target = tmp_path / "contracts.xlsx"
    result = run("ask", "contracts expiring in the next 90 days", "--as", "杜萍", "--xlsx", str(target))
    assert result.exit_code == 0 and str(target) in result.stdout.replace("\n", "")
    header = rows(target)[0]
    assert "Client" in header and all(isinstance(name, str) and name.isascii() for name in header)


def test_ask_xlsx_for_a_single_figure_is_a_clear_error_and_writes_nothing(run, tmp_path: Path) -> None:
    target = tmp_path / "total.xlsx"
    result = run("ask", "本月回款多少", "--as", "杜萍", "--xlsx", str(target))
    assert result.exit_code == 2 and "不是列表" in result.stderr
    assert not target.exists()


def test_export_in_a_later_command_writes_the_last_list_into_the_current_folder(run, tmp_path: Path) -> None:
    assert run("ask", "我的逾期客户", "--as", "刘建").exit_code == 0
    result = run("ask", "导出", "--as", "刘建")
    assert result.exit_code == 0 and "已导出" in result.stdout
    [written] = list(tmp_path.glob("*.xlsx"))
    listed = json.loads(run("ask", "我的逾期客户", "--as", "刘建", "--json").stdout)["items"]
    assert [row[0] for row in rows(written)[1:]] == [item["client"] for item in listed]
    again = json.loads(run("ask", "导出", "--as", "刘建", "--json").stdout)
    assert again["intent"] == "export" and Path(again["file"]).name != written.name  # numbered, not overwritten
