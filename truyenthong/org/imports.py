"""Reading staff and class lists from .xlsx/.csv as schools keep them, and checking each row.

Schools' spreadsheets carry title lines above the table, a "STT" column, headers written with or without diacritics
("Mã CB", "Mã cán bộ", "ma can bo"), Excel dates or "05/09/2026" text, phone numbers that Excel turned into numbers
(losing the leading 0) and sometimes a numbering row ("(1) (2) (3)") under the header. This module turns such a file
into a `Sheet` (the header row found, each row as field → text, with its row number as the spreadsheet shows it) and
checks rows into plain values with per-row errors in Vietnamese. It knows nothing of the database: the school's units
and staff are passed in as lookup tables, so it is tested on its own.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from truyenthong.core.errors import InvalidInput
from truyenthong.lib.textfiles import TextEncodingError, decode_text
from truyenthong.lib.vntext import fold

MAX_ROWS = 5000
HEADER_SCAN_ROWS = 15
DATE_HINT = "ghi theo dạng dd/mm/yyyy, ví dụ 05/09/2026"


def _header_key(text: str) -> str:
    """ "Ngày bắt đầu (dd/mm/yyyy) (*)" → "ngay bat dau": folded, without notes, marks and punctuation."""
    text = re.sub(r"\(.*?\)|\[.*?\]|\*", " ", str(text))
    text = fold(text)
    text = re.sub(r"[^0-9a-z/]+", " ", text)
    text = re.sub(r"\s*/\s*", "/", text)
    return " ".join(text.split())


@dataclass(frozen=True)
class Column:
    field: str
    label: str
    aliases: tuple[str, ...]
    kind: str = "text"  # text | date | phone | int


def _c(field_name: str, label: str, *aliases: str, kind: str = "text") -> Column:
    return Column(field_name, label, tuple(_header_key(a) for a in (label, *aliases)), kind)


PEOPLE_COLUMNS: tuple[Column, ...] = (
    _c(
        "code",
        "Mã CB",
        "Mã cán bộ",
        "Mã số cán bộ",
        "Mã CBGV",
        "Mã GV",
        "Mã giáo viên",
        "Mã nhân viên",
        "Mã NV",
        "Mã số",
        "Mã",
        "Mã định danh",
    ),
    _c("full_name", "Họ và tên", "Họ tên", "Họ và tên cán bộ", "Họ tên cán bộ", "Họ và tên giáo viên"),
    _c("family_name", "Họ đệm", "Họ và tên đệm", "Họ và đệm", "Họ"),
    _c("given_name", "Tên"),
    _c("gender", "Giới tính", "Phái"),
    _c("email", "Email", "E-mail", "Thư điện tử", "Địa chỉ email"),
    _c(
        "phone",
        "Điện thoại",
        "Số điện thoại",
        "SĐT",
        "SDT",
        "ĐT",
        "Điện thoại di động",
        "Di động",
        kind="phone",
    ),
    _c("position", "Chức vụ", "Chức danh"),
    _c("category", "Loại", "Loại cán bộ", "Phân loại", "Đối tượng", "Loại CB"),
    _c("subject", "Môn", "Môn dạy", "Môn giảng dạy", "Môn học", "Chuyên môn"),
    _c("unit", "Tổ", "Đơn vị", "Tổ chuyên môn", "Tổ CM", "Tổ/Đơn vị", "Tổ / Đơn vị", "Bộ phận", "Tổ bộ môn"),
    _c(
        "active_from",
        "Ngày bắt đầu",
        "Ngày bắt đầu công tác",
        "Ngày vào",
        "Từ ngày",
        "Ngày nhận công tác",
        kind="date",
    ),
    _c("active_to", "Ngày kết thúc", "Ngày kết thúc công tác", "Ngày nghỉ", "Đến ngày", kind="date"),
    _c(
        "status",
        "Trạng thái",
        "Trạng thái cán bộ",
        "Tình trạng",
        "Trạng thái làm việc",
        "Tình trạng công tác",
    ),
)

CLASS_COLUMNS: tuple[Column, ...] = (
    _c("school_year", "Năm học"),
    _c("name", "Lớp", "Tên lớp"),
    _c("grade", "Khối", "Khối lớp", kind="int"),
    _c("student_count", "Sĩ số", "Số học sinh", "Số HS", "Tổng số học sinh", kind="int"),
    _c("homeroom", "GVCN", "Giáo viên chủ nhiệm", "GV chủ nhiệm", "Chủ nhiệm"),
)

# Headers of the sector's usual exports (the Ministry's CSDL ngành, SMAS, vnEdu…) that no alias above spells out,
# recognised by meaning: a header names a field when it holds every word of one of the field's word sets (folded,
# whole words) and none of its excluded words. Tried only after exact aliases, for fields still unclaimed, so an
# exact "Chức vụ" wins over "Nhóm chức vụ". Excluded words keep personal identifiers ("Số CCCD", "Mã định danh công
# dân"), the school's own name ("Đơn vị công tác"), a parent's name and a second subject out of the register's
# fields; "Ngày sinh" matches nothing (the register keeps no date of birth) and is listed as an unused column.
_NOT_STAFF_ID = (
    "cong",
    "dan",
    "cccd",
    "cmnd",
    "cuoc",
    "thue",
    "bhxh",
    "bao",
    "hiem",
    "ngach",
    "lop",
    "truong",
    "to",
)
MEANINGS: dict[str, tuple[tuple[str, tuple[tuple[str, ...], ...], tuple[str, ...]], ...]] = {
    "people": (
        (
            "code",
            (
                ("ma", "dinh", "danh"),
                ("ma", "can", "bo"),
                ("ma", "cb"),
                ("ma", "gv"),
                ("ma", "giao", "vien"),
                ("ma", "nhan", "vien"),
                ("ma", "cbgv"),
                ("ma", "cbgvnv"),
                ("ma", "so", "cb"),
            ),
            _NOT_STAFF_ID,
        ),
        ("full_name", (("ho", "ten"),), ("cha", "me", "phu", "huynh", "giam", "dem", "nguoi", "than")),
        ("gender", (("gioi", "tinh"),), ()),
        ("email", (("email",), ("thu", "dien", "tu")), ()),
        ("phone", (("dien", "thoai"), ("sdt",), ("di", "dong")), ("co", "quan", "nguoi", "than")),
        (
            "position",
            (("chuc", "vu"), ("chuc", "danh")),
            ("nhom", "kiem", "dang", "doan", "the", "nghe", "nghiep"),
        ),
        ("category", (("vi", "tri", "viec", "lam"), ("loai", "can", "bo"), ("nhom", "can", "bo")), ()),
        ("subject", (("mon", "day"), ("mon", "giang", "day"), ("mon", "hoc")), ("kiem", "phu", "thu", "2")),
        (
            "unit",
            (
                ("to", "chuyen", "mon"),
                ("to", "bo", "mon"),
                ("to", "cm"),
                ("to", "van", "phong"),
                ("bo", "phan"),
            ),
            (),
        ),
        (
            "active_from",
            (
                ("ngay", "tuyen", "dung"),
                ("ngay", "vao", "truong"),
                ("ngay", "ve", "truong"),
                ("ngay", "bat", "dau"),
                ("ngay", "den", "truong"),
            ),
            ("nghi", "thoi", "ket", "thuc"),
        ),
        (
            "active_to",
            (("ngay", "nghi"), ("ngay", "ket", "thuc"), ("ngay", "chuyen", "di"), ("ngay", "thoi", "viec")),
            (),
        ),
        ("status", (("trang", "thai"), ("tinh", "trang")), ("hon", "nhan", "suc", "khoe")),
    ),
    "classes": (
        ("name", (("ten", "lop"),), ()),
        ("grade", (("khoi",),), ()),
        ("homeroom", (("gvcn",), ("chu", "nhiem")), ("ma", "dien", "thoai", "email")),
        (
            "student_count",
            (("si", "so"), ("so", "hoc", "sinh"), ("so", "hs")),
            ("nu", "dan", "toc", "khuyet", "tat"),
        ),
        ("school_year", (("nam", "hoc"),), ()),
    ),
}


def _by_meaning(key: str, kind: str, taken: set[str]) -> str | None:
    words = set(key.replace("/", " ").split())
    for field_name, needs, never in MEANINGS.get(kind, ()):
        if field_name in taken or words & set(never):
            continue
        if any(set(need) <= words for need in needs):
            return field_name
    return None


CATEGORY_VALUES = {
    "manager": ("Cán bộ quản lý", "CBQL", "Quản lý", "Cán bộ"),
    "teacher": ("Giáo viên", "GV"),
    "employee": ("Nhân viên", "NV"),
}
CATEGORY_LABELS = {k: v[0] for k, v in CATEGORY_VALUES.items()}
# "Vị trí việc làm" in the sector's exports reads "Giáo viên THPT hạng III", "Phó Hiệu trưởng", "Kế toán": the
# category is told by how the text begins (folded), after the exact values above.
CATEGORY_PREFIXES = {
    "manager": ("can bo quan ly", "hieu truong", "pho hieu truong", "giam doc", "pho giam doc"),
    "teacher": ("giao vien", "gv "),
    "employee": (
        "nhan vien",
        "ke toan",
        "van thu",
        "thu quy",
        "thu vien",
        "thiet bi",
        "y te",
        "bao ve",
        "phuc vu",
        "tap vu",
        "cong nghe thong tin",
        "giao vu",
    ),
}
# "Trạng thái" of the sector's exports: someone who has left is not imported as serving staff without the date
# they left (the row is refused, saying so); "Tạm nghỉ", "Nghỉ thai sản", "Đi học" still serve.
LEFT_STATUS_WORDS = (
    "huu",
    "chuyen di",
    "chuyen cong tac",
    "thoi viec",
    "nghi viec",
    "nghi che do",
    "tu tran",
    "da mat",
)
GENDER_VALUES = {"F": ("Nữ", "F", "Nu"), "M": ("Nam", "M")}


class ImportFileError(InvalidInput):
    """The file as a whole cannot be read as the expected table; nothing was written."""


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class Sheet:
    """The table found in a file: the header as written for each field, and each data row as field → text."""

    kind: str
    header_row: int
    columns: dict[str, str]
    rows: list[tuple[int, dict[str, str]]]
    ignored: list[str] = field(default_factory=list)
    sheet_name: str = ""
    # Rows the file reader could not read cleanly (a CSV quote never closed): (row number, message).
    read_errors: list[tuple[int, str]] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Sheet:
        rows = [(int(n), dict(values)) for n, values in data["rows"]]
        return cls(
            data["kind"],
            int(data["header_row"]),
            dict(data["columns"]),
            rows,
            list(data.get("ignored", [])),
            data.get("sheet_name", ""),
            [(int(n), str(m)) for n, m in data.get("read_errors", [])],
        )

    def column(self, field_name: str) -> str:
        """The column name to show in an error: as written in the file, else its usual label."""
        if field_name in self.columns:
            return self.columns[field_name]
        specs = PEOPLE_COLUMNS if self.kind == "people" else CLASS_COLUMNS
        return next((c.label for c in specs if c.field == field_name), field_name)


# -- reading the file -----------------------------------------------------------------------------------------------


def _cell_text(value, kind: str) -> str:
    """One cell as text; Excel dates become dd/mm/yyyy, integral numbers lose their ".0"."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float):
        if kind == "date" and 1 <= value < 2958466:
            from openpyxl.utils.datetime import from_excel

            return from_excel(value).strftime("%d/%m/%Y")
        if float(value).is_integer():
            return str(int(value))
        return str(value)
    return " ".join(str(value).replace("\u00a0", " ").split())


UNCLOSED_QUOTE = (
    'Ô có dấu ngoặc kép (") mở nhưng không đóng, nên {what} bị đọc dồn vào ô này. '
    "Hãy xóa dấu ngoặc kép thừa hoặc thêm dấu đóng, rồi tải lên lại."
)


def _lines_after(first_line: int, last_line: int) -> str:
    if last_line <= first_line + 1:
        return f"dòng {first_line + 1} của tệp"
    return f"các dòng {first_line + 1}–{last_line} của tệp"


def _read_csv(data: bytes) -> tuple[list[list], dict[int, str]]:
    """The rows of a CSV file and, by row index, what is wrong with a row the csv parser could not read cleanly.

    Excel writes a cell that holds the delimiter between double quotes; a quote opened and never closed makes the
    parser swallow the following lines into one cell. Such a row is reported (with its number) instead of being
    imported as a person named "…,csv2@…".
    """
    try:
        text, _encoding = decode_text(data)
    except TextEncodingError as exc:
        raise ImportFileError(str(exc)) from exc
    lines = text.splitlines()
    if lines and lines[0].strip().lower().startswith("sep=") and len(lines[0].strip()) == 5:
        delimiter = lines[0].strip()[4]
        # Excel hides the "sep=" line: the row numbers it shows start under it, so drop it from the text too.
        text = text.split("\n", 1)[1] if "\n" in text else ""
    else:
        sample = "\n".join(lines[:20])
        try:
            delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
        except csv.Error:
            counts = {d: sample.count(d) for d in (";", ",", "\t")}
            delimiter = max(counts, key=counts.get)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[list] = []
    problems: dict[int, str] = {}
    while True:
        first_line = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error:
            if reader.line_num > first_line:
                problems[len(rows)] = UNCLOSED_QUOTE.format(what=_lines_after(first_line, reader.line_num))
            else:
                problems[len(rows)] = (
                    'Dấu ngoặc kép (") đặt sai chỗ trong một ô: một ô chỉ được mở và đóng ngoặc kép ở hai đầu. '
                    "Hãy sửa ô đó rồi tải lên lại."
                )
            rows.append([])
            continue
        swallowed = any(
            delimiter in part for cell in record for part in cell.replace("\r", "\n").split("\n")[1:]
        )
        if swallowed:
            problems[len(rows)] = UNCLOSED_QUOTE.format(what=_lines_after(first_line, reader.line_num))
        rows.append(list(record))
    return rows, problems


def _read_xlsx(data: bytes) -> list[tuple[str, list[list]]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ImportFileError(
            "Không đọc được tệp Excel; hãy mở tệp bằng Excel, lưu lại dạng .xlsx rồi thử lại."
        ) from exc
    sheets = []
    try:
        for ws in book.worksheets:
            rows = []
            for i, row in enumerate(ws.iter_rows(values_only=True)):
                if i >= MAX_ROWS + HEADER_SCAN_ROWS + 1:
                    break
                rows.append(list(row))
            sheets.append((ws.title, rows))
    finally:
        book.close()
    return sheets


def _map_header(
    cells: list, columns: tuple[Column, ...], kind: str = "people"
) -> tuple[dict[int, Column], list[str]]:
    """Which column holds which field: exact aliases first, then the sector's headers by meaning (`MEANINGS`)."""
    by_alias = {alias: col for col in columns for alias in col.aliases}
    by_field = {col.field: col for col in columns}
    mapping: dict[int, Column] = {}
    taken: set[str] = set()
    labels: dict[int, str] = {}
    for index, cell in enumerate(cells):
        label = _cell_text(cell, "text")
        if not label:
            continue
        labels[index] = label
        col = by_alias.get(_header_key(label))
        if col is not None and col.field not in taken:
            mapping[index] = col
            taken.add(col.field)
    ignored: list[str] = []
    for index, label in labels.items():
        if index in mapping:
            continue
        field_name = _by_meaning(_header_key(label), kind, taken)
        if field_name is None:
            ignored.append(label)
            continue
        mapping[index] = by_field[field_name]
        taken.add(field_name)
    return mapping, ignored


def _required_missing(kind: str, fields: set[str]) -> list[str]:
    if kind == "people":
        missing = []
        if not ({"code", "email"} & fields):
            missing.append("«Mã CB» (hoặc «Email»)")
        if "full_name" not in fields and "given_name" not in fields:
            missing.append("«Họ và tên»")
        return missing
    return [f"«{label}»" for f, label in (("name", "Lớp"),) if f not in fields]


def _is_numbering_row(values: dict[str, str]) -> bool:
    """The "(1) (2) (3)" line some forms put under the header."""
    filled = [v for v in values.values() if v]
    return len(filled) >= 2 and all(re.fullmatch(r"\(?\d{1,2}\)?", v) for v in filled)


def read_sheet(*, data: bytes, ext: str, kind: str) -> Sheet:
    """Find the header row (within the first lines, on the first sheet that has one) and read the rows under it."""
    columns = PEOPLE_COLUMNS if kind == "people" else CLASS_COLUMNS
    problems: dict[int, str] = {}
    if ext == ".csv":
        csv_rows, problems = _read_csv(data)
        tables = [("", csv_rows)]
    elif ext == ".xlsx":
        tables = _read_xlsx(data)
    else:
        raise ImportFileError("Chỉ nhận tệp Excel (.xlsx) hoặc CSV.")
    best_missing: list[str] | None = None
    for sheet_name, raw in tables:
        for header_index, cells in enumerate(raw[:HEADER_SCAN_ROWS]):
            mapping, ignored = _map_header(cells, columns, kind)
            if len(mapping) < 2:
                continue
            missing = _required_missing(kind, {c.field for c in mapping.values()})
            if missing:
                if best_missing is None or len(missing) < len(best_missing):
                    best_missing = missing
                continue
            rows = []
            read_errors = [
                (index + 1, message) for index, message in problems.items() if index > header_index
            ]
            for offset, cells_of_row in enumerate(raw[header_index + 1 :], start=header_index + 2):
                if offset - 1 in problems:
                    continue
                values = {
                    col.field: _cell_text(cells_of_row[i] if i < len(cells_of_row) else None, col.kind)
                    for i, col in mapping.items()
                }
                if not any(values.values()) or _is_numbering_row(values):
                    continue
                rows.append((offset, values))
                if len(rows) > MAX_ROWS:
                    raise ImportFileError(f"Tệp có quá nhiều dòng; mỗi lần nhập tối đa {MAX_ROWS} dòng.")
            if not rows and not read_errors:
                raise ImportFileError("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.")
            header = {col.field: _cell_text(cells[i], "text") for i, col in mapping.items()}
            return Sheet(kind, header_index + 1, header, rows, ignored, sheet_name, read_errors)
    expected = ", ".join(f"«{c.label}»" for c in columns if c.field not in {"family_name", "given_name"})
    if best_missing:
        raise ImportFileError(
            f"Không tìm thấy cột bắt buộc {', '.join(best_missing)} trong dòng tiêu đề. Các cột được nhận: {expected}."
        )
    raise ImportFileError(
        f"Không tìm thấy dòng tiêu đề của bảng trong {HEADER_SCAN_ROWS} dòng đầu. Các cột được nhận: {expected}. "
        "Hãy tải tệp mẫu và dán dữ liệu vào đó."
    )


# -- checking values ------------------------------------------------------------------------------------------------

_DATE_RE = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})")
_ISO_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?")


def parse_date(text: str) -> dt.date | None:
    """dd/mm/yyyy (also with - or .), or yyyy-mm-dd; None when it is not a real date."""
    text = text.strip()
    if m := _DATE_RE.fullmatch(text):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
    elif m := _ISO_RE.fullmatch(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    else:
        return None
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return None
    return value if 1900 <= value.year <= 2100 else None


def parse_phone(text: str) -> str | None:
    digits = re.sub(r"[\s.\-()]", "", text)
    if digits.startswith("+"):
        if not digits[1:].isdigit():
            return None
    elif not digits.isdigit():
        return None
    elif len(digits) == 9 and not digits.startswith("0"):
        digits = "0" + digits  # Excel stored 0912345678 as the number 912345678
    return digits if 8 <= len(digits.lstrip("+")) <= 15 else None


def _choice(text: str, choices: dict[str, tuple[str, ...]]) -> str | None:
    key = fold(text).strip()
    for value, names in choices.items():
        if key in {fold(n) for n in names}:
            return value
    return None


def _category_by_prefix(text: str) -> str | None:
    key = " ".join(fold(text).split()) + " "
    for value, prefixes in CATEGORY_PREFIXES.items():
        if any(key.startswith(p if p.endswith(" ") else p + " ") for p in prefixes):
            return value
    return None


def _has_left(status: str) -> bool:
    key = " ".join(fold(status).split())
    if key.startswith("tam ") or "thai san" in key:
        return False
    return any(re.search(rf"\b{w}\b", key) for w in LEFT_STATUS_WORDS)


def unit_keys(name: str, short_name: str = "") -> set[str]:
    """The ways a unit may be written in a spreadsheet: "Tổ Toán", "Toán", "to toan", its short name."""
    keys = set()
    for text in (name, short_name):
        key = " ".join(fold(text or "").split())
        if not key:
            continue
        keys.add(key)
        for prefix in ("to chuyen mon ", "to bo mon ", "to "):
            if key.startswith(prefix) and len(key) > len(prefix):
                keys.add(key[len(prefix) :])
                break
    return keys


def split_list(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;,\n]", text) if part.strip()]


def membership_role(position: str) -> str:
    """The unit role implied by a position: "Tổ trưởng" heads the unit, "Tổ phó" is its deputy."""
    key = fold(position)
    if "pho" in key.split() and ("to" in key.split() or "truong" in key.split()):
        return "deputy"
    if key.startswith("to truong") or key.startswith("truong "):
        return "head"
    return "member"


@dataclass
class PersonRow:
    row: int
    code: str
    email: str
    values: dict  # model field → value (only fields filled in the file)
    unit_ids: list[int]


@dataclass
class ClassRow:
    row: int
    school_year: str
    name: str
    values: dict


_LIMITS = {"code": 40, "full_name": 150, "position": 120, "subject": 80}


def check_people(
    sheet: Sheet, *, units: dict[str, int], unit_names: list[str]
) -> tuple[list[PersonRow], list[RowError]]:
    """Check every row; `units` maps each folded way of writing a unit (see `unit_keys`) to its id."""
    rows: list[PersonRow] = []
    errors: list[RowError] = [RowError(n, "", message) for n, message in sheet.read_errors]
    seen_codes: dict[str, int] = {}
    seen_emails: dict[str, int] = {}
    for number, raw in sheet.rows:
        row_errors: list[RowError] = []

        def error(field_name: str, message: str, number=number, row_errors=row_errors):
            row_errors.append(RowError(number, sheet.column(field_name), message))

        values: dict = {}
        code = raw.get("code", "").strip()
        full_name = raw.get("full_name", "").strip()
        if not full_name and raw.get("given_name"):
            full_name = " ".join(
                p for p in (raw.get("family_name", ""), raw.get("given_name", "")) if p
            ).strip()
        if not full_name:
            error("full_name" if "full_name" in sheet.columns else "given_name", "Thiếu họ và tên.")
        else:
            values["full_name"] = " ".join(full_name.split())
        for name in ("code", "full_name", "position", "subject"):
            text = code if name == "code" else values.get(name, raw.get(name, "").strip())
            if text and len(text) > _LIMITS[name]:
                error(name, f"Dài quá {_LIMITS[name]} ký tự.")
            elif text and name in ("position", "subject"):
                values[name] = text
        if code:
            values["code"] = code
            if (first := seen_codes.get(code.casefold())) is not None:
                error("code", f"Mã cán bộ «{code}» bị trùng với dòng {first}.")
            else:
                seen_codes[code.casefold()] = number
        email = raw.get("email", "").strip()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                error("email", f"Email «{email}» không hợp lệ.")
            else:
                email = email.lower()
                values["email"] = email
                if (first := seen_emails.get(email)) is not None:
                    error("email", f"Email «{email}» bị trùng với dòng {first}.")
                else:
                    seen_emails[email] = number
        if not code and not email:
            error("code", "Thiếu mã cán bộ.")
        if phone_text := raw.get("phone", "").strip():
            phone = parse_phone(phone_text)
            if phone is None:
                error("phone", f"Số điện thoại «{phone_text}» không hợp lệ.")
            else:
                values["phone"] = phone
        if category_text := raw.get("category", "").strip():
            category = _choice(category_text, CATEGORY_VALUES) or _category_by_prefix(category_text)
            if category is None:
                error(
                    "category",
                    f"Loại «{category_text}» không hợp lệ; ghi một trong: "
                    f"{', '.join(CATEGORY_LABELS.values())}.",
                )
            else:
                values["category"] = category
        if gender_text := raw.get("gender", "").strip():
            gender = _choice(gender_text, GENDER_VALUES)
            if gender is None:
                error("gender", f"Giới tính «{gender_text}» không hợp lệ; ghi Nam hoặc Nữ.")
            else:
                values["gender"] = gender
        for name in ("active_from", "active_to"):
            if text := raw.get(name, "").strip():
                day = parse_date(text)
                if day is None:
                    error(name, f"Ngày «{text}» không hợp lệ; {DATE_HINT}.")
                else:
                    values[name] = day
        status_text = raw.get("status", "").strip()
        if status_text and _has_left(status_text) and not values.get("active_to"):
            error(
                "status",
                f"Trạng thái «{status_text}»: cán bộ đã nghỉ hoặc chuyển đi. Ghi «Ngày kết thúc công tác» của người "
                "này, hoặc bỏ dòng khỏi tệp.",
            )
        if (
            values.get("active_from")
            and values.get("active_to")
            and values["active_to"] < values["active_from"]
        ):
            error("active_to", "Ngày kết thúc trước ngày bắt đầu.")
        unit_ids: list[int] = []
        for unit_text in split_list(raw.get("unit", "")):
            unit_id = units.get(" ".join(fold(unit_text).split()))
            if unit_id is None:
                known = ", ".join(unit_names[:12]) + ("…" if len(unit_names) > 12 else "")
                error(
                    "unit",
                    f"Không có tổ/đơn vị «{unit_text}» trong trường"
                    + (f"; các đơn vị hiện có: {known}." if known else "."),
                )
            elif unit_id not in unit_ids:
                unit_ids.append(unit_id)
        errors.extend(row_errors)
        if not row_errors:
            rows.append(PersonRow(number, code, email, values, unit_ids))
    return rows, errors


def parse_school_year(text: str) -> str | None:
    m = re.fullmatch(r"(\d{4})\s*[-–—/]\s*(\d{4}|\d{2})", text.strip())
    if not m:
        return None
    start = int(m[1])
    end = int(m[2]) if len(m[2]) == 4 else start // 100 * 100 + int(m[2])
    return f"{start}-{end}" if end == start + 1 and 1990 <= start <= 2100 else None


def class_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def check_classes(
    sheet: Sheet,
    *,
    teachers_by_code: dict[str, int],
    teachers_by_name: dict[str, list[int]],
    default_year: str = "",
) -> tuple[list[ClassRow], list[RowError]]:
    """Check every class row; GVCN is matched by staff code, else by name (accent-insensitive, must be unique)."""
    rows: list[ClassRow] = []
    errors: list[RowError] = [RowError(n, "", message) for n, message in sheet.read_errors]
    seen: dict[tuple[str, str], int] = {}
    for number, raw in sheet.rows:
        row_errors: list[RowError] = []

        def error(field_name: str, message: str, number=number, row_errors=row_errors):
            row_errors.append(RowError(number, sheet.column(field_name), message))

        values: dict = {}
        year_text = raw.get("school_year", "").strip() or default_year
        year = parse_school_year(year_text) if year_text else None
        if not year_text:
            error("school_year", "Thiếu năm học.")
        elif year is None:
            error("school_year", f"Năm học «{year_text}» không hợp lệ; ghi như 2026-2027.")
        name = " ".join(raw.get("name", "").split())
        if not name:
            error("name", "Thiếu tên lớp.")
        elif len(name) > 30:
            error("name", "Tên lớp dài quá 30 ký tự.")
        grade_text = raw.get("grade", "").strip()
        # "10", or as the sector's exports write it: "Khối 10", "K10", "Lớp 10"
        grade_digits = re.fullmatch(r"(?:khoi|lop|k)?\s*(\d{1,2})", fold(grade_text))
        if grade_text:
            if grade_digits and 1 <= int(grade_digits[1]) <= 12:
                values["grade"] = int(grade_digits[1])
            else:
                error("grade", f"Khối «{grade_text}» không hợp lệ; ghi số từ 1 đến 12.")
        elif (m := re.match(r"(\d{1,2})", name)) and 1 <= int(m[1]) <= 12:
            values["grade"] = int(m[1])
        if "grade" not in values and not grade_text and name:
            error("grade", "Thiếu khối (không suy ra được từ tên lớp).")
        count_text = raw.get("student_count", "").strip()
        if count_text:
            if count_text.isdigit() and int(count_text) <= 200:
                values["student_count"] = int(count_text)
            else:
                error("student_count", f"Sĩ số «{count_text}» không hợp lệ; ghi số nguyên từ 0 đến 200.")
        if teacher_text := raw.get("homeroom", "").strip():
            teacher_id = teachers_by_code.get(teacher_text.casefold())
            if teacher_id is None:
                matches = teachers_by_name.get(" ".join(fold(teacher_text).split()), [])
                if len(matches) == 1:
                    teacher_id = matches[0]
                elif len(matches) > 1:
                    error("homeroom", f"Có {len(matches)} cán bộ tên «{teacher_text}»; hãy ghi mã cán bộ.")
                else:
                    error(
                        "homeroom",
                        f"Không tìm thấy GVCN «{teacher_text}» (theo mã hoặc họ tên) "
                        "trong danh sách cán bộ của trường.",
                    )
            if teacher_id is not None:
                values["homeroom_teacher_id"] = teacher_id
        if year and name:
            key = (year, class_key(name))
            if (first := seen.get(key)) is not None:
                error("name", f"Lớp «{name}» năm học {year} bị trùng với dòng {first}.")
            else:
                seen[key] = number
        errors.extend(row_errors)
        if not row_errors:
            rows.append(ClassRow(number, year, name, values))
    return rows, errors
