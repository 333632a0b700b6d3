"""Every benchmark quoted in the README, one after another (`make bench`).

    .venv/bin/python benchmarks/run_all.py            # 10,000-client firms
    .venv/bin/python benchmarks/run_all.py --large    # also plans a 100,000-client day (builds a ~1 GB firm once)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run(script: str, *args: str) -> None:
    print(f"\n## {script} {' '.join(args)}\n", flush=True)
    subprocess.run([sys.executable, str(HERE / script), *args], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--large", action="store_true", help="include the 100,000-client planning run")
    args = parser.parse_args()
    run("import_bench.py", "--clients", "10000")
    run("answer_bench.py", "--clients", "10000", "--runs", "100")
    run("json_bench.py", "--clients", "10000", "--runs", "40")
    for script in ("nlu_bench.py", "action_bench.py", "write_bench.py", "export_bench.py", "client_files_bench.py",
                   "board_bench.py"):
        run(script)  # each with the firm size and runs its README figures were measured with
    run("plan_bench.py", *(["--clients", "10000", "100000"] if args.large else ["--clients", "10000"]))


if __name__ == "__main__":
    main()
