"""How many starts a second the production server takes: every participant starts the round at the same moment.

    .venv/bin/python bench/bench_start_capacity.py [--participants 1000] [--repeat 3] [--workers N] [--threads N]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/bench_start_capacity.py

bench_contest.py measures a round as students live it (starts spread over 10 s, answers with think time); its start
p95 depends on whether the machine's capacity is above or below the starts offered, and crosses from milliseconds to
seconds when it falls under. This script measures that capacity itself. It builds the same school, bank and round
(bench_contest's builder, plus one more round per repetition), starts the production server (deploy/web.py) as
bench_contest does, registers every participant, then for each repetition sends every participant's start at once
(at most --connections at a time) and prints: starts a second, the p50 / p95 wait, and the CPU time per start of the
app server, the database server and this load client (from /proc), i.e. what one start costs the machine. Then it
checks the database: exactly one attempt per participant in every repeated round. With --json the last line is one
JSON object (participants, repeats, starts_per_s: one figure per repetition, cpu_ms_per_start, check).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import secrets
import signal
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import bench_contest as contest  # noqa: E402  (the builder, the server, the client and the CPU sampler)


def _more_rounds(ids: dict, count: int) -> list[int]:
    """`count` rounds of the benchmark's contest, as open and as long as its first, so each repetition starts anew."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from truyenthong.contests import services
    from truyenthong.contests.models import Round

    admin = get_user_model().objects.get(username="bench")
    first = Round.objects.get(pk=ids["round"])
    now = timezone.now()
    rounds = [first.pk]
    for i in range(count - 1):
        made = services.round_create(
            contest=first.contest,
            actor=admin,
            name=f"Vòng thử tải {i + 2}",
            opens_at=now - dt.timedelta(minutes=5),
            closes_at=now + dt.timedelta(hours=3),
            time_limit_seconds=first.time_limit_seconds,
            question_count=first.question_count,
        )
        rounds.append(made.pk)
    return rounds


async def _register(clients: list, ids: dict) -> None:
    async def one(n: int, client) -> None:
        failed = await contest.register(client, n, ids)
        if failed:
            raise SystemExit(failed)

    await asyncio.gather(*(one(n, c) for n, c in enumerate(clients)))


async def _burst(clients: list, round_id: int, server_pid: int) -> dict:
    """Every client starts `round_id` at once; the seconds it took, each start's wait, the pages that were not the
    attempt, and the CPU."""
    timings: dict = defaultdict(list)
    for c in clients:
        c.timings = timings
    url = f"/thi/vong/{round_id}/bat-dau/"
    before = contest._cpu_sample(server_pid)
    started = time.perf_counter()
    results = await asyncio.gather(
        *(c.request("start", "POST", url, b"", "application/x-www-form-urlencoded") for c in clients)
    )
    elapsed = time.perf_counter() - started
    used = contest._cpu_between(before, contest._cpu_sample(server_pid))
    refused = sum(1 for status, _, page in results if status != 200 or not contest.PAGE_URL_RE.search(page))
    return {"elapsed": elapsed, "waits": timings["start"], "refused": refused, "cpu": used}


async def _drive(
    args, ids: dict, rounds: list[int], port: int, server_pid: int
) -> tuple[list[dict], list[str]]:
    await contest._warm_up(ids, port, args.workers or 8)
    errors: list[str] = []
    limit = asyncio.Semaphore(args.connections)
    clients = [contest.Client(port, limit, defaultdict(list), errors) for _ in range(args.participants)]
    await _register(clients, ids)
    bursts = []
    for round_id in rounds:
        bursts.append(await _burst(clients, round_id, server_pid))
        await asyncio.sleep(1)  # the server's queues empty before the next repetition
    return bursts, errors


def _check(rounds: list[int], participants: int) -> bool:
    from django.db.models import Count

    from truyenthong.contests.models import Attempt

    for round_id in rounds:
        per_person = list(
            Attempt.objects.filter(round_id=round_id).values("participant_id").annotate(n=Count("id"))
        )
        if len(per_person) != participants or any(row["n"] != 1 for row in per_person):
            return False
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3, help="bursts, each on a round of its own")
    parser.add_argument(
        "--workers", type=int, help="worker processes (default: as in production, deploy/web.py)"
    )
    parser.add_argument("--threads", type=int, help="threads per worker (default: as in production)")
    parser.add_argument("--connections", type=int, default=64, help="most simultaneous client connections")
    parser.add_argument("--smoke", action="store_true", help="30 participants, one burst")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.smoke:
        args.participants, args.repeat = 30, 1

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    where, cleanup = contest._setup_database()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "truyenthong.settings")
    # one throwaway key shared by the builder and the server
    os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)
    import django

    django.setup()
    server = None
    try:
        ids = contest._build(args.participants)
        rounds = _more_rounds(ids, args.repeat)
        from django.db import connections

        connections.close_all()
        port = contest._free_port()
        server = contest._start_server(port, args.workers, args.threads)
        print(
            f"{where}: {args.participants} participants; granian (deploy/web.py), {contest._web_shape(args)}; "
            f"{args.repeat} burst(s) of every start at once, at most {args.connections} connections",
            flush=True,
        )
        bursts, errors = asyncio.run(_drive(args, ids, rounds, port, server.pid))
        passed = _check(rounds, args.participants)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        cleanup()

    n = args.participants
    rates = []
    per_start = []
    for i, b in enumerate(bursts, start=1):
        rate = n / b["elapsed"]
        rates.append(rate)
        cpu = {k: b["cpu"][k] / n * 1000 for k in ("app", "database", "client", "busy")}
        per_start.append(cpu)
        waits = b["waits"]
        print(
            f"burst {i}: {rate:.0f} starts/s ({b['elapsed']:.2f} s), wait p50 {statistics.median(waits):.0f} ms / "
            f"p95 {contest._pct(waits, 95):.0f} ms, {b['refused']} refused; CPU per start: app {cpu['app']:.2f} ms, "
            f"database {cpu['database']:.2f} ms, client {cpu['client']:.2f} ms (machine busy {cpu['busy']:.2f} ms)"
        )
    refused = sum(b["refused"] for b in bursts)
    print(f"errors: {len(errors) + refused}")
    print(
        "database check (one attempt per participant in every round): " + ("PASSED" if passed else "FAILED")
    )
    if args.json:
        print(
            json.dumps(
                {
                    "database": "postgresql" if where.startswith("PostgreSQL") else "sqlite",
                    "participants": n,
                    "repeats": args.repeat,
                    "starts_per_s": [round(r) for r in rates],
                    "cpu_ms_per_start": [{k: round(v, 2) for k, v in c.items()} for c in per_start],
                    "errors": len(errors) + refused,
                    "database_check": passed,
                }
            )
        )
    return 0 if passed and not errors and not refused else 1


if __name__ == "__main__":
    raise SystemExit(main())
