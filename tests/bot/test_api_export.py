"""`POST /api/ask` for a workbook: `"format": "xlsx"` in the body or the .xlsx type in `Accept` answers with the
same file the 导出 button sends in chat (every row, the reply's columns, ¥ number format), as an attachment; the
same bearer token and asker checks as the JSON answer; 406 with the answer beside why when there are no rows."""

from __future__ import annotations

import json
from collections.abc import Callable
from urllib.parse import unquote

import httpx
import pytest
from starlette.testclient import TestClient

from bot.api_export import XLSX, accepts_xlsx, content_disposition
from bot.bootstrap import App
from bot.server import create_app
from bot.texts import t
from tests.fakes.files import overdue_workbook
from tests.small_firm import SmallFirm, build_small_firm

API_TOKEN = "api-token-for-tests"


@pytest.fixture
def api(make_app: Callable[..., App]) -> tuple[TestClient, SmallFirm]:
    app = make_app(api_token=API_TOKEN)
    firm = build_small_firm(app)
    with TestClient(create_app(app)) as client:
        yield client, firm


def ask(client: TestClient, payload: object, token: str | None = API_TOKEN, **headers: str) -> httpx.Response:
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return client.post("/api/ask", content=json.dumps(payload, ensure_ascii=False).encode(), headers=headers)


def test_format_xlsx_returns_every_row_as_an_attached_workbook(api) -> None:
    client, firm = api
    response = ask(client, {"question": "哪些客户逾期未付款", "as": "杜萍", "format": "xlsx"})
    assert response.status_code == 200 and response.headers["content-type"] == XLSX
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="zhangfang-export-2026-11-22.xlsx"')
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == "逾期客户-2026-11-22.xlsx"
    assert response.headers["x-zhangfang-rows"] == "13"
    amounts = overdue_workbook(response.content)  # all 13, not the 10 a chat screen shows
    assert sorted(amounts) == sorted(firm.duping_clients) and sum(amounts.values()) == 91000.0


def test_the_accept_header_asks_for_the_same_file(api) -> None:
    client, firm = api
    by_body = ask(client, {"question": "which clients have overdue payments", "as": "杜萍", "format": "xlsx"})
    by_accept = ask(client, {"question": "which clients have overdue payments", "as": "杜萍"},
                    Accept=f"{XLSX}, application/json;q=0.5")
    assert by_accept.status_code == 200 and by_accept.headers["content-type"] == XLSX
    assert overdue_workbook(by_accept.content) == overdue_workbook(by_body.content)
    assert sorted(overdue_workbook(by_accept.content)) == sorted(firm.duping_clients)
    plain = ask(client, {"question": "哪些客户逾期未付款", "as": "杜萍"}, Accept="*/*")
    assert plain.headers["content-type"] == "application/json" and len(plain.json()["items"]) == 13
    as_json = ask(client, {"question": "哪些客户逾期未付款", "as": "杜萍", "format": "json"}, Accept=XLSX)
    assert as_json.headers["content-type"] == "application/json"  # the body's format wins


def test_the_workbook_holds_only_the_askers_rows(api) -> None:
    client, firm = api
    response = ask(client, {"question": "哪些客户逾期未付款", "as": "王芳", "format": "xlsx"})
    assert list(overdue_workbook(response.content)) == firm.wangfang_clients


def test_a_breakdown_and_a_typed_export_are_files_too(api) -> None:
    client, _ = api
    breakdown = ask(client, {"question": "按负责人统计逾期金额", "as": "杜萍", "format": "xlsx"})
    assert breakdown.status_code == 200 and breakdown.headers["x-zhangfang-rows"] == "1"
    ask(client, {"question": "哪些客户逾期未付款", "as": "杜萍"})
    typed = ask(client, {"question": "导出", "as": "杜萍", "format": "xlsx"})  # the asker's last list
    assert typed.status_code == 200 and typed.headers["x-zhangfang-rows"] == "13"


def test_no_rows_is_406_with_the_answer_beside_why(api) -> None:
    client, _ = api
    total = ask(client, {"question": "本月回款多少", "as": "杜萍", "format": "xlsx"})
    assert total.status_code == 406
    assert total.json()["error"] == t("zh", "export_chat.api_not_a_list") and total.json()["answer"]["intent"]
    empty = ask(client, {"question": "30天内到期的合同", "as": "杜萍"}, Accept=XLSX)
    assert empty.status_code == 406 and empty.json()["answer"]["items"] == []
    fresh = ask(client, {"question": "导出", "as": "王芳", "format": "xlsx"})  # no list asked yet
    assert fresh.status_code == 406 and fresh.json()["error"] == t("zh", "export_chat.nothing_to_export")


def test_the_same_guards_as_the_json_answer(api) -> None:
    client, _ = api
    body = {"question": "哪些客户逾期未付款", "as": "杜萍", "format": "xlsx"}
    assert ask(client, body, token=None).status_code == 401 and ask(client, body, token=None).content == b""
    assert ask(client, body, token="wrong").status_code == 401
    assert ask(client, {**body, "as": "不存在的人"}).status_code == 403
    assert ask(client, {**body, "format": "csv"}).status_code == 400
    assert ask(client, {**body, "format": ["xlsx"]}).status_code == 400


@pytest.mark.parametrize("accept, wanted", [
    (XLSX, True), (f"application/json, {XLSX};q=0.9", True), (f"{XLSX.upper()}", True),
    (f"{XLSX};q=0", False), ("*/*", False), ("application/*", False), ("", False), ("application/json", False),
    (f"{XLSX};q=nonsense", True),
])
def test_what_accept_headers_ask_for_the_workbook(accept: str, wanted: bool) -> None:
    assert accepts_xlsx(accept) is wanted


def test_content_disposition_keeps_an_ascii_name_for_old_clients() -> None:
    assert content_disposition("overdue-2026-11-22.xlsx").startswith('attachment; filename="overdue-2026-11-22.xlsx"')
    odd = content_disposition('逾期"客户\\.xlsx')
    assert '"zhangfang-export.xlsx"' in odd and "filename*=UTF-8''%E9%80%BE" in odd
