"""Pure rules of a quiz: drawing questions with a recorded seed, shuffling options, grading every question type,
ranking, and the small arithmetic challenge of public rounds. No Django here."""

from __future__ import annotations

import hashlib
import hmac
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from truyenthong.lib.vntext import fold, nfc

SINGLE = "single"
MULTIPLE = "multiple"
TRUE_FALSE = "true_false"
SHORT = "short"
TIE_BREAK = "tie_break"

TRUE_FALSE_OPTIONS = ["Đúng", "Sai"]


def normalise_answer(text: str | None) -> str:
    """A short answer as compared: folded (no diacritics, lower case), spaces collapsed, end punctuation dropped."""
    return " ".join(fold(text).strip(" .,;:!?\"'").split())


def draw(pool: Sequence[int], count: int, seed: int) -> list[int]:
    """`count` question ids drawn from `pool` (without repeats) by a generator seeded with `seed`: same seed, same
    questions in the same order. The pool is sorted first so the draw does not depend on the database's order."""
    ordered = sorted(pool)
    rng = random.Random(seed)
    return rng.sample(ordered, min(count, len(ordered)))


def shuffle_options(option_count: int, seed: int, question_id: int) -> list[int]:
    """A permutation of option positions for one question of one attempt (position shown → original index)."""
    order = list(range(option_count))
    random.Random(f"{seed}:{question_id}").shuffle(order)
    return order


def grade(kind: str, correct: list, response) -> bool | None:
    """Whether `response` answers the question right; None for the tie-break (not graded, only ranked).

    - single / true_false: `correct` is [index], `response` an index (int or numeric text);
    - multiple: `correct` a list of indices, `response` a list; every right option and no wrong one;
    - short: `correct` the accepted variants, `response` text; diacritics, case and spacing do not matter.
    """
    if kind == TIE_BREAK:
        return None
    if response is None or response == "" or response == []:
        return False
    try:
        if kind in (SINGLE, TRUE_FALSE):
            return int(response) in {int(c) for c in correct} and len(correct) == 1
        if kind == MULTIPLE:
            given = {int(r) for r in (response if isinstance(response, list) else [response])}
            return given == {int(c) for c in correct}
    except (TypeError, ValueError):
        return False
    if kind == SHORT:
        given = normalise_answer(str(response))
        return bool(given) and any(given == normalise_answer(str(v)) for v in correct)
    return False


@dataclass(frozen=True)
class Result:
    """What ranking needs of one attempt."""

    key: object
    score: float
    duration_ms: int
    tie_break_guess: int | None


def rank(results: Iterable[Result], tie_break_value: int | None) -> list[tuple[int, Result]]:
    """Rank by score (high first), then time taken (short first), then distance of the tie-break guess to the true
    value (near first, no guess last). Results equal on all three share a rank (1, 2, 2, 4)."""

    def sort_key(r: Result):
        if tie_break_value is None or r.tie_break_guess is None:
            distance = float("inf")
        else:
            distance = abs(r.tie_break_guess - tie_break_value)
        return (-r.score, r.duration_ms, distance)

    ordered = sorted(results, key=sort_key)
    ranked: list[tuple[int, Result]] = []
    previous = None
    for position, r in enumerate(ordered, start=1):
        k = sort_key(r)
        rank_no = ranked[-1][0] if previous == k and ranked else position
        ranked.append((rank_no, r))
        previous = k
    return ranked


# --- the arithmetic challenge of public rounds -----------------------------------------------------------------


def challenge_make(secret: str, now: int, rng: random.Random | None = None) -> tuple[str, str]:
    """(question text, signed token). The token carries the two numbers, the time it was issued (seconds) and an
    HMAC; the answer itself is not in it in clear."""
    rng = rng or random.SystemRandom()
    a, b = rng.randint(2, 19), rng.randint(2, 19)
    payload = f"{a}:{b}:{int(now)}"
    mac = hmac.new(secret.encode(), payload.encode(), hashlib.sha256).hexdigest()[:24]
    return f"{a} + {b} = ?", f"{payload}:{mac}"


def challenge_check(secret: str, token: str, answer: str, now: int, max_age: int = 1800) -> bool:
    """True when the token is ours (untampered, not older than `max_age` seconds) and `answer` is the sum."""
    try:
        a, b, issued, mac = (token or "").split(":")
        expected = hmac.new(secret.encode(), f"{a}:{b}:{issued}".encode(), hashlib.sha256).hexdigest()[:24]
        if not hmac.compare_digest(mac, expected) or not 0 <= int(now) - int(issued) <= max_age:
            return False
        return int(nfc(answer)) == int(a) + int(b)
    except (ValueError, TypeError):
        return False
