"""Reading and writing question banks in the layouts schools use: a sheet or Word table with columns
Câu hỏi | A | B | C | D | Đáp án (and optionally Loại, Chủ đề, Mức độ, Điểm), or Word paragraphs
"Câu 1. …" / "A. …" … / "Đáp án: B". Parsing is pure (no database); every problem is reported with where it is."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from truyenthong.lib import quiz
from truyenthong.lib.spreadsheet import safe_row
from truyenthong.lib.vntext import fold, nfc

LETTERS = "ABCDEFGH"
KIND_WORDS = {
    "mot lua chon": quiz.SINGLE,
    "1 lua chon": quiz.SINGLE,
    "trac nghiem": quiz.SINGLE,
    "nhieu lua chon": quiz.MULTIPLE,
    "dung/sai": quiz.TRUE_FALSE,
    "dung sai": quiz.TRUE_FALSE,
    "tra loi ngan": quiz.SHORT,
    "dien khuyet": quiz.SHORT,
    "tu luan ngan": quiz.SHORT,
    "cau hoi phu": quiz.TIE_BREAK,
    "du doan": quiz.TIE_BREAK,
}
DIFFICULTY_WORDS = {"de": 1, "1": 1, "trung binh": 2, "tb": 2, "2": 2, "kho": 3, "3": 3}
HEADERS = {
    "cau hoi": "text",
    "noi dung cau hoi": "text",
    "noi dung": "text",
    "a": "A",
    "b": "B",
    "c": "C",
    "d": "D",
    "e": "E",
    "phuong an a": "A",
    "phuong an b": "B",
    "phuong an c": "C",
    "phuong an d": "D",
    "dap an": "answer",
    "dap an dung": "answer",
    "loai": "kind",
    "loai cau hoi": "kind",
    "chu de": "tags",
    "muc do": "difficulty",
    "do kho": "difficulty",
    "diem": "points",
}


@dataclass
class ParsedQuestion:
    where: str
    kind: str
    text: str
    options: list[str]
    correct: list
    tags: list[str] = field(default_factory=list)
    difficulty: int = 2
    points: int = 1


@dataclass
class ParseResult:
    questions: list[ParsedQuestion] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value))


def _build(where: str, raw: dict[str, str], result: ParseResult) -> None:
    """One question from its named parts; appends it or the reasons it cannot be read."""
    text = raw.get("text", "")
    options = [raw[k] for k in LETTERS if raw.get(k)]
    answer = raw.get("answer", "")
    kind_word = fold(raw.get("kind", ""))
    problems = []
    if not text:
        problems.append("thiếu nội dung câu hỏi")
    kind = KIND_WORDS.get(kind_word) if kind_word else None
    if kind_word and kind is None:
        problems.append(
            f"loại câu hỏi “{raw.get('kind')}” không rõ (một lựa chọn, nhiều lựa chọn, đúng/sai, "
            "trả lời ngắn, câu hỏi phụ)"
        )
    letters = [p for p in re.split(r"[\s,;/]+", answer.upper()) if p]
    is_letters = bool(letters) and all(len(p) == 1 and p in LETTERS for p in letters)
    if kind is None:
        if (
            not options
            and fold(answer) in {"dung", "sai"}
            or options
            and [fold(o) for o in options] == ["dung", "sai"]
        ):
            kind = quiz.TRUE_FALSE
        elif not options and not answer and "du doan" in fold(text):
            kind = quiz.TIE_BREAK
        elif not options and not answer:
            kind = quiz.SHORT  # reported below as missing its accepted answers
        elif not options:
            kind = quiz.SHORT
        elif is_letters and len(letters) > 1:
            kind = quiz.MULTIPLE
        else:
            kind = quiz.SINGLE
    correct: list = []
    if kind == quiz.TRUE_FALSE:
        options = list(quiz.TRUE_FALSE_OPTIONS)
        folded = fold(answer)
        if folded in {"dung", "a", "d"}:
            correct = [0]
        elif folded in {"sai", "b", "s"}:
            correct = [1]
        else:
            problems.append("đáp án câu đúng/sai phải là “Đúng” hoặc “Sai”")
    elif kind in (quiz.SINGLE, quiz.MULTIPLE):
        if len(options) < 2:
            problems.append("cần ít nhất hai phương án (cột A, B…)")
        if not answer:
            problems.append("thiếu đáp án")
        elif not is_letters:
            problems.append(f"đáp án “{answer}” phải là chữ cái của phương án (ví dụ B, hoặc A, C)")
        else:
            correct = sorted({LETTERS.index(p) for p in letters})
            if any(i >= len(options) for i in correct):
                problems.append(f"đáp án “{answer}” chỉ tới phương án không có")
            if kind == quiz.SINGLE and len(correct) > 1:
                problems.append("câu một lựa chọn chỉ có một đáp án")
    elif kind == quiz.SHORT:
        correct = [v for v in (nfc(x) for x in re.split(r"[|;]", answer)) if v]
        if not correct:
            problems.append("thiếu đáp án được chấp nhận (nhiều cách viết cách nhau bởi dấu | )")
        options = []
    else:  # tie-break: no options, no answer (its value is known only after the round)
        options, correct = [], []
    difficulty = 2
    if raw.get("difficulty"):
        d = DIFFICULTY_WORDS.get(fold(raw["difficulty"]))
        if d is None:
            problems.append(f"mức độ “{raw['difficulty']}” không rõ (dễ, trung bình, khó)")
        else:
            difficulty = d
    points = 1
    if raw.get("points"):
        try:
            points = int(float(raw["points"].replace(",", ".")))
            if not 1 <= points <= 100:
                raise ValueError
        except ValueError:
            problems.append(f"điểm “{raw['points']}” phải là số nguyên từ 1 đến 100")
    tags = [nfc(t) for t in re.split(r"[,;]", raw.get("tags", "")) if nfc(t)]
    if problems:
        result.errors.append(f"{where}: " + "; ".join(problems) + ".")
        return
    result.questions.append(ParsedQuestion(where, kind, text, options, correct, tags, difficulty, points))


def _rows_to_questions(rows: list[list[str]], label: str, first_row: int, result: ParseResult) -> None:
    """Table rows (the first one the header) to questions."""
    if not rows:
        result.errors.append(f"{label}: bảng trống.")
        return
    header = [HEADERS.get(fold(h)) for h in rows[0]]
    if "text" not in header or "answer" not in header:
        result.errors.append(
            f"{label}: dòng tiêu đề phải có cột “Câu hỏi” và cột “Đáp án” (các cột phương án A, B, C, D)."
        )
        return
    for offset, row in enumerate(rows[1:], start=1):
        if not any(row):
            continue
        raw = {name: row[i] for i, name in enumerate(header) if name and i < len(row) and row[i]}
        _build(f"{label}, dòng {first_row + offset}", raw, result)


def parse_xlsx(data: bytes) -> ParseResult:
    from openpyxl import load_workbook

    result = ParseResult()
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        result.errors.append("Không đọc được tệp Excel: tệp hỏng hoặc không phải .xlsx.")
        return result
    sheet = workbook.worksheets[0]
    rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    # skip title lines above the header
    start = next((i for i, r in enumerate(rows) if any(HEADERS.get(fold(c)) == "text" for c in r)), 0)
    _rows_to_questions(rows[start:], f"Trang “{sheet.title}”", start + 1, result)
    return result


_QUESTION_RE = re.compile(r"^\s*câu\s*(?:hỏi\s*)?(\d+)\s*[.:)\-–]?\s*(.*)$", re.IGNORECASE)
_OPTION_RE = re.compile(r"^\s*([A-Ha-h])\s*[.)\-–:]\s*(.+)$")
_FIELD_RE = re.compile(
    r"^\s*(đáp án(?: đúng)?|loại(?: câu hỏi)?|chủ đề|mức độ|độ khó|điểm)\s*:\s*(.*)$", re.IGNORECASE
)


def parse_lines(lines: list[str], label: str = "Dòng") -> ParseResult:
    """Paragraphs: "Câu 1. …" then "A. …" lines, then "Đáp án: B" (and optional "Chủ đề: …", "Mức độ: …")."""
    result = ParseResult()
    current: dict | None = None
    start_line = 0
    number = ""

    def flush():
        if current is not None:
            _build(f"Câu {number} ({label.lower()} {start_line})", current, result)

    for line_no, line in enumerate(lines, start=1):
        line = nfc(line)
        if not line:
            continue
        m = _QUESTION_RE.match(line)
        if m:
            flush()
            current, start_line, number = {"text": m.group(2)}, line_no, m.group(1)
            continue
        if current is None:
            continue  # a title or instructions before the first question
        m = _FIELD_RE.match(line)
        if m:
            current[HEADERS.get(fold(m.group(1)), "answer")] = m.group(2).strip()
            continue
        m = _OPTION_RE.match(line)
        if m and "answer" not in current:
            current[m.group(1).upper()] = m.group(2).strip()
            continue
        if not any(k in current for k in LETTERS) and "answer" not in current:
            current["text"] = f"{current['text']} {line}".strip()
    flush()
    if not result.questions and not result.errors:
        result.errors.append("Không tìm thấy câu hỏi nào (mỗi câu bắt đầu bằng “Câu 1.”, “Câu 2.”…).")
    return result


def parse_docx(data: bytes) -> ParseResult:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises many kinds for a damaged file
        return ParseResult(errors=["Không đọc được tệp Word: tệp hỏng hoặc không phải .docx."])
    for number, table in enumerate(document.tables, start=1):
        rows = [[_cell(c.text) for c in row.cells] for row in table.rows]
        if rows and any(HEADERS.get(fold(c)) == "text" for c in rows[0]):
            result = ParseResult()
            _rows_to_questions(rows, f"Bảng {number}", 1, result)
            return result
    return parse_lines([p.text for p in document.paragraphs], "Đoạn")


def parse(filename: str, data: bytes) -> ParseResult:
    name = filename.lower()
    if name.endswith(".xlsx"):
        return parse_xlsx(data)
    if name.endswith(".docx"):
        return parse_docx(data)
    return ParseResult(errors=["Chỉ nhận tệp .xlsx hoặc .docx."])


def export_xlsx(questions) -> bytes:
    """The bank as a sheet in the import layout (it can be imported back)."""
    from openpyxl import Workbook

    kind_labels = {
        quiz.SINGLE: "Một lựa chọn",
        quiz.MULTIPLE: "Nhiều lựa chọn",
        quiz.TRUE_FALSE: "Đúng/Sai",
        quiz.SHORT: "Trả lời ngắn",
        quiz.TIE_BREAK: "Câu hỏi phụ",
    }
    difficulty_labels = {1: "Dễ", 2: "Trung bình", 3: "Khó"}
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Ngân hàng câu hỏi"
    sheet.append(["Câu hỏi", "A", "B", "C", "D", "Đáp án", "Loại", "Chủ đề", "Mức độ", "Điểm"])
    for q in questions:
        options = (list(q.options) + ["", "", "", ""])[:4] if q.kind != quiz.TRUE_FALSE else ["", "", "", ""]
        if q.kind == quiz.SHORT:
            answer = " | ".join(q.correct)
        elif q.kind == quiz.TRUE_FALSE:
            answer = quiz.TRUE_FALSE_OPTIONS[q.correct[0]] if q.correct else ""
        elif q.kind == quiz.TIE_BREAK:
            answer = ""
        else:
            answer = ", ".join(LETTERS[int(i)] for i in q.correct)
        sheet.append(
            safe_row(
                [
                    q.text,
                    *options,
                    answer,
                    kind_labels.get(q.kind, ""),
                    ", ".join(q.tags),
                    difficulty_labels.get(q.difficulty, ""),
                    q.points,
                ]
            )
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
