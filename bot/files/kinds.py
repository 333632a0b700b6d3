"""What a file is, from its bytes (never from its name or the type the sender's platform declared), and whether the
firm keeps that kind: PDF, pictures, spreadsheets, OFD (China's fixed-layout e-invoice format, a zip), zip.

A declared type that disagrees with the bytes does not matter: the bytes decide. A name only ever serves as a label
(`safe_name`), never as a path.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

ALLOWED = ("pdf", "image", "spreadsheet", "ofd", "zip")
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary Office container (.xls; also .doc, refused by name)
MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "pdf", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image", "image/png"),
    (b"\xff\xd8\xff", "image", "image/jpeg"),
    (b"GIF87a", "image", "image/gif"),
    (b"GIF89a", "image", "image/gif"),
)
NAME_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")


@dataclass(frozen=True)
class Kind:
    family: str  # pdf | image | spreadsheet | ofd | zip | other | empty
    mime: str

    @property
    def allowed(self) -> bool:
        return self.family in ALLOWED


def sniff(data: bytes, name: str = "") -> Kind:
    """The kind of `data` by its leading bytes (zip containers by their members; `name` only tells .xls from .doc)."""
    if not data:
        return Kind("empty", "application/octet-stream")
    for magic, family, mime in MAGIC:
        if data.startswith(magic):
            return Kind(family, mime)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return Kind("image", "image/webp")
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if data.startswith(OLE):
        ext = name.lower().rsplit(".", 1)[-1] if "." in name else ""
        return Kind("spreadsheet", "application/vnd.ms-excel") if ext in ("xls", "et") else Kind("other", "ole")
    return Kind("other", "application/octet-stream")


def _zip_kind(data: bytes) -> Kind:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return Kind("other", "application/octet-stream")
    if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
        return Kind("spreadsheet", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    if "OFD.xml" in names:
        return Kind("ofd", "application/ofd")
    if "[Content_Types].xml" in names:
        return Kind("other", "application/vnd.openxmlformats")  # a Word or PowerPoint file: not a bookkeeping file
    return Kind("zip", "application/zip")


def safe_name(name: str, fallback: str = "file") -> str:
    """The sender's file name as a label: no directories, no control characters, at most 120 characters."""
    name = unicodedata.normalize("NFC", name or "")
    name = NAME_UNSAFE.sub("_", name.replace("\\", "/").rsplit("/", 1)[-1]).strip(" ._")
    return name[:120] or fallback
