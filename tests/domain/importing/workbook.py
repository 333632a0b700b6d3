"""Small workbooks for importer tests, built as SheetData (or written to .xlsx) from plain rows."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import text

from bot.bootstrap import App
from bot.schema import metadata
from domain.importing import ImportReport, SheetData, import_sheets

# Real unified social credit codes (published company registrations), independent of our check-digit code.
VALID_CODES = ("9144030071526726XG", "91330100716105852F", "91110000802100433B", "91350100M000100Y43")

Rows = list[list[object]]


def base_firm() -> dict[str, Rows]:
    """Two staff, two clients and one of everything else, all valid."""
    return {
        "员工": [["姓名", "角色", "上级", "时薪成本"],
                 ["王经理", "经理", None, 200], ["李会计", "员工", "王经理", "100"]],
        "客户": [["客户名称", "负责人", "统一社会信用代码", "标签"],
                 ["甲公司", "李会计", VALID_CODES[0], "VIP、连锁"], ["乙公司", "王经理", None, None]],
        "联系人": [["客户名称", "姓名", "主联系人"], ["甲公司", "张三", "是"]],
        "合同": [["合同编号", "客户名称", "服务类型", "开始日期", "结束日期", "合同金额"],
                 ["HT1", "甲公司", "代理记账", "2026-01-01", "2026-12-31", "12,000.00"]],
        "应收": [["发票号", "客户名称", "合同编号", "开票日期", "到期日", "金额"],
                 ["FP1", "甲公司", "HT1", "2026-01-01", "2026-01-31", 1000]],
        "收款": [["客户名称", "发票号", "收款日期", "金额"], ["甲公司", "FP1", "2026-01-20", 1000]],
        "资料": [["客户名称", "所属期", "资料", "截止日期", "状态"],
                 ["甲公司", "2026-10", "银行对账单", "2026-11-05", "待提交"]],
        "服务记录": [["客户名称", "日期", "员工", "工时"], ["甲公司", "2026-10-01", "李会计", 2]],
        "沟通记录": [["客户名称", "日期", "方式", "员工"], ["甲公司", "2026-10-02", "电话", "李会计"]],
        "反馈": [["客户名称", "日期", "满意度"], ["甲公司", "2026-10-03", 5]],
        "税种": [["客户名称", "税种", "申报周期"], ["甲公司", "增值税", "按月"]],
    }


def as_sheets(book: dict[str, Rows]) -> list[SheetData]:
    return [SheetData(title=title, header=list(rows[0]), rows=[list(r) for r in rows[1:]])
            for title, rows in book.items()]


def run(app: App, book: dict[str, Rows]) -> ImportReport:
    return import_sheets(app.session, as_sheets(book))


def errors_of(report: ImportReport, sheet: str) -> list[tuple[int, str]]:
    return [(e["row"], e["reason"]) for e in report.errors if e["sheet"] == sheet]


def write_xlsx(path: Path, book: dict[str, Rows]) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in book.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def scalar(app: App, sql: str, **params: object) -> object:
    with app.engine.connect() as conn:
        return conn.execute(text(sql), params).scalar()


def rows(app: App, sql: str, **params: object) -> list[tuple]:
    with app.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql), params)]


def typed(app: App, statement) -> list[tuple]:
    """Rows of a SQLAlchemy select, with dates as `date` on every backend."""
    with app.session() as session:
        return [tuple(r) for r in session.execute(statement)]


def install_failing_trigger(app: App) -> None:
    """A database error on the invoice with amount 42.42, as a real constraint failure would raise mid-sheet."""
    with app.engine.begin() as conn:
        if app.engine.dialect.name == "sqlite":
            for when in ("INSERT", "UPDATE"):
                conn.execute(text(f"CREATE TRIGGER boom_{when.lower()} BEFORE {when} ON invoice "
                                  "WHEN NEW.amount_cents = 4242 BEGIN SELECT RAISE(ABORT, 'boom'); END"))
        else:
            conn.execute(text("CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN IF NEW.amount_cents = 4242 THEN "
                              "RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql"))
            conn.execute(text("CREATE TRIGGER boom BEFORE INSERT OR UPDATE ON invoice FOR EACH ROW "
                              "EXECUTE FUNCTION boom()"))


def checksum(app: App) -> dict[str, str]:
    """A digest of every table's rows in id order, to prove that a re-import wrote nothing."""
    out = {}
    with app.engine.connect() as conn:
        for name, table in metadata.tables.items():
            order = ", ".join(f'"{c.name}"' for c in table.primary_key.columns)
            data = conn.execute(text(f'SELECT * FROM "{name}" ORDER BY {order}')).all()
            out[name] = hashlib.sha256(repr([tuple(r) for r in data]).encode()).hexdigest()
    return out
