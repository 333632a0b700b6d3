"""Workflow commands and questions in many wordings — Chinese, English and mixed — and the questions that are NOT
about workflows (every reference question of the sample firm among them), which are left to the question parser."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.understand import EntityIndex
from bot.workflows.lexicon import workflow_terms
from bot.workflows.understand import TermGate, understand_workflow
from domain.models import Role, Staff
from domain.scope import Viewer, viewer_for_staff
from domain.workflows.templates import load_templates
from tests.conftest import SAMPLE_ANSWERS, SAMPLE_TODAY

DEVSET = Path(__file__).parents[1] / "understand" / "devset"

TODAY = date(2026, 12, 10)
STAFF = [(1, "杜萍"), (2, "王芳"), (3, "秦霞"), (4, "刘建"), (5, "Alice Chen")]
CLIENTS = [(101, "杭州华信科技有限公司", "华信科技", "杭州", 2), (108, "上海明远贸易有限公司", "明远贸易", "上海", 3),
           (110, "Pioneer E-commerce Co., Ltd.", None, "上海", 2), (120, "上海立信审计事务所有限公司", None, "上海", 2),
           (121, "深圳长青物流有限公司", "长青", "深圳", 4)]
INDEX = EntityIndex.from_names(clients=CLIENTS, staff=STAFF, regions=["上海", "杭州", "深圳"],
                               industries=["科技", "贸易", "物流", "电商"], tags=["跨境电商"])
TERMS = workflow_terms(load_templates())
WANG = Viewer(kind="staff", name="王芳", staff_id=2, role=Role.staff, owner_ids=frozenset({2}))
ENTRY, FILING, HANDOVER, SORTING = (("bookkeeping", k) for k in ("entry", "filing", "handover", "sorting"))


def ask(text: str):
    return understand_workflow(text, today=TODAY, viewer=WANG, index=INDEX, terms=TERMS)


COMMANDS = [
    # (text, family, clients, stages, templates, period, staff, language)
    ("华信科技 11月 账务处理完成", "complete", [101], [ENTRY], [], "2026-11", [], "zh"),
    ("华信科技11月的账务处理做完了", "complete", [101], [ENTRY], [], "2026-11", [], "zh"),
    ("华信科技 资料交接 搞定了", "complete", [101], [HANDOVER], [], None, [], "zh"),
    ("华信科技报税已完成", "complete", [101], [FILING], [], None, [], "zh"),
    ("杭州华信科技有限公司 2026年11月 纳税申报 完成", "complete", [101], [FILING], [], "2026-11", [], "zh"),
    ("华信科技上个月的记账完成了", "complete", [101], [], ["bookkeeping"], "2026-11", [], "zh"),
    ("mark Huaxin bookkeeping entries done", "complete", [101], [ENTRY], [], None, [], "en"),
    ("Huaxin tax filing done for November", "complete", [101], [FILING], [], "2026-11", [], "en"),
    ("华信科技 receipt sorting completed", "complete", [101], [SORTING], [], None, [], "en"),
    ("Pioneer 11月 票据整理 finished", "complete", [110], [SORTING], [], "2026-11", [], "zh"),
    ("上海立信审计事务所有限公司 审计 完成", "complete", [120], [], ["audit"], None, [], "zh"),
    ("把华信科技的报税转给秦霞", "reassign", [101], [FILING], [], None, [3], "zh"),
    ("华信科技的纳税申报交给刘建", "reassign", [101], [FILING], [], None, [4], "zh"),
    ("把华信科技的记账转交给秦霞", "reassign", [101], [], ["bookkeeping"], None, [3], "zh"),
    ("reassign Huaxin's filing to 秦霞", "reassign", [101], [FILING], [], None, [3], "en"),
    ("hand over Pioneer bookkeeping to Alice Chen", "reassign", [110], [], ["bookkeeping"], None, [5], "en"),
    ("华信科技资料交接在等客户", "wait", [101], [HANDOVER], [], None, [], "zh"),
    ("华信科技 11月 资料交接 等客户资料", "wait", [101], [HANDOVER], [], "2026-11", [], "zh"),
    ("Huaxin handover waiting on the client", "wait", [101], [HANDOVER], [], None, [], "en"),
    ("华信科技的客户确认 等待客户确认", "wait", [101],
     [("bookkeeping", "confirmation"), ("cit_annual", "confirmation")],  # two services have one: see targets.py
     [], None, [], "zh"),
]


@pytest.mark.parametrize(("text", "family", "clients", "stages", "templates", "period", "staff", "language"),
                         COMMANDS, ids=[c[0] for c in COMMANDS])
def test_commands_in_many_wordings(text, family, clients, stages, templates, period, staff, language) -> None:
    found = ask(text)
    assert found is not None, text
    assert (found.family, found.clients, found.stages, found.templates, found.period, found.staff, found.language) == (
        family, clients, stages, templates, period, staff, language)


QUESTIONS = [
    ("明远贸易的记账卡在哪一步", "status", [108]),
    ("华信科技记账进度", "status", [101]),
    ("华信科技的记账到哪一步了", "status", [101]),
    ("华信科技11月报税的状态", "status", [101]),
    ("where is Huaxin's bookkeeping", "status", [101]),
    ("Pioneer bookkeeping status", "status", [110]),
    ("华信科技还没报税吗", "status", [101]),
    ("本月还没报税的客户", "pending", []),
    ("哪些客户还没报税", "pending", []),
    ("本月还有哪些客户没有完成纳税申报", "pending", []),
    ("which clients have not filed this month", "pending", []),
    ("11月还没做账务处理的客户", "pending", []),
    ("clients that haven't done the handover", "pending", []),
    ("哪些任务超时了", "overdue", []),
    ("超时的任务", "overdue", []),
    ("哪些阶段逾期了", "overdue", []),
    ("overdue tasks", "overdue", []),
    ("which tasks are late", "overdue", []),
    ("记账超时的客户有哪些", "overdue", []),
    ("我手上还有哪些待办", "tasks", []),
    ("我的待办", "tasks", []),
    ("王芳的待办", "tasks", []),
    ("秦霞手上有哪些任务", "tasks", []),
    ("my open tasks", "tasks", []),
    ("what tasks do I have", "tasks", []),
    ("华信科技11月记账谁做的", "history", [101]),
    ("华信科技的报税是谁做的", "history", [101]),
    ("who did Huaxin's November bookkeeping", "history", [101]),
    ("华信科技的流程记录", "history", [101]),
    ("on-time rate by stage", "on_time", []),
    ("各阶段准时率", "on_time", []),
    ("按员工的准时率", "on_time", []),
    ("on time rate per person", "on_time", []),
    ("上个月的准时率", "on_time", []),
    ("who has the most open tasks", "load", []),
    ("谁的待办最多", "load", []),
    ("每个人手上有多少任务", "load", []),
    ("workload per person", "load", []),
    ("平均周期", "cycle", []),
    ("记账的平均周期", "cycle", []),
    ("average cycle time per service", "cycle", []),
    ("代理记账平均多久完成", "cycle", []),
]


@pytest.mark.parametrize(("text", "family", "clients"), QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_questions_in_many_wordings(text, family, clients) -> None:
    found = ask(text)
    assert found is not None, text
    assert (found.family, found.clients) == (family, clients)


def test_what_the_questions_carry() -> None:
    pending = ask("本月还没报税的客户")
    assert pending.current_period and pending.stages == [FILING]
    assert ask("11月还没做账务处理的客户").period == "2026-11"
    assert ask("on time rate per person").by == "staff" and ask("各阶段准时率").by == "stage"
    assert ask("王芳的待办").staff == [2] and ask("我手上还有哪些待办").me
    window = ask("上个月的准时率").window
    assert window == (date(2026, 11, 1), date(2026, 11, 30))
    assert ask("华信科技 11月 装修完成").unknown_stage == "装修"


@pytest.mark.parametrize(("text", "family"), [("确认", "confirm"), ("Confirm", "confirm"), ("好的", "confirm"),
                                              ("取消", "cancel"), ("cancel", "cancel"), ("算了", "cancel")])
def test_confirmation_words_alone(text, family) -> None:
    assert ask(text).family == family


NOT_WORKFLOWS = ["哪些客户逾期未付款", "本月申报截止日", "哪些客户还没交资料", "活跃客户有哪些", "华信科技的客户档案",
                 "本月需要申报增值税的客户有多少", "王芳负责多少个客户", "30天内到期的合同", "帮助", "明天会下雨吗",
                 "逾期60天以上的客户", "最近90天差评的客户", "资料逾期未交的客户", "谁回款最多", "华信科技还欠多少钱",
                 "which clients are overdue", "下个月到期的代理记账合同", "华信科技的合同状态",
                 "华信科技的发票超时了吗", "确认一下华信科技的欠款", "本月报税的客户", "审计客户有哪些",
                 "who owes the most"]


@pytest.mark.parametrize("text", NOT_WORKFLOWS)
def test_other_questions_are_left_to_the_question_parser(text) -> None:
    assert ask(text) is None


def test_no_reference_question_is_taken_for_a_workflow(sample_app) -> None:
    questions = json.loads(SAMPLE_ANSWERS.read_text(encoding="utf-8"))["questions"]
    with sample_app.session() as session:
        index = EntityIndex.load(session)
        taken = []
        for case in questions:
            staff = session.execute(select(Staff).where(Staff.name == case["ask_as"])).scalar_one()
            found = understand_workflow(case["question"], today=SAMPLE_TODAY, viewer=viewer_for_staff(session, staff),
                                        index=index, terms=TERMS)
            if found is not None:
                taken.append(case["question"])
    assert taken == []


def _devset_questions() -> list[str]:
    lines = [line for path in sorted(DEVSET.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    return [line.rsplit("|", 1)[-1].strip() for line in lines if line.strip() and not line.startswith("#")]


def test_the_gate_lets_through_every_message_the_understanding_takes() -> None:
    """The routes skip the workflow understanding (its session and name scan) when the gate says no: it must
    never say no to a message the understanding would take — and it does say no to most questions."""
    gate = TermGate(TERMS)
    texts = [c[0] for c in COMMANDS] + [q[0] for q in QUESTIONS] + NOT_WORKFLOWS + [
        "确认", "好的", "取消", "算了", "华信科技 11月 装修完成", *_devset_questions()]
    taken = [text for text in texts if ask(text) is not None]
    assert len(taken) >= len(COMMANDS) + len(QUESTIONS)
    assert [text for text in taken if not gate(text)] == []
    refused = [text for text in texts if not gate(text)]
    assert len(refused) > len(texts) // 2
