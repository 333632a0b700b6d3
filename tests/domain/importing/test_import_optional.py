"""The optional columns and sheet of import-format.md: disputes on invoices, received dates on documents and the
承诺付款 / Promises sheet — good rows land, every bad row is reported with sheet, row and reason, and importing
the same workbook again changes nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from domain.importing.book import local_day
from domain.models import DocumentRequest, Invoice, PaymentPromise
from tests.domain.importing.workbook import base_firm, checksum, errors_of, run, typed

INVOICE_HEAD = ["发票号", "客户名称", "开票日期", "到期日", "金额", "异议", "异议说明"]
DOC_HEAD = ["客户名称", "所属期", "资料", "截止日期", "状态", "提交日期"]
PROMISE_HEAD = ["客户名称", "承诺日期", "金额", "登记日期"]


def _disputes(app) -> dict[str, tuple[bool, str | None]]:
    return {no: (d, note) for no, d, note in typed(app, select(Invoice.invoice_no, Invoice.disputed,
                                                                Invoice.dispute_note))}


def _received(app) -> dict[str, tuple[str, datetime | None]]:
    found = typed(app, select(DocumentRequest.item, DocumentRequest.status, DocumentRequest.received_at))
    return {item: (str(status), at) for item, status, at in found}


def _promises(app) -> list[tuple]:
    query = select(PaymentPromise.made_on, PaymentPromise.promised_by, PaymentPromise.amount_cents,
                   PaymentPromise.status).order_by(PaymentPromise.made_on)
    return [(m, p, a, str(s)) for m, p, a, s in typed(app, query)]


def test_disputed_accepts_every_yes_no_word_and_rejects_others(app):
    book = base_firm()
    book["应收"] = [INVOICE_HEAD,
                    ["FP1", "甲公司", "2026-01-01", "2026-01-31", 100, "是", "金额与合同不符"],
                    ["FP2", "甲公司", "2026-01-01", "2026-01-31", 100, "yes", None],
                    ["FP3", "甲公司", "2026-01-01", "2026-01-31", 100, "FALSE", None],
                    ["FP4", "甲公司", "2026-01-01", "2026-01-31", 100, 1, None],
                    ["FP5", "甲公司", "2026-01-01", "2026-01-31", 100, None, None],
                    ["FP6", "甲公司", "2026-01-01", "2026-01-31", 100, "maybe", None]]
    book["收款"] = [["客户名称", "收款日期", "金额"]]
    report = run(app, book)
    assert errors_of(report, "invoices") == [
        (7, "异议：无法识别的是/否「maybe」 (Disputed: expected yes/no, got 'maybe')")]
    assert _disputes(app) == {"FP1": (True, "金额与合同不符"), "FP2": (True, None), "FP3": (False, None),
                              "FP4": (True, None), "FP5": (False, None)}
    digest = checksum(app)
    again = run(app, book)
    assert again.written["invoices"] == {"inserted": 0, "updated": 0} and checksum(app) == digest


def test_a_workbook_without_the_dispute_columns_keeps_stored_disputes(app):
    book = base_firm()
    book["应收"] = [INVOICE_HEAD, ["FP1", "甲公司", "2026-01-01", "2026-01-31", 1000, "是", "对账中"]]
    run(app, book)
    run(app, base_firm())  # the plain format: no 异议 columns
    assert _disputes(app) == {"FP1": (True, "对账中")}
    book["应收"][1][5] = "否"
    run(app, book)
    assert _disputes(app)["FP1"][0] is False


def test_received_dates(app):
    book = base_firm()
    book["资料"] = [DOC_HEAD,
                    ["甲公司", "2026-10", "银行对账单", "2026-11-05", "已提交", "2026-11-03"],
                    ["甲公司", "2026-10", "进项发票", "2026-11-05", None, "2026年11月4日"],  # a date: received
                    ["甲公司", "2026-10", "工资表", "2026-11-05", "已提交", None],  # no date: left empty
                    ["甲公司", "2026-10", "费用票据", "2026-11-05", "待提交", None],
                    ["甲公司", "2026-10", "合同复印件", "2026-11-05", "待提交", "2026-11-03"],  # contradiction
                    ["甲公司", "2026-10", "社保清单", "2026-11-05", "已提交", "2026-11-31"]]  # no such date
    report = run(app, book)
    assert errors_of(report, "documents") == [
        (6, "状态为待提交却填写了提交日期 (a received date on a pending request)"),
        (7, "提交日期：日期不存在「2026-11-31」 (Received On: no such date '2026-11-31')")]
    got = _received(app)
    assert got["银行对账单"][0] == "received" and local_day(got["银行对账单"][1], "Asia/Shanghai") == date(2026, 11, 3)
    assert got["进项发票"][0] == "received" and local_day(got["进项发票"][1], "Asia/Shanghai") == date(2026, 11, 4)
    assert got["工资表"] == ("received", None) and got["费用票据"] == ("pending", None)
    digest = checksum(app)
    assert run(app, book).written["documents"] == {"inserted": 0, "updated": 0} and checksum(app) == digest


def test_a_received_row_without_a_date_keeps_the_time_the_product_recorded(app):
    book = base_firm()
    book["资料"] = [DOC_HEAD, ["甲公司", "2026-10", "银行对账单", "2026-11-05", "已提交", None]]
    run(app, book)
    recorded = datetime(2026, 11, 4, 7, 30, tzinfo=UTC)  # as a chat action would record it
    with app.session() as session:
        session.execute(DocumentRequest.__table__.update().values(received_at=recorded))
    run(app, book)
    assert _received(app)["银行对账单"] == ("received", recorded)
    book["资料"][1][5] = "2026-11-04"  # the same day in the firm's time: the recorded time stays
    assert run(app, book).written["documents"] == {"inserted": 0, "updated": 0}
    book["资料"][1][5] = "2026-11-02"  # another day: the workbook wins
    run(app, book)
    assert local_day(_received(app)["银行对账单"][1], "Asia/Shanghai") == date(2026, 11, 2)
    book["资料"][1][4:6] = ["待提交", None]  # back to pending: no received date
    run(app, book)
    assert _received(app)["银行对账单"] == ("pending", None)


def test_promises_sheet(app):
    book = base_firm()
    book["承诺付款"] = [PROMISE_HEAD,
                        ["甲公司", "2026-11-30", "5,000", "2026-11-10"],
                        ["甲公司", "2026-12-15", None, "2026-11-20"],  # newer: replaces the first
                        ["乙公司", "2026-11-01", 100, "2026-11-10"],  # promised before it was made
                        ["丁公司", "2026-12-01", 100, "2026-11-10"],  # unknown client
                        ["乙公司", None, 100, "2026-11-10"],  # required cell empty
                        ["乙公司", "2026-12-01", 0, "2026-11-11"],  # an amount must be > 0
                        ["甲公司", "2026-12-20", None, "2026-11-20"]]  # same client + made on as row 3
    report = run(app, book)
    assert errors_of(report, "promises") == [
        (4, "承诺日期早于登记日期 (promised date is before the day it was made)"),
        (5, "客户不存在：丁公司 (unknown client: 丁公司)"),
        (6, "必填项为空：承诺日期 (required cell is empty: Promised By)"),
        (7, "金额：必须大于0（0） (Amount: must be greater than 0, got '0')"),
        (8, "重复的客户名称+登记日期，与第3行相同 (duplicate Client + Made On, same as row 3)")]
    assert report.imported["promises"] == 2 and report.rejected["promises"] == 5
    assert _promises(app) == [(date(2026, 11, 10), date(2026, 11, 30), 5000_00, "replaced"),
                              (date(2026, 11, 20), date(2026, 12, 15), None, "open")]
    digest = checksum(app)
    again = run(app, book)
    assert again.written["promises"] == {"inserted": 0, "updated": 0} and checksum(app) == digest


def test_promise_status_column_is_read_and_a_stored_status_survives_a_workbook_without_it(app):
    book = base_firm()
    book["承诺付款"] = [[*PROMISE_HEAD, "状态"], ["甲公司", "2026-11-30", 500, "2026-11-10", "已违约"]]
    run(app, book)
    assert _promises(app)[0][3] == "broken"
    book["承诺付款"] = [PROMISE_HEAD, ["甲公司", "2026-11-30", 500, "2026-11-10"]]
    run(app, book)
    assert _promises(app)[0][3] == "broken"


def test_the_promises_counts_appear_only_when_the_workbook_has_the_sheet(app):
    assert "promises" not in run(app, base_firm()).imported
    book = base_firm()
    book["承诺付款"] = [PROMISE_HEAD]
    report = run(app, book)
    assert report.imported["promises"] == 0 and list(report.imported)[-6:-4] == ["documents", "promises"]


def test_rows_written_from_chat_are_matched_by_their_values_not_duplicated(app):
    """A payment, an interaction and a feedback score recorded in chat ('chat:' keys) and then exported: importing
    the same rows takes them over instead of adding copies; a second identical row is a second payment."""
    from domain.models import Client, Feedback, Interaction, Payment, Staff

    run(app, base_firm())
    with app.session() as session:
        client = session.execute(select(Client.id).where(Client.name == "甲公司")).scalar_one()
        staff = session.execute(select(Staff.id).where(Staff.name == "李会计")).scalar_one()
        session.add_all([
            Payment(row_key="chat:payment:1", client_id=client, paid_on=date(2026, 2, 1), amount_cents=500_00,
                    method="转账", seq=100),
            Payment(row_key="chat:payment:2", client_id=client, paid_on=date(2026, 2, 2), amount_cents=700_00,
                    reference="LS-77", seq=101),
            Interaction(row_key="chat:interaction:1", client_id=client, date=date(2026, 2, 3), channel="其他",
                        staff_id=staff, summary="电话沟通续约"),
            Feedback(row_key="chat:feedback:1", client_id=client, date=date(2026, 2, 4), score=4, comment="满意")])
    book = {
        "收款": [["客户名称", "发票号", "收款日期", "金额", "方式", "流水号"],
                 ["甲公司", None, "2026-02-01", 500, "转账", None], ["甲公司", None, "2026-02-02", 700, None, "LS-77"]],
        "沟通记录": [["客户名称", "日期", "方式", "员工", "摘要"],
                     ["甲公司", "2026-02-03", "其他", "李会计", "电话沟通续约"]],
        "反馈": [["客户名称", "日期", "满意度", "意见"], ["甲公司", "2026-02-04", 4, "满意"]],
    }
    digest = checksum(app)
    report = run(app, book)
    assert report.errors == [] and checksum(app) == digest
    assert report.written == {key: {"inserted": 0, "updated": 0} for key in ("payments", "interactions", "feedback")}
    book["收款"].append(["甲公司", None, "2026-02-01", 500, "转账", None])  # a second, equal payment
    assert run(app, book).written["payments"] == {"inserted": 1, "updated": 0}
