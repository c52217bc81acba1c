"""Load benchmark of a contest round: N students register, start within a window, answer, submit; then the database
is checked (exactly one attempt each, every acknowledged answer saved).

    .venv/bin/python bench/bench_contest.py [--participants 3000] [--smoke] [--workers N] [--threads N] [--json]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/bench_contest.py

SQLite (a temporary file) by default; with DATABASE_URL=postgres://… it creates its own database on that server and
drops it at the end. It builds a school with classes, a 60-question bank and an open round of 20 questions, starts
the production server (deploy/web.py: granian, several worker processes, DEBUG off, every middleware on) on a free
loopback port,
and drives it with a bounded asyncio client of our own (plain HTTP/1.1 over asyncio streams, no extra dependency):

- each participant opens the contest page, registers (name, class, date of birth, contact, consent), starts the round
  (the start times are spread evenly over --ramp seconds, default 10; the start answers with the attempt page, so
  "start" is the time until the participant sees the questions), answers each question
  after a think time (uniform between --think-min and --think-max seconds), then submits;
- it prints starts/s, answers/s, p50/p95/p99 per request type and the errors, then reads the database.

With --json the last line is one JSON object: participants, attempts_ok, p95_start_ms, p95_answer_ms,
p95_submit_ms, errors, answers_lost, attempts_duplicated (and more). Exit status 1 when the database check fails.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import re
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUESTIONS_PER_ATTEMPT = 20
BANK_SIZE = 60


def _setup_database() -> tuple[str, callable]:
    """Point DATABASE_URL at a fresh database; return a description and a function that removes it."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        parts = urlsplit(url)
        name = f"tt_bench_contest_{os.getpid()}"
        admin = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))

        def drop():
            from django.db import connections

            connections.close_all()
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        return f"PostgreSQL ({parts.hostname}, database {name})", drop
    # the production SQLite configuration (WAL, IMMEDIATE transactions, busy timeout) in a throwaway folder
    folder = tempfile.mkdtemp(prefix="tt-bench-contest-")
    path = Path(folder) / "truyenthong.sqlite3"
    os.environ.pop("DATABASE_URL", None)
    os.environ["TRUYENTHONG_VAR_DIR"] = folder

    def remove():
        import shutil

        from django.db import connections

        connections.close_all()
        shutil.rmtree(folder, ignore_errors=True)

    return f"SQLite ({path})", remove


def _build(participants: int) -> dict:
    """The school, classes for every participant, the bank, and an open published round."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import timezone

    from truyenthong.contests import services
    from truyenthong.contests.models import Contest
    from truyenthong.lib import quiz
    from truyenthong.org.models import Organisation, SchoolClass
    from truyenthong.org.services import organisation_create

    call_command("migrate", verbosity=0)
    admin = get_user_model().objects.create_superuser("bench", password="bench-contest")  # noqa: S106
    K = Organisation.Kind
    ministry = organisation_create(kind=K.MINISTRY, code="bo", name="Bộ Giáo dục và Đào tạo")
    department = organisation_create(kind=K.DEPARTMENT, code="so", name="Sở GDĐT", parent=ministry)
    school = organisation_create(kind=K.SCHOOL, code="truong", name="Trường THPT Thử tải", parent=department)
    class_count = max(1, (participants + 39) // 40)
    classes = [
        SchoolClass.objects.create(
            school=school,
            school_year="2026-2027",
            name=f"{10 + i % 3}A{i + 1}",
            grade=10 + i % 3,
            student_count=40,
        )
        for i in range(class_count)
    ]
    rng = random.Random(7)
    for i in range(BANK_SIZE):
        services.question_create(
            school=school,
            actor=admin,
            kind=quiz.SINGLE,
            text=f"Câu hỏi thử tải số {i + 1} về Nghị quyết 71-NQ/TW?",
            options=[f"Phương án {c}" for c in "ABCD"],
            correct=[rng.randrange(4)],
            tags=["NQ71"],
        )
    contest = services.contest_create(
        school=school, actor=admin, title="Thử tải", audience=Contest.Audience.STUDENTS, classes=classes
    )
    now = timezone.now()
    round_ = services.round_create(
        contest=contest,
        actor=admin,
        name="Vòng thử tải",
        opens_at=now - dt.timedelta(minutes=5),
        closes_at=now + dt.timedelta(hours=3),
        time_limit_seconds=3 * 3600,
        question_count=QUESTIONS_PER_ATTEMPT,
    )
    services.contest_set_status(contest=contest, actor=admin, status=Contest.Status.PUBLISHED)
    return {"contest": contest.pk, "round": round_.pk, "classes": [c.pk for c in classes]}


def _web_shape(args) -> str:
    sys.path.insert(0, str(ROOT / "deploy"))
    import web

    env = dict(os.environ)
    if args.workers:
        env["WEB_CONCURRENCY"] = str(args.workers)
    if args.threads:
        env["WEB_THREADS"] = str(args.threads)
    cmd = web.command("127.0.0.1:0", env)
    return f"{cmd[cmd.index('--workers') + 1]} workers × {cmd[cmd.index('--blocking-threads') + 1]} threads"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(port: int, workers: int | None, threads: int | None) -> subprocess.Popen:
    """The production web server as `make serve` starts it (deploy/web.py: granian), DEBUG off, every middleware;
    its worker processes and threads as in production unless --workers / --threads say otherwise."""
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "truyenthong.settings",
            "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1",
            "LOG_LEVEL": "ERROR",
            "SECRET_KEY": os.environ["SECRET_KEY"],
            "BIND": f"127.0.0.1:{port}",
            "WEB_BACKLOG": "4096",
            "WEB_ACCESS_LOG": "false",
            "WEB_LOG_LEVEL": "warning",
        }
    )
    if workers:
        env["WEB_CONCURRENCY"] = str(workers)
    if threads:
        env["WEB_THREADS"] = str(threads)
    process = subprocess.Popen([sys.executable, str(ROOT / "deploy" / "web.py")], env=env, cwd=ROOT)  # noqa: S603
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            if process.poll() is not None:
                raise SystemExit("the web server did not start") from None
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("the web server did not start within 60 s")


# --- the client ----------------------------------------------------------------------------------------------------


class Client:
    """One participant's browser: cookies, and plain HTTP/1.1 requests over asyncio streams (one per connection)."""

    def __init__(self, port: int, limit: asyncio.Semaphore, timings: dict, errors: list):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.limit = limit
        self.timings = timings
        self.errors = errors

    async def request(self, kind: str, method: str, path: str, body: bytes = b"", content_type: str = ""):
        headers = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{self.port}", "Connection: close"]
        if self.cookies:
            headers.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if method == "POST":
            headers.append(f"Content-Length: {len(body)}")
            headers.append(f"Content-Type: {content_type}")
            if "csrftoken" in self.cookies:
                headers.append(f"X-CSRFToken: {self.cookies['csrftoken']}")
        raw = ("\r\n".join(headers) + "\r\n\r\n").encode() + body
        started = time.perf_counter()
        try:
            async with self.limit:
                reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
                writer.write(raw)
                await writer.drain()
                data = await reader.read()
                writer.close()
        except OSError as exc:
            self.errors.append(f"{kind}: {exc.__class__.__name__}")
            return 0, {}, b""
        self.timings[kind].append((time.perf_counter() - started) * 1000)
        head, _, payload = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        try:
            status = int(lines[0].split()[1])
        except (IndexError, ValueError):
            self.errors.append(f"{kind}: malformed response")
            return 0, {}, b""
        found = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "set-cookie":
                cookie = value.split(";", 1)[0]
                k, _, v = cookie.partition("=")
                self.cookies[k] = v
            else:
                found[name] = value
        if "chunked" in found.get("transfer-encoding", ""):
            payload = _unchunk(payload)
        return status, found, payload


def _unchunk(data: bytes) -> bytes:
    out = b""
    while data:
        size_line, _, rest = data.partition(b"\r\n")
        size = int(size_line.split(b";")[0] or b"0", 16)
        if size == 0:
            break
        out += rest[:size]
        data = rest[size + 2 :]
    return out


QUESTION_RE = re.compile(rb'data-question="(\d+)"\s+data-kind="single"')
PAGE_URL_RE = re.compile(rb'data-page-url="(/thi/bai/[0-9a-f]+/)"')


def registration(n: int, ids: dict) -> dict:
    """The registration form of participant n (a student of one of the round's classes, born 2009, consenting)."""
    return {
        "full_name": f"Học sinh Thử {n}",
        "school_class": ids["classes"][n % len(ids["classes"])],
        "birth_date": "01/09/2009",
        "contact": f"09{n:08d}",
        "consent": "on",
    }


async def register(client: Client, n: int, ids: dict) -> str:
    """Participant n opens the contest page and registers; '' when it went through, else what failed."""
    home = f"/thi/{ids['contest']}/"
    status, _, _ = await client.request("page", "GET", home)
    if status != 200:
        return f"contest page: HTTP {status}"
    status, _, _ = await client.request(
        "register",
        "POST",
        home,
        urlencode(registration(n, ids)).encode(),
        "application/x-www-form-urlencoded",
    )
    return "" if status == 302 else f"register: HTTP {status}"


async def participant(n: int, args, ids: dict, port: int, limit, timings, errors, acknowledged, t0: float):
    client = Client(port, limit, timings, errors)
    rng = random.Random(n)
    # registration happens beforehand (spread over --register-window); the starts are the synchronised burst
    await asyncio.sleep(max(0.0, t0 + args.register_window * n / args.participants - time.perf_counter()))
    failed = await register(client, n, ids)
    if failed:
        errors.append(failed)
        return
    start_at = t0 + args.register_window + 1 + args.ramp * n / args.participants
    await asyncio.sleep(max(0.0, start_at - time.perf_counter()))
    status, _, page = await client.request(
        "start", "POST", f"/thi/vong/{ids['round']}/bat-dau/", b"", "application/x-www-form-urlencoded"
    )
    # the start answers with the attempt page (a browser then shows the attempt's address, data-page-url)
    found = PAGE_URL_RE.search(page)
    if status != 200 or found is None:
        errors.append(f"start: HTTP {status}")
        return
    location = found.group(1).decode()
    key = location.rstrip("/").rsplit("/", 1)[-1]
    questions = [int(q) for q in QUESTION_RE.findall(page)]
    if len(questions) != QUESTIONS_PER_ATTEMPT:
        errors.append(f"attempt page: {len(questions)} questions")
        return
    for qid in questions:
        await asyncio.sleep(rng.uniform(args.think_min, args.think_max))
        body = json.dumps({"question": qid, "response": rng.randrange(4)}).encode()
        for _ in range(3):  # as the page's script does, an answer that failed is sent again
            status, _, _ = await client.request(
                "answer", "POST", f"/thi/bai/{key}/tra-loi/", body, "application/json"
            )
            if status == 200:
                acknowledged[key].add(qid)
                break
            errors.append(f"answer: HTTP {status}")
            await asyncio.sleep(1)
    status, _, _ = await client.request(
        "submit", "POST", f"/thi/bai/{key}/nop-bai/", b"", "application/x-www-form-urlencoded"
    )
    if status != 302:
        errors.append(f"submit: HTTP {status}")


async def _warm_up(ids: dict, port: int, workers: int) -> None:
    """Each worker renders the pages once (templates compiled, connections opened) before the clock starts."""
    client = Client(port, asyncio.Semaphore(64), defaultdict(list), [])
    for _ in range(3):
        await asyncio.gather(
            *(client.request("warm", "GET", f"/thi/{ids['contest']}/") for _ in range(workers * 4))
        )


TICK = os.sysconf("SC_CLK_TCK")


def _cpu_sample(server_pid: int) -> dict[str, float]:
    """CPU seconds used so far by the load client (this process), the app server (granian and its workers), the
    PostgreSQL server's processes, and the machine (busy, stolen by the host, and all), from /proc."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    sample = {"client": usage.ru_utime + usage.ru_stime, "app": 0.0, "database": 0.0}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as f:
                stat = f.read()
        except OSError:
            continue  # gone meanwhile
        comm = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        # utime, stime, and those of children it has reaped (PostgreSQL's backends that closed, recycled workers)
        seconds = sum(int(v) for v in fields[11:15]) / TICK
        if int(entry.name) == server_pid or int(fields[1]) == server_pid:
            sample["app"] += seconds
        elif comm == "postgres":
            sample["database"] += seconds
    with open("/proc/stat") as f:
        cpu = [int(v) / TICK for v in f.readline().split()[1:9]]
    user, nice, system, idle, iowait, irq, softirq, steal = cpu
    sample["busy"] = user + nice + system + irq + softirq
    sample["steal"] = steal
    sample["all"] = sum(cpu)
    return sample


def _cpu_between(before: dict, after: dict) -> dict[str, float]:
    return {k: after[k] - before[k] for k in before}


async def _sample_at(moment: float, server_pid: int, into: list) -> None:
    await asyncio.sleep(max(0.0, moment - time.perf_counter()))
    into.append(_cpu_sample(server_pid))


async def _drive(args, ids: dict, port: int, server_pid: int):
    await _warm_up(ids, port, args.workers or 8)
    timings: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    acknowledged: dict[str, set[int]] = defaultdict(set)
    limit = asyncio.Semaphore(args.connections)
    t0 = time.perf_counter() + 0.5
    first_start = t0 + args.register_window + 1
    # CPU samples: when the starts begin, 10 s after the last start is sent (the burst), and at the end
    samples: list[dict] = []
    await asyncio.gather(
        _sample_at(first_start, server_pid, samples),
        _sample_at(first_start + args.ramp + 10, server_pid, samples),
        *(
            participant(n, args, ids, port, limit, timings, errors, acknowledged, t0)
            for n in range(args.participants)
        ),
    )
    samples.append(_cpu_sample(server_pid))
    cpu = {"burst": _cpu_between(samples[0], samples[1]), "run": _cpu_between(samples[0], samples[-1])}
    return timings, errors, acknowledged, time.perf_counter() - first_start, cpu


def _check(ids: dict, acknowledged: dict, participants: int) -> dict:
    from django.db.models import Count

    from truyenthong.contests.models import Answer, Attempt, Participant

    per_person = dict(
        Participant.objects.filter(contest_id=ids["contest"])
        .annotate(n=Count("attempts"))
        .values_list("pk", "n")
    )
    duplicated = sum(max(0, n - 1) for n in per_person.values())
    saved = defaultdict(set)
    for key, qid in Answer.objects.filter(attempt__round_id=ids["round"]).values_list(
        "attempt__key", "question_id"
    ):
        saved[key].add(qid)
    lost = sum(len(qids - saved.get(key, set())) for key, qids in acknowledged.items())
    attempts_ok = 0
    for a in Attempt.objects.filter(round_id=ids["round"]).values("key", "status", "participant_id"):
        if (
            per_person.get(a["participant_id"]) == 1
            and a["status"] == Attempt.Status.SUBMITTED
            and len(saved.get(a["key"], ())) == QUESTIONS_PER_ATTEMPT
        ):
            attempts_ok += 1
    return {
        "registered": len(per_person),
        "attempts_ok": attempts_ok,
        "answers_saved": sum(len(v) for v in saved.values()),
        "answers_lost": lost,
        "attempts_duplicated": duplicated,
    }


def _pct(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=3000)
    parser.add_argument("--smoke", action="store_true", help="30 participants, short think times")
    parser.add_argument("--ramp", type=float, default=10.0, help="seconds over which the starts are spread")
    parser.add_argument(
        "--register-window",
        type=float,
        default=None,
        help="seconds over which registrations are spread first (default: 0.06 s per participant, 180 s for 3,000)",
    )
    parser.add_argument("--think-min", type=float, default=10.0)
    parser.add_argument("--think-max", type=float, default=20.0)
    parser.add_argument(
        "--workers", type=int, help="worker processes (default: as in production, deploy/web.py)"
    )
    parser.add_argument("--threads", type=int, help="threads per worker (default: as in production)")
    parser.add_argument("--connections", type=int, default=1000, help="most simultaneous client connections")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.smoke:
        args.participants, args.think_min, args.think_max = 30, 0.2, 0.6

    if args.register_window is None:
        # students register before the round (days before, in a school); spread thinly enough (16 a second) that
        # the registrations are not still queued when the synchronised start, the thing measured, begins
        args.register_window = max(5.0, args.participants * 0.06)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    args.connections = min(args.connections, max(64, hard - 200))

    import signal

    # a terminated run still stops its server and removes its database (the finally blocks below)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    where, cleanup = _setup_database()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "truyenthong.settings")
    import secrets

    os.environ["SECRET_KEY"] = secrets.token_urlsafe(
        50
    )  # one throwaway key shared by the builder and the server
    import django

    django.setup()
    server = None
    try:
        built = time.perf_counter()
        ids = _build(args.participants)
        from django.db import connections

        connections.close_all()
        print(
            f"{where}: {args.participants} participants, built in {time.perf_counter() - built:.1f} s",
            flush=True,
        )
        port = _free_port()
        server = _start_server(port, args.workers, args.threads)
        print(
            f"granian (deploy/web.py) on 127.0.0.1:{port}, {_web_shape(args)}; registrations over "
            f"{args.register_window:g} s, then starts over {args.ramp:g} s, think {args.think_min:g}–{args.think_max:g} s",
            flush=True,
        )
        timings, errors, acknowledged, elapsed, cpu = asyncio.run(_drive(args, ids, port, server.pid))
        check = _check(ids, acknowledged, args.participants)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        cleanup()

    starts = len(timings["start"])
    answers = len(timings["answer"])
    print(
        f"run (from the first start): {elapsed:.1f} s; starts/s {starts / max(args.ramp, 1e-9):.1f} (offered over the ramp); "
        f"answers/s {answers / elapsed:.1f}"
    )
    for name, used in cpu.items():
        # where the two cores went: the burst is the ramp of starts and the 10 s after it
        print(
            f"CPU, {name} ({'starts + 10 s' if name == 'burst' else 'first start to end'}): "
            f"{used['busy'] / max(used['all'], 1e-9):.0%} busy, {used['steal'] / max(used['all'], 1e-9):.0%} "
            f"stolen by the host; seconds: app server {used['app']:.1f}, database server {used['database']:.1f}, "
            f"load client {used['client']:.1f}"
        )
    print(f"{'request':<10}{'count':>8}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}{'max ms':>10}")
    for kind in ("page", "register", "start", "answer", "submit"):
        values = timings[kind]
        if values:
            print(
                f"{kind:<10}{len(values):>8}{statistics.median(values):>10.0f}{_pct(values, 95):>10.0f}"
                f"{_pct(values, 99):>10.0f}{max(values):>10.0f}"
            )
    kinds = defaultdict(int)
    for e in errors:
        kinds[e] += 1
    print(
        f"errors: {len(errors)}"
        + ("".join(f"\n  {k}: {n}" for k, n in sorted(kinds.items())) if errors else "")
    )
    print(
        f"database: {check['registered']} registered, {check['attempts_ok']} complete attempts (one each, "
        f"{QUESTIONS_PER_ATTEMPT} answers saved), {check['answers_saved']} answers saved, "
        f"{check['answers_lost']} acknowledged answers lost, {check['attempts_duplicated']} duplicated attempts"
    )
    passed = (
        check["attempts_ok"] == args.participants
        and check["answers_lost"] == 0
        and check["attempts_duplicated"] == 0
    )
    print("database check: " + ("PASSED" if passed else "FAILED"))
    if args.json:
        print(
            json.dumps(
                {
                    "database": "postgresql" if where.startswith("PostgreSQL") else "sqlite",
                    "participants": args.participants,
                    "attempts_ok": check["attempts_ok"],
                    "p50_start_ms": round(_pct(timings["start"], 50), 1),
                    "p95_start_ms": round(_pct(timings["start"], 95), 1),
                    "p99_start_ms": round(_pct(timings["start"], 99), 1),
                    "p50_answer_ms": round(_pct(timings["answer"], 50), 1),
                    "p95_answer_ms": round(_pct(timings["answer"], 95), 1),
                    "p99_answer_ms": round(_pct(timings["answer"], 99), 1),
                    "p95_submit_ms": round(_pct(timings["submit"], 95), 1),
                    "p99_submit_ms": round(_pct(timings["submit"], 99), 1),
                    "answers_per_s": round(answers / elapsed, 1),
                    "errors": len(errors),
                    "answers_lost": check["answers_lost"],
                    "attempts_duplicated": check["attempts_duplicated"],
                    "database_check": passed,
                    "cpu_seconds": {
                        name: {k: round(v, 1) for k, v in used.items()} for name, used in cpu.items()
                    },
                },
                ensure_ascii=False,
            )
        )
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
