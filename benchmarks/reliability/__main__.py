"""python -m benchmarks.reliability [--backend sqlite|postgresql] [--seconds 6] [--concurrency 4] [--clients 200]
[--pg-restart] [--json PATH]

Starts `zhangfang serve` on a free 127.0.0.1 port over a generated firm, then: sustained signed load on every
endpoint, the hostile-input corpus, and the faults. Prints a table and writes JSON (default
benchmarks/out/reliability-<backend>.json). Exit status 1 when load was not held, a fault not survived, a bad
input got an unexpected status, or a message was lost or sent twice."""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

from benchmarks.reliability import faults, hostile, load
from benchmarks.reliability.harness import ROOT, Fakes, World
from benchmarks.reliability.report import print_report, verdict


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.reliability", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--postgres-url", default=os.environ.get(
        "ZHANGFANG_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"))
    parser.add_argument("--clients", type=int, default=200, help="size of the generated firm")
    parser.add_argument("--seconds", type=float, default=5.0, help="load per endpoint")
    parser.add_argument("--concurrency", type=int, default=4, help="clients per endpoint")
    parser.add_argument("--lock-seconds", type=float, default=4.0, help="how long the database stays locked")
    parser.add_argument("--failure-rate", type=float, default=0.2, help="share of platform sends answered 500")
    parser.add_argument("--pg-restart", action="store_true",
                        help="also restart the PostgreSQL cluster mid-load (pg_ctlcluster; PostgreSQL only)")
    parser.add_argument("--json", type=Path, default=None, help="where to write the results")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (logs, database)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.pg_restart and args.backend != "postgresql":
        print("--pg-restart needs --backend postgresql", file=sys.stderr)
        return 2
    started = time.monotonic()
    results: dict[str, object] = {"backend": args.backend, "clients": args.clients, "seconds": args.seconds,
                                  "concurrency": args.concurrency, "machine": f"{platform.machine()}, "
                                  f"{os.cpu_count()} cores", "python": platform.python_version()}
    with Fakes() as fakes:
        world = World(args.backend, args.clients, args.postgres_url if args.backend == "postgresql" else None,
                      fakes)
        try:
            world.create_firm()
            results["startup_seconds"] = round(world.start(), 2)
            results["first_request_ms"] = load.warm_up(world)
            results["load"] = [r.summary() | {"held": r.held} for r in load.run_load(world, args.seconds,
                                                                                       args.concurrency)]
            results["hostile"] = hostile.run_corpus(world)
            found = [faults.database_locked(world, args.lock_seconds), faults.read_only(world),
                     faults.kill_and_restart(world, max(4.0, args.seconds)),
                     faults.platform_failures(world, args.failure_rate, timeouts=1, wait=45.0)]
            if args.pg_restart:
                found.append(faults.postgres_restart(world, max(6.0, args.seconds)))
            results["faults"] = found
            results["server_tracebacks"] = world.log_text().count("Traceback")
        finally:
            if args.keep:
                print(f"kept: {world.workdir}")
                world.stop()
            else:
                world.cleanup()
    results["total_seconds"] = round(time.monotonic() - started, 1)
    results["verdict"] = verdict(results)
    out = args.json or ROOT / "benchmarks" / "out" / f"reliability-{args.backend}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    print_report(results)
    print(f"\nJSON: {out}")
    return 0 if results["verdict"]["green"] else 1


if __name__ == "__main__":
    sys.exit(main())
