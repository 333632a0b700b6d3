"""The file store on a local directory and on an S3-compatible bucket (moto's standalone server on 127.0.0.1, spoken
to over HTTP by boto3 — the same client production uses), and what a file is from its bytes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from bot.config import load_settings
from bot.files.kinds import safe_name, sniff
from bot.files.store import LocalStore, S3Store, StoreError, build_store, digest
from tests.clients.support import EXE, PDF, PNG, xlsx_bytes

BUCKET = "zhangfang-files"


@pytest.fixture
def s3_store(s3_endpoint: str) -> S3Store:
    settings = load_settings(_env_file=None, files_s3_bucket=BUCKET, files_s3_endpoint_url=s3_endpoint,
                             files_s3_region="us-east-1", files_s3_access_key_id="test",
                             files_s3_secret_access_key="test")
    store = build_store(settings)
    assert isinstance(store, S3Store)
    existing = {b["Name"] for b in store.client.list_buckets()["Buckets"]}
    if BUCKET not in existing:
        store.client.create_bucket(Bucket=BUCKET)
    return store


def test_local_store_keeps_the_same_bytes_once_under_their_digest(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "files")
    first, new = store.put(PDF)
    again, new_again = store.put(PDF)
    assert (first, new, new_again) == (digest(PDF), True, False) and again == first
    [path] = [p for p in (tmp_path / "files").rglob("*") if p.is_file()]
    assert path == store.path(first) and store.get(first) == PDF


def test_local_store_refuses_anything_but_a_digest_as_a_key(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "files")
    for key in ("../../etc/passwd", "/etc/passwd", "a" * 63, "A" * 64, ""):
        with pytest.raises(StoreError):
            store.get(key)
    assert not (tmp_path / "files").exists()


def test_s3_store_over_http_keeps_the_same_bytes_once(s3_store: S3Store) -> None:
    sha, new = s3_store.put(PNG)
    _, new_again = s3_store.put(PNG)
    assert (new, new_again) == (True, False)
    keys = [o["Key"] for o in s3_store.client.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert keys.count(f"sha256/{sha}") == 1
    assert s3_store.get(sha) == PNG and s3_store.exists(sha) and not s3_store.exists("0" * 64)


def test_s3_store_reports_a_missing_object_as_a_store_error(s3_store: S3Store) -> None:
    with pytest.raises(StoreError):
        s3_store.get("f" * 64)


def _zip(names: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
    return buffer.getvalue()


@pytest.mark.parametrize(("data", "family"), [
    (PDF, "pdf"), (PNG, "image"), (b"\xff\xd8\xff\xe0" + b"\x00" * 20, "image"), (xlsx_bytes(), "spreadsheet"),
    (_zip(["OFD.xml", "Doc_0/Document.xml"]), "ofd"), (_zip(["a.pdf", "b.jpg"]), "zip"),
    (_zip(["[Content_Types].xml", "word/document.xml"]), "other"), (EXE, "other"), (b"", "empty"),
    (b"PK\x03\x04 not really a zip", "other"),
])
def test_the_bytes_decide_what_a_file_is(data: bytes, family: str) -> None:
    assert sniff(data, "declared.pdf").family == family


@pytest.mark.parametrize(("name", "label"), [
    ("../../etc/passwd", "passwd"), ("..\\..\\windows\\x.pdf", "x.pdf"), ("/abs/path/对账单.pdf", "对账单.pdf"),
    ("a\x00b\nc.pdf", "a_b_c.pdf"), ("..", "file"), ("", "file"), ("x" * 500 + ".pdf", "x" * 120),
])
def test_a_senders_file_name_is_only_a_label(name: str, label: str) -> None:
    assert safe_name(name) == label


def test_a_clients_file_over_wecom_lands_in_the_bucket_once_and_its_link_serves_it(s3_kit) -> None:
    from bot.files.links import LinkSigner
    from bot.files.registry import file_store
    from tests.adapters.wecom.conftest import LINA
    from tests.clients.support import files, statuses

    s3_kit.send_file(LINA, PDF, "10月银行对账单.pdf")
    s3_kit.send_file(LINA, PDF, "10月银行对账单-副本.pdf")
    store = file_store(s3_kit.app)
    assert isinstance(store, S3Store)
    keys = [o["Key"] for o in store.client.list_objects_v2(Bucket=store.bucket)["Contents"]]
    assert keys == [f"sha256/{digest(PDF)}"]
    assert statuses(s3_kit.app, s3_kit.client_id)["银行对账单"] == "received"
    assert not s3_kit.store.exists()  # nothing on the local disk
    row = files(s3_kit.app)[0]
    signer = LinkSigner.from_settings(s3_kit.app.settings)
    assert signer is not None
    with s3_kit.app.session() as session:
        from sqlalchemy import select

        from domain.models import Staff

        owner = session.execute(select(Staff.id).where(Staff.name == "杜萍")).scalar_one()
    link = signer.link(row.id, owner, s3_kit.app.clock.now()).removeprefix("http://testserver")
    assert s3_kit.wecom.server.get(link).content == PDF
