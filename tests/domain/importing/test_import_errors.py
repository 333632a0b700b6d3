"""Every error rule of import-format.md: the bad row is rejected with its sheet, row and reason, and the good
rows beside it are stored."""

from __future__ import annotations

from tests.domain.importing.workbook import base_firm, errors_of, run, scalar


def _count(app, table: str) -> int:
    return scalar(app, f'SELECT COUNT(*) FROM "{table}"')


def test_the_base_firm_is_clean(app):
    report = run(app, base_firm())
    assert report.errors == []
    assert all(report.imported[k] >= 1 for k in report.imported)


def test_a_required_cell_that_is_empty(app):
    book = base_firm()
    book["客户"].append(["\u3000", "李会计", None, None])  # full-width space only: empty
    book["客户"].append(["丙公司", "李会计", None, None])
    report = run(app, book)
    assert errors_of(report, "clients") == [(4, "必填项为空：客户名称 (required cell is empty: Name)")]
    assert _count(app, "client") == 3


def test_a_missing_required_column_rejects_every_row_and_spares_other_sheets(app):
    book = base_firm()
    book["客户"] = [["客户名称", "标签"], ["甲公司", "VIP"]]
    report = run(app, book)
    assert errors_of(report, "clients") == [(2, "缺少必填列「负责人」 (missing required column: Owner)")]
    assert report.imported["staff"] == 2 and _count(app, "client") == 0


def test_an_unreadable_date(app):
    book = base_firm()
    book["合同"].append(["HT2", "甲公司", "审计", "next monday", "2026-12-31", 100])
    book["合同"].append(["HT3", "甲公司", "审计", "2026/2/1", "2026-12-31", 100])
    report = run(app, book)
    assert errors_of(report, "contracts") == [
        (3, "开始日期：无法识别的日期「next monday」 (Start Date: unreadable date 'next monday')")]
    assert _count(app, "contract") == 2


def test_a_date_that_does_not_exist(app):
    book = base_firm()
    book["应收"].append(["FP2", "甲公司", None, "2026-02-01", "2026-13-01", 100])
    book["应收"].append(["FP3", "甲公司", None, "2026-02-01", "2026-02-28", 100])
    report = run(app, book)
    reason = "到期日：日期不存在「2026-13-01」 (Due On: no such date '2026-13-01')"
    assert errors_of(report, "invoices") == [(3, reason)]
    assert _count(app, "invoice") == 2


def test_an_unreadable_amount(app):
    book = base_firm()
    book["收款"] += [["甲公司", None, "2026-02-01", "一千元"], ["甲公司", None, "2026-02-02", "1,000"]]
    report = run(app, book)
    assert errors_of(report, "payments") == [(3, "金额：无法识别的金额「一千元」 (Amount: unreadable amount '一千元')")]
    assert _count(app, "payment") == 2


def test_an_amount_of_zero_or_less(app):
    book = base_firm()
    book["合同"] += [["HT2", "甲公司", "审计", "2026-01-01", "2026-12-31", 0],
                     ["HT3", "甲公司", "审计", "2026-01-01", "2026-12-31", "-5"],
                     ["HT4", "甲公司", "审计", "2026-01-01", "2026-12-31", "5"]]
    report = run(app, book)
    assert [row for row, _ in errors_of(report, "contracts")] == [3, 4]
    assert all("must be greater than 0" in reason for _, reason in errors_of(report, "contracts"))
    assert _count(app, "contract") == 2


def test_hours_of_zero_or_less(app):
    book = base_firm()
    book["服务记录"] += [["甲公司", "2026-10-05", "李会计", 0], ["甲公司", "2026-10-05", "李会计", "0.5"]]
    report = run(app, book)
    assert errors_of(report, "service_logs") == [(3, "工时：必须大于0（0） (Hours: must be greater than 0, got '0')")]
    assert _count(app, "service_log") == 2


def test_a_score_outside_one_to_five(app):
    book = base_firm()
    book["反馈"] += [["甲公司", "2026-10-05", 6], ["甲公司", "2026-10-06", 0], ["乙公司", "2026-10-05", 1]]
    report = run(app, book)
    assert [row for row, _ in errors_of(report, "feedback")] == [3, 4]
    assert "满意度：应为1到5的整数" in errors_of(report, "feedback")[0][1]
    assert _count(app, "feedback") == 2


def test_an_unknown_enum_value(app):
    book = base_firm()
    book["税种"] += [["甲公司", "企业所得税", "按周"], ["甲公司", "个人所得税", "monthly"]]
    book["员工"].append(["赵老板", "boss", None, None])
    report = run(app, book)
    assert errors_of(report, "tax_obligations") == [
        (3, "申报周期：未知的申报周期「按周」 (Frequency: unknown filing frequency '按周')")]
    assert errors_of(report, "staff") == [(4, "角色：未知的角色「boss」 (Role: unknown role 'boss')")]
    assert _count(app, "tax_obligation") == 2 and _count(app, "staff") == 2


def test_a_bad_credit_code_and_an_empty_one(app):
    book = base_firm()
    book["客户"] += [["丙公司", "李会计", "91330100716105852G", None],  # wrong check character
                     ["丁公司", "李会计", "9133010071610585", None],  # too short
                     ["戊公司", "李会计", "91330100716105852F", None],
                     ["己公司", "李会计", "", None]]
    report = run(app, book)
    assert errors_of(report, "clients") == [
        (4, "统一社会信用代码校验位错误 (invalid check character)"),
        (5, "统一社会信用代码格式错误 (must be 18 characters of 0-9 and A-Y without I, O, S, V, Z)")]
    assert _count(app, "client") == 4


def test_unknown_references(app):
    book = base_firm()
    book["客户"].append(["丙公司", "不存在的员工", None, None])
    book["联系人"] += [["丙公司", "钱七", "否"], ["乙公司", "孙八", "否"]]  # 丙公司 was rejected above
    book["员工"].append(["周会计", "员工", "不存在的经理", None])
    book["服务记录"].append(["甲公司", "2026-10-05", "吴会计", 1])
    book["应收"].append(["FP2", "甲公司", "HT999", "2026-02-01", "2026-02-28", 100])
    book["收款"].append(["甲公司", "FP999", "2026-02-01", 100])
    report = run(app, book)
    assert errors_of(report, "clients") == [(4, "负责人不存在：不存在的员工 (unknown owner: 不存在的员工)")]
    assert errors_of(report, "contacts") == [(3, "客户不存在：丙公司 (unknown client: 丙公司)")]
    assert errors_of(report, "staff") == [(4, "上级不存在：不存在的经理 (unknown manager: 不存在的经理)")]
    assert errors_of(report, "service_logs") == [(3, "员工不存在：吴会计 (unknown staff member: 吴会计)")]
    assert errors_of(report, "invoices") == [(3, "合同不存在：HT999 (unknown contract: HT999)")]
    assert errors_of(report, "payments") == [(3, "发票不存在：FP999 (unknown invoice: FP999)")]
    assert _count(app, "contact") == 2 and _count(app, "client") == 2


def test_references_resolve_against_the_database_from_an_earlier_import(app):
    run(app, base_firm())
    report = run(app, {"应收": [["发票号", "客户名称", "合同编号", "开票日期", "到期日", "金额"],
                                ["FP2", "乙公司", None, "2026-03-01", "2026-03-31", 10]]})
    assert report.errors == [] and _count(app, "invoice") == 2


def test_a_contract_or_invoice_of_another_client(app):
    book = base_firm()
    book["应收"].append(["FP2", "乙公司", "HT1", "2026-02-01", "2026-02-28", 100])
    book["收款"].append(["乙公司", "FP1", "2026-02-01", 100])
    report = run(app, book)
    assert errors_of(report, "invoices") == [(3, "合同HT1不属于该客户 (contract HT1 belongs to another client)")]
    assert errors_of(report, "payments") == [(3, "发票FP1不属于该客户 (invoice FP1 belongs to another client)")]


def test_a_natural_key_repeated_within_the_workbook(app):
    book = base_firm()
    book["客户"].append([" 甲公司 ", "王经理", None, None])
    book["合同"].append(["HT1", "乙公司", "审计", "2026-01-01", "2026-12-31", 1])
    book["联系人"].append(["甲公司", "张三", "否"])
    book["资料"].append(["甲公司", "2026年10月", "银行对账单", "2026-11-06", "已提交"])
    book["税种"].append(["甲公司", "增值税", "按季"])
    book["员工"].append(["李会计", "员工", None, None])
    report = run(app, book)
    assert errors_of(report, "clients") == [(4, "重复的客户名称，与第2行相同 (duplicate Name, same as row 2)")]
    assert errors_of(report, "contracts") == [(3, "重复的合同编号，与第2行相同 (duplicate Contract No, same as row 2)")]
    assert [r for r, _ in errors_of(report, "contacts")] == [3]
    assert [r for r, _ in errors_of(report, "documents")] == [3]
    assert [r for r, _ in errors_of(report, "tax_obligations")] == [3]
    assert [r for r, _ in errors_of(report, "staff")] == [4]
    # the first row of each pair is what was stored
    owner = "SELECT s.name FROM client c JOIN staff s ON s.id = c.owner_id WHERE c.name = '甲公司'"
    assert scalar(app, owner) == "李会计"
    assert scalar(app, "SELECT status FROM document_request") == "pending"


def test_identical_payments_without_a_reference_are_two_payments_but_a_repeated_reference_is_an_error(app):
    book = base_firm()
    book["收款"] = [["客户名称", "收款日期", "金额", "流水号"],
                    ["甲公司", "2026-02-01", 100, None], ["甲公司", "2026-02-01", 100, None],
                    ["甲公司", "2026-02-02", 100, "B-1"], ["甲公司", "2026-02-03", 200, "B-1"]]
    report = run(app, book)
    assert errors_of(report, "payments") == [(5, "重复的流水号，与第4行相同 (duplicate Reference, same as row 4)")]
    assert _count(app, "payment") == 3


def test_an_end_date_before_the_start_date(app):
    book = base_firm()
    book["合同"].append(["HT2", "甲公司", "审计", "2026-06-01", "2026-05-31", 100])
    report = run(app, book)
    assert errors_of(report, "contracts") == [(3, "结束日期早于开始日期 (end date is before start date)")]


def test_text_longer_than_its_column_is_rejected_not_a_crash(app):
    book = base_firm()
    book["客户"].append(["长" * 201, "李会计", None, None])
    report = run(app, book)
    reason = "客户名称过长（最多200个字符） (Name too long: at most 200 characters)"
    assert errors_of(report, "clients") == [(4, reason)]
    assert _count(app, "client") == 2


def test_a_bad_yes_no(app):
    book = base_firm()
    book["联系人"].append(["乙公司", "孙八", "也许"])
    report = run(app, book)
    reason = "主联系人：无法识别的是/否「也许」 (Primary: expected yes/no, got '也许')"
    assert errors_of(report, "contacts") == [(3, reason)]
