"""A realistic demo firm, generated as import data (the sheets and Chinese headers of import-format.md),
so that `zhangfang demo`, the tests and the benchmarks go through the same importer as a real firm.

    sheets = generate_firm(10_000, seed=7, today=date(2026, 11, 22))
    write_xlsx(sheets, "firm.xlsx")          # or write_csv_folder(sheets, "firm/")
    import_sheets(app.session, sheets)       # or straight into the importer

Deterministic for a seed and `today`; rows are generated lazily, sheet by sheet.
"""

from __future__ import annotations

import random
from datetime import date

from domain.generator.codes import check_character, is_valid_credit_code
from domain.generator.writers import write_csv_folder, write_xlsx
from domain.importing.source import SheetData

__all__ = ["check_character", "generate_firm", "is_valid_credit_code", "write_csv_folder", "write_xlsx"]


def generate_firm(
    clients: int, *, seed: int = 7, today: date, bad_rows: int = 0, messy: bool = True, payers: str = "typical"
) -> list[SheetData]:
    """The twelve import sheets (the optional 承诺付款 last) of a firm with `clients` clients, as of `today`.

    `messy` mixes date formats and writes some amounts as text (all accepted by the importer);
    `bad_rows` adds that many invalid rows, each of which the importer must reject; `payers` picks the payer mix
    ("typical", or "late": a fifth of clients paying weeks late, a tenth leaving almost half their invoices unpaid).
    """
    from domain.generator.bad_rows import inject
    from domain.generator.clients import PAYER_MIXES, build_clients
    from domain.generator.people import build_staff
    from domain.generator.sheets import HEADERS, Firm, LazyRows, sheet_rows

    if clients < 0 or bad_rows < 0:
        raise ValueError("clients and bad_rows must not be negative")
    staff = build_staff(random.Random(seed * 31 + 1), clients)
    if payers not in PAYER_MIXES:
        raise ValueError(f"payers must be one of {sorted(PAYER_MIXES)}")
    plans, names = build_clients(random.Random(seed * 31 + 2), clients, staff, today, payers)
    firm = Firm(seed=seed, today=today, messy=messy, staff=staff, clients=plans, names=names)
    inject(firm, bad_rows)
    return [
        SheetData(title=title, header=list(header), rows=LazyRows(lambda key=key: sheet_rows(firm, key)))
        for key, (title, header) in HEADERS.items()
    ]
