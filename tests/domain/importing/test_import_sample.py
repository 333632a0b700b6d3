"""The shared sample workbook imports to exactly the expected counts, and importing it again changes nothing."""

from __future__ import annotations

import json

from domain.importing import import_sheets, read_workbook
from tests.conftest import SAMPLE_ANSWERS, SAMPLE_XLSX, table_counts
from tests.domain.importing.workbook import checksum, rows, scalar


def _expected() -> dict:
    return json.loads(SAMPLE_ANSWERS.read_text(encoding="utf-8"))["import_expected"]


def test_sample_workbook_imports_the_expected_counts_and_reimports_to_no_change(make_app):
    app = make_app()
    expected = _expected()
    report = import_sheets(app.session, read_workbook(SAMPLE_XLSX))
    assert report.imported == expected["imported"]
    assert report.rejected == {key: expected["rejected"].get(key, 0) for key in report.rejected}
    assert len(report.errors) == sum(expected["rejected"].values())
    assert table_counts(app)["client"] == expected["imported"]["clients"]
    assert table_counts(app)["payment"] == expected["imported"]["payments"]

    counts, digest = table_counts(app), checksum(app)
    again = import_sheets(app.session, read_workbook(SAMPLE_XLSX))
    assert again.imported == expected["imported"]
    assert again.errors == report.errors
    assert all(w == {"inserted": 0, "updated": 0} for w in again.written.values())
    assert table_counts(app) == counts
    assert checksum(app) == digest


def test_sample_allocations_match_the_stored_money(make_app):
    app = make_app()
    import_sheets(app.session, read_workbook(SAMPLE_XLSX))
    # Every allocation fits inside its invoice, and an invoice has a paid date exactly when fully allocated.
    over = scalar(app, """SELECT COUNT(*) FROM invoice i JOIN (SELECT invoice_id, SUM(amount_cents) s
                          FROM allocation GROUP BY invoice_id) a ON a.invoice_id = i.id WHERE a.s > i.amount_cents""")
    assert over == 0
    mismatched = rows(app, """SELECT i.invoice_no FROM invoice i LEFT JOIN (SELECT invoice_id, SUM(amount_cents) s
                              FROM allocation GROUP BY invoice_id) a ON a.invoice_id = i.id
                              WHERE (i.paid_on IS NOT NULL) <> (COALESCE(a.s, 0) = i.amount_cents)""")
    assert mismatched == []
    assert scalar(app, "SELECT COUNT(*) FROM invoice WHERE paid_on IS NOT NULL") > 3000


def test_sample_app_fixture_holds_the_imported_sample(sample_app):
    report = sample_app.extras["import_report"]
    assert report.imported == _expected()["imported"]
    assert scalar(sample_app, "SELECT COUNT(*) FROM staff") == _expected()["imported"]["staff"]
