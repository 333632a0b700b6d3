"""`zhangfang import FILE [--json]` and `zhangfang template FILE`, run through the real command line."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from bot.bootstrap import App
from bot.cli import build
from tests.cli_database import cli_database_url
from tests.conftest import SAMPLE_ANSWERS, SAMPLE_XLSX, table_counts
from tests.domain.importing.workbook import base_firm, install_failing_trigger, write_xlsx

KEYS = ["staff", "clients", "contacts", "contracts", "invoices", "payments", "documents", "service_logs",
        "interactions", "feedback", "tax_obligations"]


@pytest.fixture(autouse=True)
def _no_dotenv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def run(app: App, *args: str) -> Result:
    env = {"ZHANGFANG_DATABASE_URL": cli_database_url(app), "ZHANGFANG_TODAY": None}
    return CliRunner().invoke(build(), list(args), env=env)


def test_import_json_prints_exactly_the_report_of_the_spec(make_app: Callable[..., App]):
    app = make_app()
    result = run(app, "import", str(SAMPLE_XLSX), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    expected = json.loads(SAMPLE_ANSWERS.read_text(encoding="utf-8"))["import_expected"]
    assert list(report) == ["imported", "rejected", "errors", "ignored_columns"]
    assert list(report["imported"]) == KEYS and list(report["rejected"]) == KEYS
    assert report["imported"] == expected["imported"]
    assert {k: v for k, v in report["rejected"].items() if v} == expected["rejected"]
    bad_code = {"sheet": "clients", "row": 242, "reason": "统一社会信用代码校验位错误 (invalid check character)"}
    assert bad_code in report["errors"]
    assert table_counts(app)["invoice"] == expected["imported"]["invoices"]


def test_import_for_people_shows_a_summary_and_the_rejected_rows(make_app: Callable[..., App], tmp_path: Path):
    app = make_app()
    book = base_firm()
    book["应收"] += [[f"X{i}", "甲公司", None, "2026-02-30", "2026-03-31", 1] for i in range(60)]
    book["客户"][0].append("备注")
    result = run(app, "import", str(write_xlsx(tmp_path / "firm.xlsx", book)))
    assert result.exit_code == 0, result.output
    assert "Import report" in result.stdout and "rejected rows (60)" in result.stdout
    assert "日期不存在" in result.stdout and "and 10 more" in result.stdout
    assert "ignored columns in 客户 Clients: 备注" in result.stdout


def test_import_of_a_missing_file_or_a_non_workbook_fails_with_one_line(make_app: Callable[..., App], tmp_path: Path):
    app = make_app()
    missing = run(app, "import", str(tmp_path / "nope.xlsx"))
    assert missing.exit_code != 0 and "file not found" in missing.stderr
    assert missing.stdout == "" and "Traceback" not in missing.stderr
    text = tmp_path / "notes.xlsx"
    text.write_text("hello", encoding="utf-8")
    garbage = run(app, "import", str(text), "--json")
    assert garbage.exit_code != 0 and "not a readable .xlsx workbook" in garbage.stderr and garbage.stdout == ""
    unknown = run(app, "import", str(write_xlsx(tmp_path / "other.xlsx", {"Sheet1": [["a", "b"], [1, 2]]})))
    assert unknown.exit_code != 0 and "no sheet has a known name" in unknown.stderr


def test_template_writes_an_empty_workbook_that_imports_cleanly(make_app: Callable[..., App], tmp_path: Path):
    app = make_app()
    path = tmp_path / "template.xlsx"
    written = run(app, "template", str(path))
    assert written.exit_code == 0 and path.exists()
    result = run(app, "import", str(path), "--json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["errors"] == [] and not any(report["imported"].values())

    from openpyxl import load_workbook

    workbook = load_workbook(path)
    assert workbook.sheetnames[:3] == ["员工", "客户", "联系人"] and len(workbook.sheetnames) == 12
    headers = [c.value for c in workbook["应收"][1]]
    assert headers == ["发票号*", "客户名称*", "合同编号", "开票日期*", "到期日*", "金额*", "异议", "异议说明"]
    assert [c.value for c in workbook["承诺付款"][1]] == ["客户名称*", "承诺日期*", "金额", "登记日期*", "状态"]
    assert [c.value for c in workbook["资料"][1]][-1] == "提交日期"


def test_import_that_fails_in_the_database_exits_non_zero_naming_the_sheet(make_app: Callable[..., App],
                                                                          tmp_path: Path):
    app = make_app()
    install_failing_trigger(app)
    book = base_firm()
    book["应收"].append(["FP9", "甲公司", None, "2026-03-01", "2026-03-31", "42.42"])
    result = run(app, "import", str(write_xlsx(tmp_path / "firm.xlsx", book)), "--json")
    assert result.exit_code == 1 and result.stdout == ""
    assert "import stopped at sheet 'invoices'" in result.stderr.replace("\n", "")
    assert table_counts(app)["invoice"] == 0 and table_counts(app)["client"] == 2
