"""`zhangfang ask` (one question, --json, --batch) and `zhangfang chat` (the console chat), run as a user would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from typer.testing import CliRunner

from bot.cli import build
from bot.commands import answers
from bot.conversation import answerer
from tests.conftest import SAMPLE_ANSWERS
from tests.fakes.files import xlsx_rows

REFERENCE = json.loads(SAMPLE_ANSWERS.read_text(encoding="utf-8"))


@pytest.fixture
def run(sample_app, monkeypatch: pytest.MonkeyPatch):
    """Invoke the real CLI against the imported sample firm's database."""
    monkeypatch.setenv("ZHANGFANG_DATABASE_URL", sample_app.engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("ZHANGFANG_TODAY", "2026-11-22")
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(build(), list(args), catch_exceptions=False)

    return invoke


def test_ask_json_prints_one_object_with_the_contract_keys(run) -> None:
    result = run("ask", "逾期总额是多少", "--as", "杜萍", "--json")
    assert result.exit_code == 0
    answer = json.loads(result.stdout)
    assert {"intent", "text", "items", "value"} <= set(answer)
    assert answer["intent"] == "overdue_total" and answer["value"] == 417000.0


def test_ask_without_json_shows_a_readable_answer(run) -> None:
    result = run("ask", "how many clients are overdue", "--as", "杜萍")
    assert result.exit_code == 0 and "35" in result.stdout


def test_ask_not_understood_still_exits_zero(run) -> None:
    result = run("ask", "明天会下雨吗", "--as", "杜萍", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)["intent"] == "unknown"


def test_ask_as_nobody_is_a_clear_error(run) -> None:
    result = run("ask", "应收余额", "--as", "不存在的人")
    assert result.exit_code == 2 and "不存在的人" in result.stderr


def test_today_option_changes_the_answer_date(run) -> None:
    result = run("ask", "本月申报截止日", "--as", "杜萍", "--json", "--today", "2026-12-03")
    assert json.loads(result.stdout)["value"] == "2026-12-15"
    bad = run("ask", "应收余额", "--as", "杜萍", "--today", "2026-13-01")
    assert bad.exit_code == 2


def test_batch_answers_every_line_in_order_in_one_process(run, tmp_path: Path) -> None:
    questions = [q["question"] for q in REFERENCE["questions"] if q["ask_as"] == "杜萍"][:12]
    batch = tmp_path / "questions.txt"
    batch.write_text("\n".join(questions) + "\n\n", encoding="utf-8")
    result = run("ask", "--batch", str(batch), "--as", "杜萍")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == len(questions)
    single = [json.loads(run("ask", q, "--as", "杜萍", "--json").stdout) for q in questions]
    assert lines == single


def test_console_chat_answers_typed_lines_and_numbered_buttons(
    sample_app, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))  # the chat keeps its history in ~/.zhangfang_history
    overdue = [i["client"] for i in json.loads(json.dumps(answerer(sample_app).answer(
        answers._viewer(sample_app, "杜萍"), "哪些客户逾期未付款").data))["items"]]
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("哪些客户逾期未付款\n1\n帮助\n")
        pipe.close()
        answers.run_console(sample_app, "杜萍", suggestions=["应收余额"])
    shown = capsys.readouterr().out
    assert overdue[0] in shown and overdue[10] in shown  # the first page, then "1" showed the second
    assert overdue[20] not in shown
    assert "再见" in shown and (tmp_path / ".zhangfang_history").exists()


def test_console_chat_exports_with_the_numbered_export_choice(
    sample_app, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The console shows [1] 显示更多 [2] 导出; typing 2 writes the whole list into the current folder."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("哪些客户逾期未付款\n2\n")
        pipe.close()
        answers.run_console(sample_app, "杜萍")
    shown = capsys.readouterr().out
    assert "[1] 显示更多" in shown and "[2] 导出" in shown
    [file] = tmp_path.glob("*.xlsx")
    assert file.name.startswith("逾期客户") and "已导出 35 行" in shown
    assert len(xlsx_rows(file.read_bytes())) == 36  # the header and every row, not the ten shown
