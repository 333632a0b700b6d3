"""A small firm for the workflow tests, built with the real models (tests/domain/facts/firm.py), and shortcuts for
opening its instances and acting on them as a given person through the real transitions.

Staff: 赵总 (admin); 杜萍 (manager) → 王芳, 秦霞; 周明 (manager) → 刘建.
Clients (bookkeeping contracts for 2026 unless said): 杭州华信科技有限公司 (王芳, a monthly VAT filer, plus a
registration contract starting 2026-12-02), 上海明远贸易有限公司 (秦霞), 深圳长青物流有限公司 (刘建),
北京天成建筑有限公司 (刘建, contract terminated), 广州旧客咨询有限公司 (王芳, churned, contract still running).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.bootstrap import App
from domain.models import Client, Staff
from domain.scope import Viewer, viewer_for_staff
from domain.workflows.models import WorkflowInstance
from domain.workflows.opening import Opening, OpenReport, open_month
from domain.workflows.templates import Templates, load_templates
from domain.workflows.transitions import Actor, Applied, Change, apply
from tests.domain.facts.firm import Firm

HUAXIN = "杭州华信科技有限公司"
MINGYUAN = "上海明远贸易有限公司"
CHANGQING = "深圳长青物流有限公司"
TIANCHENG = "北京天成建筑有限公司"
CHURNED = "广州旧客咨询有限公司"
TEMPLATES: Templates = load_templates()


def build_firm(app: App) -> None:
    with app.session() as session:
        firm = Firm(session)
        boss = firm.staff("赵总", role="admin")
        du = firm.staff("杜萍", role="manager", manager=boss)
        zhou = firm.staff("周明", role="manager", manager=boss)
        wang = firm.staff("王芳", manager=du)
        qin = firm.staff("秦霞", manager=du)
        liu = firm.staff("刘建", manager=zhou)
        huaxin = firm.client(HUAXIN, wang, short_name="华信科技")
        firm.tax(huaxin, "增值税", "monthly")
        firm.contract(huaxin, "HT-HX", "bookkeeping", "2026-01-01", "2026-12-31")
        firm.contract(huaxin, "HT-HX-REG", "registration", "2026-12-02", "2027-01-31")
        mingyuan = firm.client(MINGYUAN, qin, short_name="明远贸易")
        firm.contract(mingyuan, "HT-MY", "bookkeeping", "2026-01-01", "2026-12-31")
        changqing = firm.client(CHANGQING, liu)
        firm.contract(changqing, "HT-CQ", "bookkeeping", "2025-07-01", "2026-06-30")
        firm.contract(changqing, "HT-CQ2", "bookkeeping", "2026-07-01", "2027-06-30")
        tiancheng = firm.client(TIANCHENG, liu)
        firm.contract(tiancheng, "HT-TC", "bookkeeping", "2026-01-01", "2026-12-31", status="terminated")
        churned = firm.client(CHURNED, wang, status="churned")
        firm.contract(churned, "HT-JK", "bookkeeping", "2026-01-01", "2026-12-31")
        del du, qin


def moment(day: date, clock: time = time(10, 0)) -> datetime:
    return datetime.combine(day, clock, tzinfo=UTC)


def open_period(app: App, period: str, today: date) -> OpenReport:
    with app.session() as session:
        return open_month(session, TEMPLATES, period, Opening(today=today, now=moment(today), via="cli"))


def viewer(session: Session, name: str) -> Viewer:
    staff = session.execute(select(Staff).where(Staff.name == name)).scalar_one()
    return viewer_for_staff(session, staff)


def instance_id(session: Session, client: str, template: str = "bookkeeping", period: str = "2026-11") -> int:
    stmt = (select(WorkflowInstance.id).join(Client, Client.id == WorkflowInstance.client_id)
            .where(Client.name == client, WorkflowInstance.template == template, WorkflowInstance.period == period))
    return session.execute(stmt).scalar_one()


@dataclass
class Act:
    """Act on the firm as a person, on a day, through a channel (each call is its own unit of work)."""

    app: App
    today: date
    via: str = "cli"

    def __call__(self, who: str, kind: str, client: str, stage: str | None = None, *, template: str = "bookkeeping",
                 period: str = "2026-11", to: str | None = None) -> Applied:
        with self.app.session() as session:
            to_id = session.execute(select(Staff.id).where(Staff.name == to)).scalar_one() if to else None
            change = Change(kind=kind, instance_id=instance_id(session, client, template, period), stage=stage,
                            to_staff_id=to_id)  # type: ignore[arg-type]
            actor = Actor(viewer(session, who), self.via, self.today, moment(self.today))
            return apply(session, actor, change)
