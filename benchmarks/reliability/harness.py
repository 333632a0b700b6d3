"""The world the suite runs in: a generated firm in a fresh database, the fake Slack / WeCom / DingTalk APIs, and
`zhangfang serve` as a subprocess (started, health-checked, killed with SIGKILL, restarted)."""

from __future__ import annotations

import base64
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import requests
from sqlalchemy import create_engine, text

from tests.fakes.dingtalk_api import FakeDingTalk
from tests.fakes.slack_api import FakeSlackApi
from tests.fakes.wecom_api import FakeWeCom

ROOT = Path(__file__).resolve().parents[2]
ZHANGFANG = str(Path(sys.executable).with_name("zhangfang"))
API_TOKEN = "reliability-token"
SLACK_SECRET = "reliability-signing-secret"
WECOM_TOKEN = "reliabilityToken"
WECOM_AES = base64.b64encode(bytes(range(32))).decode().rstrip("=")
ADMIN_SLACK, ADMIN_DINGTALK = "U0RELADMIN", "dtreladmin"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def next_working_day(start: date) -> date:
    import chinese_calendar

    day = start
    while not chinese_calendar.is_workday(day):
        day += timedelta(days=1)
    return day


@dataclass
class Fakes:
    slack: FakeSlackApi = field(default_factory=lambda: FakeSlackApi(token="xoxb-reliability"))
    wecom: FakeWeCom = field(default_factory=FakeWeCom)
    dingtalk: FakeDingTalk = field(default_factory=FakeDingTalk)

    def __enter__(self) -> Fakes:
        for fake in (self.slack, self.wecom, self.dingtalk):
            fake.__enter__()
            fake._httpd.handle_error = lambda request, address: None  # a killed server's dropped calls: no noise
        return self

    def __exit__(self, *exc: object) -> None:
        for fake in (self.slack, self.wecom, self.dingtalk):
            fake.__exit__(None, None, None)


@dataclass
class World:
    """One run's database, settings and server."""

    backend: str
    clients: int
    postgres_url: str | None
    fakes: Fakes
    workdir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="zf-reliability-")))
    schema: str = field(default_factory=lambda: f"rel_{uuid.uuid4().hex[:10]}")
    today: date = field(default_factory=lambda: next_working_day(date.today()))
    port: int = field(default_factory=free_port)
    admin: str = ""
    wecom_admin: str = ""
    process: subprocess.Popen | None = None
    log_path: Path | None = None

    @property
    def database_url(self) -> str:
        if self.backend == "sqlite":
            return f"sqlite:///{self.workdir / 'firm.db'}"
        assert self.postgres_url
        return f"{self.postgres_url}?options=-csearch_path%3D{self.schema}"

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self, **extra: str) -> dict[str, str]:
        f = self.fakes
        settings = {
            "ZHANGFANG_DATABASE_URL": self.database_url, "ZHANGFANG_PORT": str(self.port),
            "ZHANGFANG_HOST": "127.0.0.1", "ZHANGFANG_TODAY": self.today.isoformat(),
            "ZHANGFANG_API_TOKEN": API_TOKEN, "ZHANGFANG_QUIET_HOURS": "03:00-03:01",
            "ZHANGFANG_SEND_INTERVAL_SECONDS": "1", "ZHANGFANG_OUTBOX_RETRY_BASE_SECONDS": "0.5",
            "ZHANGFANG_OUTBOX_RETRY_MAX_SECONDS": "2", "ZHANGFANG_BACKUP_ENABLED": "false",
            "ZHANGFANG_BACKUP_DIR": str(self.workdir / "backups"),
            "ZHANGFANG_SLACK_BOT_TOKEN": "xoxb-reliability", "ZHANGFANG_SLACK_SIGNING_SECRET": SLACK_SECRET,
            "ZHANGFANG_SLACK_API_BASE_URL": f.slack.api_url,
            "ZHANGFANG_WECOM_CORP_ID": f.wecom.corp_id, "ZHANGFANG_WECOM_AGENT_ID": str(f.wecom.agent_id),
            "ZHANGFANG_WECOM_SECRET": f.wecom.secret, "ZHANGFANG_WECOM_TOKEN": WECOM_TOKEN,
            "ZHANGFANG_WECOM_AES_KEY": WECOM_AES, "ZHANGFANG_WECOM_API_BASE_URL": f.wecom.api_base,
            "ZHANGFANG_DINGTALK_CLIENT_ID": f.dingtalk.client_id,
            "ZHANGFANG_DINGTALK_CLIENT_SECRET": f.dingtalk.client_secret, "ZHANGFANG_DINGTALK_MODE": "http",
            "ZHANGFANG_DINGTALK_API_BASE_URL": f.dingtalk.api_base,
        }
        clean = {k: v for k, v in os.environ.items() if not k.startswith("ZHANGFANG_")}
        return {**clean, **settings, **extra}

    # -- the firm ---------------------------------------------------------------------------------------------
    def create_firm(self) -> None:
        if self.backend == "postgresql":
            with self.admin_engine().begin() as conn:
                conn.execute(text(f'CREATE SCHEMA "{self.schema}"'))
        subprocess.run([ZHANGFANG, "demo", "--no-chat", "--clients", str(self.clients)], env=self.env(),
                       cwd=self.workdir, check=True, capture_output=True)
        engine = self.engine()
        with engine.begin() as conn:
            self.admin = conn.execute(text("SELECT name FROM staff WHERE role = 'admin' ORDER BY id")).scalars().first()
            for platform, user_id in (("slack", ADMIN_SLACK), ("dingtalk", ADMIN_DINGTALK)):
                conn.execute(text("INSERT INTO chat_identity (platform, user_id, staff_id, created_at) "
                                  "SELECT :p, :u, id, CURRENT_TIMESTAMP FROM staff WHERE name = :n"),
                             {"p": platform, "u": user_id, "n": self.admin})
            self.wecom_admin = conn.execute(text(
                "SELECT c.user_id FROM chat_identity c JOIN staff s ON s.id = c.staff_id "
                "WHERE s.name = :n AND c.platform = 'wecom' ORDER BY c.created_at, c.id"), {"n": self.admin}).first()[0]
        engine.dispose()

    def engine(self):
        if self.backend == "sqlite":
            return create_engine(self.database_url)
        return create_engine(self.database_url.replace("postgresql://", "postgresql+psycopg://", 1)
                             if self.database_url.startswith("postgresql://") else self.database_url)

    def admin_engine(self):
        assert self.postgres_url
        return create_engine(self.postgres_url)

    def cleanup(self) -> None:
        self.stop()
        if self.backend == "postgresql":
            with self.admin_engine().begin() as conn:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE'))
        shutil.rmtree(self.workdir, ignore_errors=True)

    # -- the server -------------------------------------------------------------------------------------------
    def start(self, timeout: float = 60.0, **extra_env: str) -> float:
        """Start `zhangfang serve`; returns the seconds until it said it is ready (/readyz, else /healthz)."""
        self.log_path = self.workdir / f"serve-{int(time.time() * 1000)}.log"
        log = self.log_path.open("wb")
        started = time.monotonic()
        self.process = subprocess.Popen([ZHANGFANG, "serve"], env=self.env(**extra_env), cwd=self.workdir,
                                        stdout=log, stderr=subprocess.STDOUT)
        while time.monotonic() - started < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"zhangfang serve exited with {self.process.returncode}; see {self.log_path}")
            try:
                if self._ready():
                    return time.monotonic() - started
            except requests.RequestException:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"zhangfang serve did not become healthy in {timeout} s; see {self.log_path}")

    def _ready(self) -> bool:
        """/readyz where the server has it (ready once warmed up), else /healthz."""
        status = requests.get(self.base_url + "/readyz", timeout=1).status_code
        if status == 404:
            status = requests.get(self.base_url + "/healthz", timeout=1).status_code
        return status == 200

    def kill9(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill9()
        self.process = None

    def log_text(self) -> str:
        logs = sorted(self.workdir.glob("serve-*.log"))
        return "\n".join(p.read_text(errors="replace") for p in logs)

    def zhangfang(self, *args: str, **extra_env: str) -> subprocess.CompletedProcess:
        return subprocess.run([ZHANGFANG, *args], env=self.env(**extra_env), cwd=self.workdir, capture_output=True,
                              text=True, timeout=300)
