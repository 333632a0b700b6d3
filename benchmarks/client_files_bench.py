"""What a client's file costs on the answering worker thread (SQLite, a generated firm), in process:

- the store alone: sniffing and keeping a 1 MB PDF (new bytes each time) in the local directory;
- a file end to end through the client pipeline (bot/clients/desk.py): fetched through the platform port (here an
  in-memory port standing in for the platform's HTTP API, so that only our side is measured), checked, stored,
  recorded, matched to a pending request, marked received through the audited action, acknowledged, owner told.

Medians and p99 of wall-clock milliseconds, after warm-up calls.

    .venv/bin/python benchmarks/client_files_bench.py [--clients 2000] [--runs 40] [--db PATH]
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from benchmarks.answer_bench import build_firm, open_app, percentile, timed  # noqa: E402
from bot.clients.desk import client_reply  # noqa: E402
from bot.files.kinds import sniff  # noqa: E402
from bot.files.store import LocalStore  # noqa: E402
from bot.messages import Attachment, IncomingMessage  # noqa: E402
from domain.models import Client, Contact, DocumentRequest  # noqa: E402
from domain.scope import viewer_for_contact  # noqa: E402

MB = b"%PDF-1.7\n" + b"0" * (1024 * 1024)


class MemoryPort:
    platform = "console"

    def __init__(self) -> None:
        self.counter = itertools.count()

    def fetch(self, attachment: Attachment, limit: int) -> bytes:
        return MB[:-20] + str(next(self.counter)).encode().rjust(20, b"0")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="zf-files-bench-"))
    db = args.db or workdir / "bench.db"
    if not db.exists():
        build_firm(db, args.clients)
    app = open_app(db)
    app.settings.files_dir = str(workdir / "files")
    app.extras["downloader:console"] = MemoryPort()
    with app.session() as session:
        client_id = session.execute(select(Client.id).order_by(Client.id).limit(1)).scalar_one()
        contact = session.execute(select(Contact).where(Contact.client_id == client_id)).scalars().first()
        if contact is None:
            contact = Contact(client_id=client_id, name="基准联系人")
            session.add(contact)
            session.flush()
        for n in range(args.runs + 10):
            session.add(DocumentRequest(client_id=client_id, period="2026-10", item=f"银行对账单{n:03d}",
                                        due_on=date(2026, 11, 15)))
        viewer = viewer_for_contact(contact)
    store, counter = LocalStore(workdir / "bare"), itertools.count()

    def keep() -> None:
        data = MB + str(next(counter)).encode()
        sniff(data)
        store.put(data)

    def one_file() -> None:
        n = next(counter)
        message = IncomingMessage(platform="console", chat_id="", sender_id="bench", text=f"银行对账单{n % 50:03d}",
                                  attachments=[Attachment(platform="console", ref=f"bench-{n}", name=f"{n}.pdf")])
        client_reply(app, viewer, message)

    print("| step | median ms | p99 ms |\n|---|---|---|")
    for label, fn in (("sniff + store 1 MB (local dir)", keep), ("a 1 MB file end to end (client pipeline)", one_file)):
        wall, _ = timed(fn, args.runs)
        print(f"| {label} | {sorted(wall)[len(wall) // 2]:.1f} | {percentile(wall, 0.99):.1f} |")


if __name__ == "__main__":
    main()
