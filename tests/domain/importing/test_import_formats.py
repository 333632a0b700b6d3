"""Names, aliases and formats through a whole import: English sheets and headers, full-width spaces, trailing
`*`, note rows, unknown columns, empty rows, tags, and updates on re-import."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from domain.importing import import_sheets
from domain.importing.template import write_template
from domain.models import Invoice
from tests.domain.importing.workbook import as_sheets, base_firm, errors_of, rows, run, scalar, typed, write_xlsx


def _english_firm() -> dict:
    return {
        " STAFF ": [["name*", "ROLE", "Manager", "Hourly Cost"], ["Alice", "admin", None, "¥300"],
                    ["Bob", "staff", "Alice", 90]],
        "clients": [["Name", "Owner*", "Taxpayer Type", "Tier", "Status", "Signed On"],
                    ["Acme Ltd", "Bob", "small", "high risk", "prospect", "2025.03.01"]],
        "Receivables": [["Invoice No", "Client", "Issued On", "Due On", "Amount"],
                        ["INV-1", "Acme Ltd", "2026/1/5", "2026年2月5日", "￥1,200元"]],
        "回款": [["Client", "Paid On", "Amount", "Method", "Reference"],
                 ["Acme Ltd", "20260120", "1200", "wire", "R1"]],
        "Tax Obligations": [["Client", "Tax", "Frequency"], ["Acme Ltd", "VAT", "quarterly"]],
    }


def test_english_sheet_names_headers_and_values(app):
    report = run(app, _english_firm())
    assert report.errors == []
    assert report.imported | {k: 0 for k in ("contacts", "contracts", "documents", "service_logs", "interactions",
                                              "feedback")} == report.imported
    assert report.imported["staff"] == 2 and report.imported["payments"] == 1
    assert rows(app, "SELECT role, hourly_cost_cents FROM staff ORDER BY name") == [("admin", 30000), ("staff", 9000)]
    assert rows(app, "SELECT taxpayer_type, tier, status FROM client") == [("small", "high_risk", "prospect")]
    invoice = typed(app, select(Invoice.issued_on, Invoice.due_on, Invoice.amount_cents, Invoice.paid_on))
    assert invoice == [(date(2026, 1, 5), date(2026, 2, 5), 120000, date(2026, 1, 20))]
    assert scalar(app, "SELECT frequency FROM tax_obligation") == "quarterly"


def test_full_width_spaces_headers_and_a_trailing_star(app):
    book = {"员工": base_firm()["员工"],
            "\u3000客户\u3000": [["客户名称＊", " 负责人 *", "客户　等级"],
                                 ["\u3000丙公司\u3000", "\u3000李会计 ", "\u3000VIP"]]}
    report = run(app, book)
    assert report.errors == []
    assert rows(app, "SELECT name, tier FROM client WHERE name = '丙公司'") == [("丙公司", "vip")]


def test_every_date_and_amount_form_lands_the_same(app):
    forms = [(date(2026, 1, 5), 1200), ("2026-01-05", "1,200.00"), ("2026/1/5", "¥1,200"), ("2026.01.05", "￥1200元"),
             ("2026年1月5日", " 1200.00 "), ("20260105", 1200.0)]
    book = base_firm()
    book["应收"] += [[f"D{i}", "乙公司", None, d, d, a] for i, (d, a) in enumerate(forms)]
    report = run(app, book)
    assert report.errors == [] and report.imported["invoices"] == 1 + len(forms)
    assert set(typed(app, select(Invoice.issued_on, Invoice.due_on, Invoice.amount_cents).where(
        Invoice.invoice_no != "FP1"))) == {(date(2026, 1, 5), date(2026, 1, 5), 120000)}


def test_unknown_columns_are_ignored_and_listed(app):
    book = {"员工": base_firm()["员工"],
            "客户": [["客户名称", "负责人", "备注", "微信群"], ["丙公司", "李会计", "老客户", "群1"]]}
    report = run(app, book)
    assert report.ignored_columns == {"clients": ["备注", "微信群"]}
    assert report.errors == [] and scalar(app, "SELECT COUNT(*) FROM client") == 1


def test_empty_rows_are_skipped_and_row_numbers_still_match_the_sheet(app):
    book = base_firm()
    book["合同"] += [[None, None, None], ["  ", "\u3000", None, None, None, None],
                     ["HT2", "甲公司", "审计", "2026-01-01", "2026-12-31", 0]]
    report = run(app, book)
    assert report.rejected["contracts"] == 1 and errors_of(report, "contracts")[0][0] == 5
    assert report.imported["contracts"] == 1


def test_the_template_note_row_is_skipped(app, tmp_path):
    from domain.importing import read_workbook

    path = write_template(tmp_path / "template.xlsx")
    empty = import_sheets(app.session, read_workbook(path))
    assert empty.found_sheets == list(empty.imported) and empty.errors == [] and not any(empty.imported.values())

    from openpyxl import load_workbook

    workbook = load_workbook(path)
    workbook["员工"].append(["王经理", "经理"])
    workbook["客户"].append(["甲公司", None, None, None, None, None, None, None, None, None, "王经理"])
    workbook.save(path)
    report = import_sheets(app.session, read_workbook(path))
    assert report.errors == [] and report.imported["staff"] == 1 and report.imported["clients"] == 1
    assert str(workbook["员工"]["A2"].value).startswith("Name*")


def test_tags_are_stored_joined_and_as_tag_rows(app):
    book = base_firm()
    book["客户"][1][3] = "VIP, 连锁；高新技术、VIP"
    run(app, book)
    assert scalar(app, "SELECT tags FROM client WHERE name = '甲公司'") == "VIP、连锁、高新技术"
    assert rows(app, "SELECT tag FROM client_tag ORDER BY tag") == [("VIP",), ("连锁",), ("高新技术",)]

    book["客户"][1][3] = "外贸"
    report = run(app, book)
    assert report.written["clients"] == {"inserted": 0, "updated": 1}
    assert rows(app, "SELECT tag FROM client_tag") == [("外贸",)]


def test_a_changed_row_is_updated_in_place_and_nothing_else_is_written(app):
    run(app, base_firm())
    ids = rows(app, "SELECT id, name FROM client ORDER BY id")
    book = base_firm()
    book["客户"][2][1] = "李会计"  # 乙公司 changes owner
    report = run(app, book)
    assert report.written["clients"] == {"inserted": 0, "updated": 1}
    assert all(w["inserted"] == 0 and w["updated"] == 0 for k, w in report.written.items() if k != "clients")
    assert rows(app, "SELECT id, name FROM client ORDER BY id") == ids
    owner = "SELECT s.name FROM client c JOIN staff s ON s.id = c.owner_id WHERE c.name = '乙公司'"
    assert scalar(app, owner) == "李会计"


def test_columns_missing_from_a_later_workbook_keep_their_stored_values(app):
    book = base_firm()
    book["员工"] = [["姓名", "角色", "邮箱", "Slack ID"], ["王经理", "经理", "wang@example.com", "U123"]]
    run(app, book)
    report = run(app, {"员工": [["姓名", "手机"], ["王经理", "13800000000"]]})
    assert report.written["staff"] == {"inserted": 0, "updated": 1}
    assert rows(app, "SELECT role, email, phone FROM staff") == [("manager", "wang@example.com", "13800000000")]
    assert rows(app, "SELECT platform, user_id FROM chat_identity") == [("slack", "U123")]


def test_managers_named_before_their_own_row_and_chains(app):
    staff = [["姓名", "角色", "上级"], ["小赵", "员工", "钱主管"], ["钱主管", "经理", "孙总"], ["孙总", "管理员", None]]
    report = run(app, {"员工": staff})
    assert report.errors == []
    pairs = rows(app, "SELECT s.name, m.name FROM staff s LEFT JOIN staff m ON m.id = s.manager_id ORDER BY s.id")
    assert pairs == [("小赵", "钱主管"), ("钱主管", "孙总"), ("孙总", None)]


def test_progress_is_reported_per_sheet_up_to_the_total(app):
    calls: list[tuple[str, int, int | None]] = []
    import_sheets(app.session, as_sheets(base_firm()), progress=lambda *a: calls.append(a))
    finals = {sheet: (done, total) for sheet, done, total in calls}
    assert set(finals) == set(
        ["staff", "clients", "contacts", "contracts", "invoices", "payments", "documents", "service_logs",
         "interactions", "feedback", "tax_obligations"])
    assert finals["staff"] == (2, 2) and finals["invoices"] == (1, 1)


def test_an_xlsx_with_date_cells_and_numbers(app, tmp_path):
    from domain.importing import read_workbook

    book = base_firm()
    book["应收"].append(["FP2", "乙公司", None, date(2026, 3, 1), date(2026, 3, 31), 99.5])
    report = import_sheets(app.session, read_workbook(write_xlsx(tmp_path / "firm.xlsx", book)))
    assert report.errors == []
    fp2 = typed(app, select(Invoice.issued_on, Invoice.due_on, Invoice.amount_cents).where(Invoice.invoice_no == "FP2"))
    assert fp2 == [(date(2026, 3, 1), date(2026, 3, 31), 9950)]
