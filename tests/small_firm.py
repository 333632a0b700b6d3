"""A small firm for chat-platform tests, built with the models: two staff members with a Slack id each, their
clients with overdue invoices, and a client contact without a Slack id (bound in tests with `bind`).

杜萍 owns 13 clients (more than one screen of rows, so answers carry a "show more" button), all with the short
name 明远 (so "明远" is ambiguous); 王芳 owns one, 华信科技.
Each client has one invoice due 2026-10-01 and unpaid, so on 2026-11-22 every client is overdue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bot.bootstrap import App
from domain.models import Client, Contact, Invoice
from tests.chat_ids import staff_with_ids

DUPING_SLACK = "U0DUPING"
WANGFANG_SLACK = "U0WANGFANG"


@dataclass
class SmallFirm:
    duping_clients: list[str] = field(default_factory=list)
    wangfang_clients: list[str] = field(default_factory=list)
    contact_client: str = ""
    contact_invoice: str = ""
    contact_label: str = ""  # 客户名称/联系人姓名, as `bind` takes it


def build_small_firm(app: App) -> SmallFirm:
    firm = SmallFirm()
    with app.session() as session:
        duping = staff_with_ids(session, "杜萍", slack=DUPING_SLACK)
        wangfang = staff_with_ids(session, "王芳", slack=WANGFANG_SLACK)
        owners = [(duping, f"上海明远{n:02d}贸易有限公司", "明远", firm.duping_clients) for n in range(1, 14)]
        owners.append((wangfang, "杭州华信科技有限公司", "华信科技", firm.wangfang_clients))
        for number, (owner, name, short, names) in enumerate(owners, start=1):
            client = Client(name=name, short_name=short, owner_id=owner.id)
            session.add(client)
            session.flush()
            session.add(Invoice(invoice_no=f"INV-{number:04d}", client_id=client.id, issued_on=date(2026, 9, 1),
                                due_on=date(2026, 10, 1), amount_cents=100_000 * number))
            names.append(name)
        first = session.query(Client).filter(Client.name == firm.duping_clients[0]).one()
        session.add(Contact(client_id=first.id, name="李娜", is_primary=True))
        firm.contact_client, firm.contact_invoice = first.name, "INV-0001"
        firm.contact_label = f"{first.name}/李娜"
    return firm
