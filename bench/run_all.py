"""Run every benchmark script in bench/ one after the other (`make bench`); each prints its own figures.

`run_all.py --smoke` runs each in its quick mode (seconds, tiny data): CI does, on SQLite and on PostgreSQL, so a
bench that no longer runs fails the build."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    failed = 0
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"== {script.name}", flush=True)
        failed += subprocess.call([sys.executable, str(script), *sys.argv[1:]]) != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
