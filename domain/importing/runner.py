"""Running an import: sheets in dependency order, each read and checked in memory, then stored in one transaction.

A rejected row never stops the import. A database failure while storing a sheet rolls that sheet back
and stops the import with `ImportAborted` (earlier sheets stay committed, later ones are not started).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sized
from contextlib import AbstractContextManager
from typing import Any

from sqlalchemy.orm import Session

from domain.importing.book import DEFAULT_TIMEZONE, Book
from domain.importing.columns import HeaderMap, find_sheet, is_note_row, map_header
from domain.importing.money import ContractJob, InvoiceJob, PaymentJob
from domain.importing.parse import clean
from domain.importing.people import ClientJob, ContactJob, StaffJob
from domain.importing.promises import PromiseJob
from domain.importing.records import DocumentJob, FeedbackJob, InteractionJob, ServiceLogJob, TaxObligationJob
from domain.importing.report import ImportReport, RowProblem
from domain.importing.rows import Record, Row, RowError
from domain.importing.sheet import SheetJob
from domain.importing.source import SheetData

SessionFactory = Callable[[], AbstractContextManager[Session]]
Progress = Callable[[str, int, int | None], None]
PROGRESS_EVERY = 2000

JOBS: tuple[SheetJob, ...] = (StaffJob(), ClientJob(), ContactJob(), ContractJob(), InvoiceJob(), PaymentJob(),
                              DocumentJob(), PromiseJob(), ServiceLogJob(), InteractionJob(), FeedbackJob(),
                              TaxObligationJob())


class ImportAborted(Exception):
    """Storing a sheet failed; that sheet was rolled back. `report` covers the sheets stored before it."""

    def __init__(self, sheet: str, report: ImportReport, cause: BaseException) -> None:
        first_line = (str(cause).strip().splitlines() or [type(cause).__name__])[0][:300]
        super().__init__(f"导入在「{sheet}」表中断，该表未写入 (import stopped at sheet '{sheet}', "
                         f"nothing of it was stored): {first_line}")
        self.sheet, self.report = sheet, report


def import_sheets(session_factory: SessionFactory, sheets: Iterable[SheetData], progress: Progress | None = None,
                  timezone: str = DEFAULT_TIMEZONE) -> ImportReport:
    """`timezone` is the firm's: a received date (提交日期) is that day in the firm's time."""
    report = ImportReport()
    chosen: dict[str, SheetData] = {}
    for sheet in sheets:
        spec = find_sheet(sheet.title)
        if spec is None or spec.key in chosen:
            report.ignored_sheets.append(str(sheet.title))
        else:
            chosen[spec.key] = sheet
    report.found_sheets = [job.spec.key for job in JOBS if job.spec.key in chosen]
    for key in report.found_sheets:
        report.include(key)
    if not chosen:
        return report
    with session_factory() as session:
        book = Book.load(session, timezone)
    for job in JOBS:
        if job.spec.key in chosen:
            _run_sheet(job, chosen[job.spec.key], book, session_factory, report, progress)
    return report


def _run_sheet(job: SheetJob, sheet: SheetData, book: Book, session_factory: SessionFactory,
               report: ImportReport, progress: Progress | None) -> None:
    key = job.spec.key
    header = map_header(job.spec, sheet.header)
    if header.ignored:
        report.ignored_columns[key] = header.ignored
    problems: list[RowProblem] = []
    records = _read_rows(job, sheet, header, book, problems, progress)
    rejected = job.review(records, book)
    if rejected:
        dropped = {id(record) for record, _ in rejected}
        records = [r for r in records if id(r) not in dropped]
        problems.extend({"sheet": key, "row": r.number, "reason": reason} for r, reason in rejected)
    for problem in sorted(problems, key=lambda p: p["row"]):
        report.reject(key, problem["row"], problem["reason"])
    try:
        with session_factory() as session:
            changes = job.store(session, book, records)
    except Exception as exc:
        raise ImportAborted(key, report, exc) from exc
    report.imported[key] = len(records)
    report.written[key] = {"inserted": len(changes.inserted), "updated": len(changes.updated)}


def _read_rows(job: SheetJob, sheet: SheetData, header: HeaderMap, book: Book, problems: list[RowProblem],
               progress: Progress | None) -> list[Record]:
    key = job.spec.key
    mapped = sorted(header.index.values())
    records: list[Record] = []
    seen: dict[Hashable, int] = {}
    occurrences: Counter[Hashable] = Counter()
    index = -1
    for index, raw in enumerate(sheet.rows):
        if progress and index % PROGRESS_EVERY == 0:
            progress(key, index, _size(sheet))
        cells = _clean(raw, mapped)
        if cells is None or (index == 0 and is_note_row(job.spec, header, cells)):
            continue
        try:
            record = job.parse(Row(job.spec, header, cells, index + 2), book)
            job.check_lengths(record)
            _identify(job, record, seen, occurrences)
        except RowError as exc:
            problems.append({"sheet": key, "row": index + 2, "reason": exc.reason})
        else:
            records.append(record)
    if progress:
        progress(key, index + 1, index + 1)
    return records


def _size(sheet: SheetData) -> int | None:
    """How many data rows the sheet has, when the source knows (a list, or a reader's hint)."""
    return len(sheet.rows) if isinstance(sheet.rows, Sized) else getattr(sheet.rows, "total", None)


def _clean(raw: Iterable[Any], mapped: list[int]) -> list[Any] | None:
    """Trim the cells the sheet uses; None for a row whose used cells are all empty."""
    cells = list(raw)
    filled = False
    for i in mapped:
        if i < len(cells):
            cells[i] = clean(cells[i])
            filled = filled or cells[i] is not None
    return cells if filled else None


def _identify(job: SheetJob, record: Record, seen: dict[Hashable, int], occurrences: Counter[Hashable]) -> None:
    """Give by-value rows their `row_key`; reject a natural key already used by an earlier row."""
    if record.by_value:
        record.extra["signature"] = record.key
        nth = occurrences[record.key]
        occurrences[record.key] += 1
        digest = hashlib.blake2b("\x1f".join(map(str, record.key)).encode(), digest_size=12).hexdigest()
        record.key = record.values["row_key"] = f"v:{digest}:{nth}"
        return
    first = seen.get(record.key)
    if first is not None:
        raise RowError(f"重复的{job.key_zh}，与第{first}行相同 (duplicate {job.key_en}, same as row {first})")
    seen[record.key] = record.number
