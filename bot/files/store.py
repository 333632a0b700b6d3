"""Where the bytes of clients' files live: content-addressed by SHA-256, so the same file sent twice is stored once.

Two backends behind one small interface: a local directory (ZHANGFANG_FILES_DIR, default ./files) and an
S3-compatible bucket through boto3 (ZHANGFANG_FILES_S3_BUCKET, _ENDPOINT_URL, credentials). The key is always the
digest — a sender's file name never becomes a path — and the local store writes through a temporary file and an
atomic rename inside its own directory. Domain-free: it knows bytes and digests only.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import Any, Protocol

DIGEST = re.compile(r"^[0-9a-f]{64}$")


class StoreError(Exception):
    """The store could not keep or read a file (the reason is for logs)."""


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _checked(sha256: str) -> str:
    if not DIGEST.match(sha256):
        raise StoreError("not a SHA-256 digest")
    return sha256


class FileStore(Protocol):
    def put(self, data: bytes) -> tuple[str, bool]:
        """Keep `data`; returns (sha256, newly written)."""
        ...

    def get(self, sha256: str) -> bytes: ...

    def exists(self, sha256: str) -> bool: ...


class LocalStore:
    def __init__(self, root: str | Path) -> None:
        self.root = Path(root).resolve()

    def path(self, sha256: str) -> Path:
        sha256 = _checked(sha256)
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def put(self, data: bytes) -> tuple[str, bool]:
        sha256 = digest(data)
        target = self.path(sha256)
        if target.is_file():
            return sha256, False
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, target)
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            raise StoreError(type(exc).__name__) from None
        return sha256, True

    def get(self, sha256: str) -> bytes:
        try:
            return self.path(sha256).read_bytes()
        except OSError as exc:
            raise StoreError(type(exc).__name__) from None


class S3Store:
    """An S3-compatible bucket (AWS S3, MinIO, Aliyun OSS / Tencent COS in S3 mode): objects named `sha256/<digest>`."""

    def __init__(self, bucket: str, client: Any, prefix: str = "sha256/") -> None:
        self.bucket, self.client, self.prefix = bucket, client, prefix

    def key(self, sha256: str) -> str:
        return self.prefix + _checked(sha256)

    def exists(self, sha256: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=self.key(sha256))
        except ClientError as exc:
            if str(exc.response.get("Error", {}).get("Code")) in ("404", "NoSuchKey", "NotFound"):
                return False
            raise StoreError("head_object failed") from None
        return True

    def put(self, data: bytes) -> tuple[str, bool]:
        from botocore.exceptions import BotoCoreError, ClientError

        sha256 = digest(data)
        if self.exists(sha256):
            return sha256, False
        try:
            self.client.put_object(Bucket=self.bucket, Key=self.key(sha256), Body=data,
                                   ChecksumSHA256=_b64(sha256), ContentType="application/octet-stream")
        except (BotoCoreError, ClientError) as exc:
            raise StoreError(type(exc).__name__) from None
        return sha256, True

    def get(self, sha256: str) -> bytes:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return self.client.get_object(Bucket=self.bucket, Key=self.key(sha256))["Body"].read()
        except (BotoCoreError, ClientError) as exc:
            raise StoreError(type(exc).__name__) from None


def _b64(sha256: str) -> str:
    import base64

    return base64.b64encode(bytes.fromhex(sha256)).decode()


def build_store(settings: Any) -> FileStore:
    """The bucket when ZHANGFANG_FILES_S3_BUCKET is set, else the local directory."""
    if settings.files_s3_bucket:
        import boto3

        secret = settings.files_s3_secret_access_key
        client = boto3.client("s3", endpoint_url=settings.files_s3_endpoint_url or None,
                              region_name=settings.files_s3_region or None,
                              aws_access_key_id=settings.files_s3_access_key_id or None,
                              aws_secret_access_key=secret.get_secret_value() if secret else None)
        return S3Store(settings.files_s3_bucket, client)
    return LocalStore(settings.files_dir)
