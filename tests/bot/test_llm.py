"""The LLM fallback, with the real openai client (through langchain-openai) against a local fake endpoint."""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from bot.bootstrap import App
from bot.config import load_settings
from bot.understand.llm import LlmUnderstanding, build_llm, disclaimer, system_prompt
from bot.understand.llm_names import resolve_names
from bot.understand.llm_tool import OFFERED, TOOL_NAME, field_descriptions, parse_arguments, tool_spec
from domain.models import Client, ClientStatus, Contact, Role, Staff, Tier
from domain.queries import Intent, Window
from domain.scope import Viewer, viewer_for_staff
from prompts.loader import load_prompt
from tests.fakes.openai_server import FakeOpenAIServer, malformed, server_error, text_reply, tool_call
from tests.fakes.scripted_server import Scripted

TODAY = date(2026, 11, 22)
API_KEY = "sk-test-7f3a9c1e5b2d4086"


@pytest.fixture
def server() -> Iterator[FakeOpenAIServer]:
    with FakeOpenAIServer() as fake:
        yield fake


@pytest.fixture
def make_llm(server: FakeOpenAIServer) -> Iterator[Callable[..., LlmUnderstanding]]:
    made: list[LlmUnderstanding] = []

    def factory(**overrides: Any) -> LlmUnderstanding:
        values: dict[str, Any] = {"llm_base_url": server.api_base, "llm_api_key": API_KEY,
                                  "llm_model": "fake-model", "llm_timeout_seconds": 5.0}
        values.update(overrides)
        llm = LlmUnderstanding(load_settings(_env_file=None, **values))
        made.append(llm)
        return llm

    yield factory
    for llm in made:
        llm.close()


def ask(llm: LlmUnderstanding, text: str, language: str = "zh"):
    return llm.understand(text, today=TODAY, language=language)


# -- (a) a proper tool call ------------------------------------------------------------------------------


def test_tool_call_becomes_the_query(server: FakeOpenAIServer, make_llm: Callable[..., LlmUnderstanding]) -> None:
    server.enqueue(tool_call(TOOL_NAME, {"intent": "overdue_clients", "min_days_overdue": 60, "min_amount": 5000}))
    outcome = ask(make_llm(), "拖了两个月以上、欠款超过五千块的都有谁")
    assert outcome.error is None
    assert outcome.query is not None
    assert outcome.query.intent == Intent.overdue_clients
    assert outcome.query.min_days_overdue == 60
    assert outcome.query.min_amount == Decimal("5000")
    assert outcome.query.clients.is_empty()
    assert outcome.mentions.is_empty()


def test_request_carries_the_question_date_and_tool(server: FakeOpenAIServer,
                                                    make_llm: Callable[..., LlmUnderstanding]) -> None:
    server.enqueue(tool_call(TOOL_NAME, {"intent": "help"}))
    ask(make_llm(), "what sort of things do you know", language="en")
    body = server.completions[0].json
    assert body["model"] == "fake-model"
    assert body["temperature"] == 0
    system, user = body["messages"]
    assert system["role"] == "system" and "2026-11-22 (Sunday)" in system["content"]
    assert "Write `period_label` in English" in system["content"]
    assert user == {"role": "user", "content": "what sort of things do you know"}
    [tool] = body["tools"]
    assert tool["function"]["name"] == TOOL_NAME
    assert set(tool["function"]["parameters"]["properties"]["intent"]["enum"]) == {i.value for i in OFFERED}


@pytest.mark.parametrize(
    ("question", "arguments", "check"),
    [
        ("上个月收回来多少钱",
         {"intent": "collected", "period_start": "2026-10-01", "period_end": "2026-10-31", "period_label": "上个月"},
         lambda q: q.window == Window(start=date(2026, 10, 1), end=date(2026, 10, 31), label="上个月")),
        ("10月回款率怎么样", {"intent": "collection_rate", "month": "2026-10", "period_start": None},
         lambda q: q.month == "2026-10" and q.window is None),
        ("已经流失的VIP客户有哪些", {"intent": "clients_by_attribute", "tiers": ["vip"], "statuses": ["churned"]},
         lambda q: q.clients.tiers == [Tier.vip] and q.clients.statuses == [ClientStatus.churned]),
        ("利润最低的三个客户", {"intent": "top_clients_by_profit", "limit": 3, "ascending": True},
         lambda q: q.limit == 3 and q.ascending),
        ("Contoso 还有多少没付", {"intent": "receivable_balance", "client_names": ["contoso"]},
         lambda q: q.clients.name_contains == ["contoso"] and q.clients.client_ids is None),
        # an owner filter that is not resolved yet matches nothing, never everything
        ("我名下的逾期客户", {"intent": "overdue_clients", "mine": True},
         lambda q: q.clients.owner_ids == []),
    ],
)
def test_tool_arguments_map_onto_query_fields(server: FakeOpenAIServer, make_llm: Callable[..., LlmUnderstanding],
                                              question: str, arguments: dict, check: Callable) -> None:
    server.enqueue(tool_call(TOOL_NAME, arguments))
    outcome = ask(make_llm(), question)
    assert outcome.error is None and outcome.query is not None
    assert check(outcome.query)


# -- (b) a tool call the product must not trust ------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "arguments"),
    [
        ("明天天气", {"intent": "weather_forecast"}),
        ("随便聊聊", {"intent": "unknown"}),
        ("我的发票", {"intent": "my_invoices"}),  # client-contact family: not offered to the model
        ("逾期客户", {"intent": "overdue_clients", "sql": "DROP TABLE client"}),
        ("逾期很久的客户", {"intent": "overdue_clients", "min_days_overdue": "lots"}),
        ("逾期客户", {"intent": "overdue_clients", "min_days_overdue": -5}),
        ("回款", {"intent": "collected", "period_start": "2026-11-30", "period_end": "2026-11-01"}),
        ("回款", {"intent": "collected", "period_start": "2026-11-01"}),
        ("回款率", {"intent": "collection_rate", "month": "2026-13"}),
        ("客户档案", {"intent": "client_profile"}),
        ("客户信用", {"intent": "clients_by_credit_rating", "credit_rating": "AAA"}),
        # names the model invented: not in the question
        ("欠款最多的客户", {"intent": "receivable_balance", "client_names": ["上海甲乙贸易有限公司"]}),
        ("谁的逾期客户最多", {"intent": "overdue_clients", "owner_names": ["王芳"]}),
        ("负责多少客户", {"intent": "staff_client_count", "staff_name": "Li Si"}),
        ("逾期客户", ["overdue_clients"]),
    ],
)
def test_invalid_tool_arguments_are_a_bad_response(server: FakeOpenAIServer,
                                                   make_llm: Callable[..., LlmUnderstanding],
                                                   question: str, arguments: Any) -> None:
    server.enqueue(tool_call(TOOL_NAME, arguments))
    outcome = ask(make_llm(), question)
    assert (outcome.error, outcome.query) == ("bad_response", None)


@pytest.mark.parametrize("call", [tool_call(TOOL_NAME, '{"intent": "overdue_total"'),
                                  tool_call("run_sql", {"sql": "SELECT * FROM client"})])
def test_unparsable_or_foreign_tool_call_is_a_bad_response(server: FakeOpenAIServer,
                                                           make_llm: Callable[..., LlmUnderstanding],
                                                           call: Scripted) -> None:
    server.enqueue(call)
    outcome = ask(make_llm(), "逾期总额")
    assert (outcome.error, outcome.query) == ("bad_response", None)


# -- (c) no tool call, (d) a body that is not a completion ---------------------------------------------------


def test_plain_text_answer_is_no_tool_call(server: FakeOpenAIServer,
                                          make_llm: Callable[..., LlmUnderstanding]) -> None:
    server.enqueue(text_reply("明天上海多云，气温12到18度。"))
    outcome = ask(make_llm(), "明天会下雨吗")
    assert (outcome.error, outcome.query) == ("no_tool_call", None)


@pytest.mark.parametrize("answer", [malformed(), malformed(b"<html>502 Bad Gateway</html>"),
                                    Scripted(body={"choices": []}), Scripted(body={"object": "list", "data": []})])
def test_body_that_is_not_a_completion_is_a_bad_response(server: FakeOpenAIServer,
                                                         make_llm: Callable[..., LlmUnderstanding],
                                                         answer: Scripted) -> None:
    server.enqueue(answer)
    outcome = ask(make_llm(), "逾期总额是多少")
    assert (outcome.error, outcome.query) == ("bad_response", None)


# -- (e) too slow, (f) server errors ----------------------------------------------------------------------


def test_slow_answer_times_out_within_the_budget(server: FakeOpenAIServer,
                                                 make_llm: Callable[..., LlmUnderstanding]) -> None:
    llm = make_llm(llm_timeout_seconds=0.5)
    server.enqueue(tool_call(TOOL_NAME, {"intent": "help"}))
    assert ask(llm, "帮助").error is None  # the client is built and connected before the clock starts
    server.default = tool_call(TOOL_NAME, {"intent": "overdue_total"}, delay=60)
    started = time.monotonic()
    outcome = ask(llm, "逾期总额是多少")
    elapsed = time.monotonic() - started
    asked = len(server.completions) - 1
    assert (outcome.error, outcome.query) == ("timeout", None)
    assert elapsed < 10  # far before the 60 s answer
    # The budget covers the client's retry too: it gave up before the retry (due ≥ 0.375 s later) went out.
    assert asked == 1


def test_http_500_is_retried_once_then_an_http_error(server: FakeOpenAIServer,
                                                     make_llm: Callable[..., LlmUnderstanding]) -> None:
    server.default = server_error(500)
    outcome = ask(make_llm(), "逾期总额是多少")
    assert (outcome.error, outcome.query) == ("http_error", None)
    assert len(server.completions) == 2


def test_a_failure_then_a_good_answer_succeeds_on_the_retry(server: FakeOpenAIServer,
                                                            make_llm: Callable[..., LlmUnderstanding]) -> None:
    server.enqueue(server_error(503), tool_call(TOOL_NAME, {"intent": "overdue_total"}))
    outcome = ask(make_llm(), "逾期总额是多少")
    assert outcome.error is None and outcome.query is not None and outcome.query.intent == Intent.overdue_total
    assert len(server.completions) == 2


def test_unreachable_endpoint_is_an_http_error(make_llm: Callable[..., LlmUnderstanding]) -> None:
    with FakeOpenAIServer() as gone:
        url = gone.api_base
    outcome = ask(make_llm(llm_base_url=url), "逾期总额是多少")
    assert (outcome.error, outcome.query) == ("http_error", None)


# -- (g) what leaves the building, and what is logged ----------------------------------------------------


def _firm(app: App) -> dict[str, int]:
    with app.session() as session:
        boss = Staff(name="周慕白", role=Role.admin)
        zhang = Staff(name="张三丰", role=Role.staff, manager_id=None)
        li = Staff(name="李四海", role=Role.staff)
        session.add_all([boss, zhang, li])
        session.flush()
        clients = [
            Client(name="上海澄潭精密仪器有限公司", short_name="澄潭精密", owner_id=zhang.id),
            Client(name="杭州澄潭贸易有限公司", short_name="澄潭贸易", owner_id=zhang.id),
            Client(name="Brightwater Logistics Ltd.", short_name="Brightwater", owner_id=li.id),
            Client(name="北京青藤文化传媒有限公司", owner_id=li.id),
        ]
        session.add_all(clients)
        session.flush()
        session.add(Contact(client_id=clients[0].id, name="欧阳娜娜"))
        return {"boss": boss.id, "zhang": zhang.id, "li": li.id, **{c.name: c.id for c in clients}}


def _book_names(app: App) -> list[str]:
    with app.session() as session:
        names = [c.name for c in session.query(Client)] + [c.short_name for c in session.query(Client)]
        names += [s.name for s in session.query(Staff)] + [c.name for c in session.query(Contact)]
    return [n for n in names if n]


def test_request_has_no_client_data_and_the_key_only_in_the_header(
    app: App, server: FakeOpenAIServer, make_llm: Callable[..., LlmUnderstanding], caplog: pytest.LogCaptureFixture
) -> None:
    _firm(app)
    caplog.set_level(logging.DEBUG)
    server.enqueue(tool_call(TOOL_NAME, {"intent": "top_debtors", "limit": 5}))
    outcome = ask(make_llm(), "哪五家客户欠我们的钱最多")
    assert outcome.query is not None and outcome.query.limit == 5

    [request] = server.completions
    sent = json.dumps(request.json, ensure_ascii=False)
    assert "哪五家客户欠我们的钱最多" in sent  # the check below reads the decoded text, Chinese included
    leaked = [name for name in _book_names(app) if name in sent]
    assert leaked == []
    assert request.headers["authorization"] == f"Bearer {API_KEY}"
    assert API_KEY not in sent
    assert caplog.records and API_KEY not in caplog.text
    [info] = [r for r in caplog.records if r.name == "bot.understand.llm" and r.levelno == logging.INFO]
    assert re.fullmatch(r"llm understanding: intent=top_debtors latency_ms=\d+", info.getMessage())


def test_key_stays_out_of_logs_when_calls_fail(server: FakeOpenAIServer, make_llm: Callable[..., LlmUnderstanding],
                                               caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    server.default = server_error(401)
    outcome = ask(make_llm(), "逾期总额是多少")
    assert outcome.error == "http_error"
    assert caplog.records and API_KEY not in caplog.text
    assert "逾期总额是多少" not in "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("bot."))


def test_keyless_endpoint_never_gets_the_environment_key(server: FakeOpenAIServer,
                                                         make_llm: Callable[..., LlmUnderstanding],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-the-environment")
    server.enqueue(tool_call(TOOL_NAME, {"intent": "help"}))
    ask(make_llm(llm_api_key=None), "你能做什么")
    assert server.completions[0].headers["authorization"] == "Bearer not-needed"


def test_not_configured_means_disabled(server: FakeOpenAIServer) -> None:
    settings = load_settings(_env_file=None)
    assert build_llm(settings) is None
    assert LlmUnderstanding(settings).understand("逾期总额", today=TODAY, language="zh").error == "disabled"
    assert isinstance(build_llm(load_settings(_env_file=None, llm_base_url=server.api_base, llm_model="m")),
                      LlmUnderstanding)
    assert server.requests == []


def test_empty_question_is_not_sent(server: FakeOpenAIServer, make_llm: Callable[..., LlmUnderstanding]) -> None:
    assert ask(make_llm(), "   ").error == "no_tool_call"
    assert server.requests == []


# -- names → ids, within the asker's scope ----------------------------------------------------------------


def _resolve(app: App, server: FakeOpenAIServer, llm: LlmUnderstanding, viewer_of: str | Viewer,
             question: str, arguments: dict):
    server.enqueue(tool_call(TOOL_NAME, arguments))
    outcome = ask(llm, question)
    with app.session() as session:
        viewer = viewer_of if isinstance(viewer_of, Viewer) else viewer_for_staff(
            session, session.query(Staff).filter_by(name=viewer_of).one())
        return resolve_names(session, viewer, outcome)


def test_names_resolve_to_ids_in_scope(app: App, server: FakeOpenAIServer,
                                       make_llm: Callable[..., LlmUnderstanding]) -> None:
    ids = _firm(app)
    llm = make_llm()
    mine = _resolve(app, server, llm, "张三丰", "我的逾期客户", {"intent": "overdue_clients", "mine": True})
    assert mine.query is not None and mine.query.clients.owner_ids == [ids["zhang"]]

    theirs = _resolve(app, server, llm, "周慕白", "李四海的客户有哪些",
                      {"intent": "clients_by_attribute", "owner_names": ["李四海"]})
    assert theirs.query is not None and theirs.query.clients.owner_ids == [ids["li"]]

    profile = _resolve(app, server, llm, "周慕白", "brightwater最近怎么样",
                       {"intent": "client_profile", "client_names": ["brightwater"]})
    assert profile.query is not None
    assert profile.query.clients.client_ids == [ids["Brightwater Logistics Ltd."]]
    assert profile.query.clients.name_contains == []

    count = _resolve(app, server, llm, "周慕白", "张三丰负责几个客户",
                     {"intent": "staff_client_count", "staff_name": "张三丰"})
    assert count.query is not None and count.query.staff_id == ids["zhang"]
    own = _resolve(app, server, llm, "李四海", "我负责几个客户", {"intent": "staff_client_count", "mine": True})
    assert own.query is not None and own.query.staff_id == ids["li"]


def test_a_name_fitting_several_clients_asks_back(app: App, server: FakeOpenAIServer,
                                                  make_llm: Callable[..., LlmUnderstanding]) -> None:
    _firm(app)
    outcome = _resolve(app, server, make_llm(), "周慕白", "澄潭还欠多少",
                       {"intent": "receivable_balance", "client_names": ["澄潭"]})
    assert outcome.query is not None and outcome.query.clients.client_ids is None
    assert outcome.query.candidates == ["上海澄潭精密仪器有限公司", "杭州澄潭贸易有限公司"]


def test_exact_name_wins_over_containing_names(app: App, server: FakeOpenAIServer,
                                               make_llm: Callable[..., LlmUnderstanding]) -> None:
    ids = _firm(app)
    with app.session() as session:
        session.add(Client(name="澄潭贸易", owner_id=ids["zhang"]))  # equal to another client's short name
    outcome = _resolve(app, server, make_llm(), "周慕白", "北京青藤文化传媒有限公司怎么样",
                       {"intent": "client_profile", "client_names": ["北京青藤文化传媒有限公司"]})
    assert outcome.query is not None and outcome.query.clients.client_ids == [ids["北京青藤文化传媒有限公司"]]
    both = _resolve(app, server, make_llm(), "周慕白", "澄潭贸易的档案",
                    {"intent": "client_profile", "client_names": ["澄潭贸易"]})
    assert both.query is not None and both.query.candidates == ["杭州澄潭贸易有限公司", "澄潭贸易"]


def test_clients_outside_the_scope_and_unknown_staff_are_not_found(app: App, server: FakeOpenAIServer,
                                                                  make_llm: Callable[..., LlmUnderstanding]) -> None:
    _firm(app)
    llm = make_llm()
    hidden = _resolve(app, server, llm, "张三丰", "Brightwater 欠多少",
                      {"intent": "receivable_balance", "client_names": ["Brightwater"]})
    assert (hidden.error, hidden.query) == ("unknown_name", None)
    nobody = _resolve(app, server, llm, "周慕白", "王五的逾期客户",
                      {"intent": "overdue_clients", "owner_names": ["王五"]})
    assert (nobody.error, nobody.query) == ("unknown_name", None)


def test_a_contacts_mine_is_its_own_client(app: App, server: FakeOpenAIServer,
                                           make_llm: Callable[..., LlmUnderstanding]) -> None:
    ids = _firm(app)
    contact = Viewer(kind="contact", name="欧阳娜娜", client_id=ids["上海澄潭精密仪器有限公司"])
    outcome = _resolve(app, server, make_llm(), contact, "我们的欠款", {"intent": "receivable_balance", "mine": True})
    assert outcome.query is not None and outcome.query.clients.owner_ids is None


# -- the prompt files -------------------------------------------------------------------------------------


def test_every_offered_intent_is_described_once() -> None:
    described = re.findall(r"^- `(\w+)` —", load_prompt("llm/intents.md"), flags=re.MULTILINE)
    assert sorted(described) == sorted(i.value for i in OFFERED)


def test_every_tool_argument_has_a_description_from_the_file() -> None:
    properties = tool_spec()["function"]["parameters"]["properties"]
    assert set(field_descriptions()) == set(properties)
    assert all(prop["description"] for prop in properties.values())
    assert "$ref" not in json.dumps(tool_spec())


def test_examples_are_valid_tool_calls() -> None:
    pairs = re.findall(r"^Q: (.+)\nA: (.+)$", load_prompt("llm/examples.md"), flags=re.MULTILINE)
    assert len(pairs) >= 20
    intents = set()
    for question, answer in pairs:
        if answer == "(no tool call)":
            continue
        query, _ = parse_arguments(json.loads(answer), question)
        intents.add(query.intent)
    assert len(intents) >= 15


def test_system_prompt_is_filled_in() -> None:
    prompt = system_prompt(date(2027, 1, 4), "zh")
    assert "Today is 2027-01-04 (Monday)" in prompt and "简体中文" in prompt
    assert "$" not in prompt and "`overdue_clients`" in prompt and "Q: 今天天气怎么样" in prompt


def test_disclaimer_in_both_languages() -> None:
    assert "AI" in disclaimer("zh") and "AI" in disclaimer("en")
    assert disclaimer("zh") != disclaimer("en")


def test_loader_refuses_paths_outside_the_package() -> None:
    with pytest.raises(ValueError):
        load_prompt("../bot/config.py")
    with pytest.raises(FileNotFoundError):
        load_prompt("llm/no-such-prompt.md")
