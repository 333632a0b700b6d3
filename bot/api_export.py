"""`POST /api/ask` for a spreadsheet: `{"question", "as", "format": "xlsx"}`, or the .xlsx media type in `Accept`,
answers with the workbook's bytes — the same file the 导出 button sends in chat (bot/exporting.py): every row of the
list, breakdown or trend, the reply's columns, money as numbers in the currency format.

The question is answered as usual, then its 导出 button is pressed for the same asker (so the rows are the asker's,
never anyone else's); a question that is itself "导出" gives the asker's last list. An answer with no rows to put
in a file (a total, a profile, an empty list) is `406` with `{"error", "answer"}` — the answer as JSON beside why.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.responses import JSONResponse, Response

from bot.bootstrap import App
from bot.exporting import EXPORT_INTENT, EXPORT_PREFIX
from bot.messages import IncomingMessage
from bot.metrics import answer
from bot.reply import Attachment, Reply
from bot.texts import t

XLSX = str(Attachment.model_fields["media_type"].default)
FORMATS = frozenset({"json", "xlsx"})


def wanted_format(data: dict[str, Any], accept: str) -> str | None:
    """"xlsx" or "json": the body's `format` if given (None when it is neither), else what `Accept` asks for."""
    given = data.get("format")
    if given is not None:
        return given if isinstance(given, str) and given in FORMATS else None
    return "xlsx" if accepts_xlsx(accept) else "json"


def accepts_xlsx(accept: str) -> bool:
    """The .xlsx media type named in an Accept header (not merely matched by */*), with a q above 0."""
    for part in accept.split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        if media.lower() != XLSX:
            continue
        weights = [p.partition("=")[2] for p in params if p.lower().startswith("q=")]
        try:
            return not weights or float(weights[0]) > 0
        except ValueError:
            return True
    return False


def with_workbook(app: App, incoming: IncomingMessage, reply: Reply) -> Reply:
    """The reply carrying the workbook: `reply` itself after "导出", else its 导出 button pressed by the same asker
    (in a worker thread, like any answer). A reply with no such button is returned as it is."""
    if reply.attachment is not None:
        return reply
    button = next((a.value for a in reply.actions if a.value.startswith(EXPORT_PREFIX)), None)
    if button is None:
        return reply
    return answer(app, incoming.model_copy(update={"text": "", "action": button}), strict=True)


def workbook_response(asked: Reply, exported: Reply) -> Response:
    """200 with the .xlsx (Content-Disposition: attachment), or 406 saying why there is no file."""
    attachment = exported.attachment
    if attachment is None:
        pressed = exported is not asked or asked.intent == EXPORT_INTENT  # its text says why (no rows, no list yet)
        reason = exported.text if pressed else t(asked.locale, "export_chat.api_not_a_list")
        return JSONResponse({"error": reason, "answer": asked.data}, status_code=406)
    headers = {"Content-Disposition": content_disposition(attachment.filename),
               "X-Zhangfang-Rows": str(exported.data.get("rows", ""))}
    return Response(attachment.content, media_type=XLSX, headers=headers)


def content_disposition(filename: str) -> str:
    """`attachment` with an ASCII fallback name and the real (often Chinese) one in RFC 5987 form."""
    dated = filename[-16:]  # "-2026-12-07.xlsx": the export's date, kept in the fallback
    plain = filename if filename.isascii() else f"zhangfang-export{dated if dated.isascii() else '.xlsx'}"
    plain = plain.replace('"', "").replace("\\", "")
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(filename, safe='')}"
