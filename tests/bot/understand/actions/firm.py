"""A firm in a real database for the action-understanding tests: the clients of the question tests
(tests/bot/understand/conftest.py — shared brands 天成/鼎盛/华信/明远, English names, a short name), with
invoices (FP…), contracts (HT…), document requests, tags and a manager.

Today is Sunday 2026-11-22. Staff: 杜萍 admin (1), 王芳 staff (2, owns 101 103 106 108 110 112), 秦霞 staff (3),
刘建 staff (4), Alice Chen manager (5) over 秦霞.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from domain.models import (
    Client,
    ClientTag,
    Contract,
    ContractStatus,
    DocumentRequest,
    DocumentStatus,
    Invoice,
    Role,
    ServiceType,
    Staff,
    Tier,
)

TODAY = date(2026, 11, 22)
STAFF = [(1, "杜萍", Role.admin, None), (2, "王芳", Role.staff, None), (3, "秦霞", Role.staff, 5),
         (4, "刘建", Role.staff, None), (5, "Alice Chen", Role.manager, None)]
CLIENTS = [
    (101, "北京华信科技有限公司", None, "北京", 2),
    (102, "深圳华信贸易有限公司", None, "深圳", 3),
    (103, "上海天成建筑工程有限公司", None, "上海", 2),
    (104, "上海天成电子商务有限公司", None, "上海", 3),
    (105, "杭州天成贸易有限公司", None, "杭州", 4),
    (106, "上海鼎盛贸易有限公司", None, "上海", 2),
    (107, "成都鼎盛贸易有限公司", None, "成都", 3),
    (108, "成都明远贸易有限公司", None, "成都", 2),
    (109, "苏州明远科技有限公司", None, "苏州", 4),
    (110, "Pioneer E-commerce Co., Ltd.", None, "上海", 2),
    (111, "Acme Trading (Shanghai) Co., Ltd.", None, "上海", 3),
    (112, "深圳长青物流有限公司", "长青", "深圳", 2),
    (113, "广州和丰电子商务有限公司", None, "广州", 4),
    (114, "Blue Harbor Logistics Ltd.", None, "深圳", 4),
]
TAGS = {101: ["高新技术"], 104: ["跨境电商"], 108: ["出口退税", "初创"], 110: ["跨境电商"]}
# (id, number, client, issued, due, amount yuan, disputed)
INVOICES = [
    (1, "FP100234", 101, date(2026, 9, 1), date(2026, 10, 1), 3600, False),
    (2, "FP100235", 101, date(2026, 10, 1), date(2026, 11, 1), 3600, False),
    (3, "FP100301", 108, date(2026, 10, 1), date(2026, 10, 31), 5000, False),
    (4, "FP100302", 108, date(2026, 11, 1), date(2026, 11, 30), 5000, True),
    (5, "FP100401", 111, date(2026, 10, 15), date(2026, 11, 15), 3600, False),
    (6, "FP100501", 109, date(2026, 10, 1), date(2026, 10, 31), 2000, False),
    (7, "FP100601", 112, date(2026, 10, 1), date(2026, 10, 31), 1500, False),
    (8, "FP100701", 110, date(2026, 10, 1), date(2026, 10, 31), 8000, False),
    (9, "FP100702", 110, date(2026, 11, 1), date(2026, 11, 30), 8000, False),
    (10, "FP100801", 114, date(2026, 10, 1), date(2026, 10, 31), 4200, False),
]
# (id, number, client, service, start, end, amount yuan, status)
CONTRACTS = [
    (1, "HT1001", 108, ServiceType.bookkeeping, date(2026, 1, 1), date(2026, 12, 31), 12000, ContractStatus.active),
    (2, "HT1002", 101, ServiceType.bookkeeping, date(2026, 1, 1), date(2026, 12, 31), 9600, ContractStatus.active),
    (3, "HT1003", 101, ServiceType.audit, date(2026, 3, 1), date(2027, 2, 28), 20000, ContractStatus.active),
    (4, "HT1004", 111, ServiceType.bookkeeping, date(2026, 1, 1), date(2026, 12, 31), 14400, ContractStatus.active),
    (5, "HT1005", 112, ServiceType.tax_filing, date(2025, 12, 1), date(2026, 11, 30), 6000, ContractStatus.active),
    (6, "HT1006", 109, ServiceType.bookkeeping, date(2026, 1, 1), date(2026, 12, 31), 8000, ContractStatus.active),
    (7, "HT0901", 108, ServiceType.bookkeeping, date(2025, 1, 1), date(2025, 12, 31), 10000, ContractStatus.active),
]
# (client, period, item, status)
DOCUMENTS = [
    *[(101, "2026-10", item, DocumentStatus.pending) for item in ("银行对账单", "进项发票", "销项发票", "工资表")],
    (101, "2026-09", "银行对账单", DocumentStatus.received),
    *[(108, "2026-10", item, DocumentStatus.pending) for item in ("银行对账单", "工资表")],
    (108, "2026-11", "银行对账单", DocumentStatus.pending),
    (108, "2026-10", "进项发票", DocumentStatus.received),
    (111, "2026-10", "银行对账单", DocumentStatus.pending),
    (111, "2026-10", "工资表", DocumentStatus.pending),
    (110, "2026-10", "费用报销单", DocumentStatus.pending),
    (110, "2026-10", "进项发票", DocumentStatus.pending),
    (112, "2026-10", "银行对账单", DocumentStatus.pending),
    (109, "2026-10", "工资表", DocumentStatus.pending),
]


def build(session: Session) -> None:
    for sid, name, role, _manager in STAFF:
        session.add(Staff(id=sid, name=name, role=role))
    session.flush()
    for sid, _name, _role, manager in STAFF:
        session.get(Staff, sid).manager_id = manager
    session.flush()
    for cid, name, short, region, owner in CLIENTS:
        session.add(Client(id=cid, name=name, short_name=short, region=region, owner_id=owner,
                           tags="、".join(TAGS.get(cid, [])), tier=Tier.normal))
    session.flush()
    for cid, tags in TAGS.items():
        session.add_all(ClientTag(client_id=cid, tag=tag) for tag in tags)
    for iid, number, cid, issued, due, amount, disputed in INVOICES:
        session.add(Invoice(id=iid, invoice_no=number, client_id=cid, issued_on=issued, due_on=due,
                            amount_cents=amount * 100, disputed=disputed))
    for kid, number, cid, service, start, end, amount, status in CONTRACTS:
        session.add(Contract(id=kid, contract_no=number, client_id=cid, service_type=service, start_on=start,
                             end_on=end, amount_cents=amount * 100, signed_on=start, status=status))
    for cid, period, item, status in DOCUMENTS:
        session.add(DocumentRequest(client_id=cid, period=period, item=item, due_on=date(2026, 11, 10),
                                    status=status))
    session.flush()
