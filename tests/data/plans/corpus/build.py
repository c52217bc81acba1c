"""Build the plan corpus: every spec of specs.py as the files a school would send, and the parse expected of each.

Run: ``.venv/bin/python tests/data/plans/corpus/build.py`` (LibreOffice's ``soffice`` makes the PDFs). Renderings:
- ``txt``: the plan as typed text; ``txt-wrapped``: the same hard-wrapped at ~86 characters as text copied out of
  a PDF, with a document reference cut at its dash by the line end;
- ``docx-typed``: numbers typed in the text, the header and signature in borderless layout tables, target or
  task tables as real Word tables;
- ``docx-numbering``: no number typed at all, every "I.", "1.", "a)", "-", "+" comes from Word's automatic
  numbering (numbering.xml written by hand: upperRoman, decimal, lowerLetter, bullets);
- ``docx-styles``: headings in the "Heading 1/2" styles whose numbering is set on the style, not the paragraph;
- ``docx-textbox``: the issuing body block of the header in a text box;
- ``docx-bold``: no number on any heading: the parts' and the groups' titles are whole-line bold paragraphs (with
  ``"headings": "plain"`` the parts' titles are in normal case: "Mục tiêu", "Nhiệm vụ và giải pháp");
- ``pdf``: the first .docx rendering (or a typed one) printed to PDF by LibreOffice, lines wrapped by the page.
The expected parse (``<file>.json``) is written from the spec, never from the parser.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
import textwrap
from io import BytesIO
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from specs import SPECS  # noqa: E402

ROMAN, NUM, ALPHA, DASH, PLUS, TEXT, TABLE = "roman", "num", "alpha", "dash", "plus", "text", "table"
ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
LETTERS = "abcdefghijklmnopqrstuvwxyz"
SECTION_TITLES = {
    "bases": "CĂN CỨ XÂY DỰNG KẾ HOẠCH",
    "context": "ĐẶC ĐIỂM TÌNH HÌNH",
    "objectives": "MỤC TIÊU",
    "tasks": "NHIỆM VỤ VÀ GIẢI PHÁP",
    "budget": "KINH PHÍ",
    "implementation": "TỔ CHỨC THỰC HIỆN",
}
PLAIN_TITLES = {
    "bases": "Căn cứ xây dựng kế hoạch",
    "context": "Đặc điểm tình hình",
    "objectives": "Mục tiêu",
    "tasks": "Nhiệm vụ và giải pháp",
    "budget": "Kinh phí",
    "implementation": "Tổ chức thực hiện",
}
NORMAL_TITLES = {
    "objectives": "Mục đích, yêu cầu và chỉ tiêu",
    "tasks": "Nhiệm vụ và giải pháp",
    "budget": "Kinh phí",
    "implementation": "Tổ chức thực hiện",
}


def date_line(spec) -> str:
    d = dt.date.fromisoformat(spec["date"])
    return f"{spec['place']}, ngày {d.day:02d} tháng {d.month} năm {d.year}"


def phases_of(spec) -> list[str]:
    if "phases" in spec:
        return list(spec["phases"])
    return list(dict.fromkeys(p for p, _, _ in spec["targets"] if p))


# -------------------------------------------------------------------------------------------------- outline


def outline(spec) -> list[tuple[str, object]]:
    """The body as (kind, text) items from the document type to the closing; TABLE items carry rows."""
    normal = spec["headings"] == "num-normal"
    group_kind = ALPHA if normal else NUM
    out: list[tuple[str, object]] = [(TEXT, "KẾ HOẠCH"), (TEXT, spec["title"])]
    if not spec.get("bases_section"):
        out += [(TEXT, b) for b in spec["bases"]]
    if spec.get("intro"):
        out.append((TEXT, spec["intro"]))
    for section in spec["sections"]:
        if normal:
            out.append((NUM, NORMAL_TITLES[section]))
        elif spec["headings"] == "plain":
            out.append((ROMAN, PLAIN_TITLES[section]))
        else:
            out.append((ROMAN, SECTION_TITLES[section]))
        if section == "bases":
            out += [(DASH, b) for b in spec["bases"]]
        elif section == "context":
            out += [(TEXT, c) for c in spec["context"]]
        elif section == "objectives":
            if normal:
                if spec["general"]:
                    out.append((ALPHA, "Mục đích"))
                    out += [(DASH, g) for g in spec["general"]]
                out.append((ALPHA, "Chỉ tiêu"))
                out += [(DASH, t) for _, t, _ in spec["targets"]]
                continue
            if spec["general"]:
                out.append((NUM, "Mục tiêu chung"))
                out += [(DASH, g) for g in spec["general"]]
            out.append((NUM, "Mục tiêu cụ thể"))
            if spec.get("target_table"):
                out.append((TABLE, [spec["table"]["header"], *spec["table"]["rows"]]))
                continue
            phases = phases_of(spec)
            for phase in phases or [""]:
                if phase:
                    out.append((ALPHA, phase))
                out += [(DASH, t) for p, t, _ in spec["targets"] if p == phase]
        elif section == "tasks":
            if spec.get("task_table"):
                out.append(
                    (
                        TABLE,
                        [["TT", "Nội dung công việc", "Thời gian", "Đơn vị thực hiện"], *spec["task_rows"]],
                    )
                )
                continue
            for title, tasks in spec["groups"]:
                out.append((group_kind, title))
                for task in tasks:
                    if isinstance(task, tuple):
                        lead, subs = task
                        out.append((DASH, lead))
                        out += [(PLUS, sub.removeprefix("+ ")) for sub in subs]
                    else:
                        out.append((DASH, task))
        elif section == "budget":
            out += [(TEXT, line) for line in spec["budget"]]
        elif section == "implementation":
            for unit, duties in spec["units"]:
                out.append((group_kind, unit))
                out += [(DASH, d) for d in duties]
    out.append(
        (TEXT, "Trên đây là kế hoạch truyền thông của đơn vị; đề nghị các bộ phận nghiêm túc thực hiện./.")
    )
    return out


def numbered_text(items) -> list[str]:
    """The outline with its numbers typed, as a clerk types them."""
    lines, counters = [], {ROMAN: 0, NUM: 0, ALPHA: 0}
    for kind, text in items:
        if kind == ROMAN:
            counters.update({ROMAN: counters[ROMAN] + 1, NUM: 0, ALPHA: 0})
            lines.append(f"{ROMANS[counters[ROMAN] - 1]}. {text}")
        elif kind == NUM:
            counters.update({NUM: counters[NUM] + 1, ALPHA: 0})
            lines.append(f"{counters[NUM]}. {text}")
        elif kind == ALPHA:
            counters[ALPHA] += 1
            lines.append(f"{LETTERS[counters[ALPHA] - 1]}) {text}")
        elif kind == DASH:
            lines.append(f"- {text}")
        elif kind == PLUS:
            lines.append(f"+ {text}")
        elif kind == TABLE:
            lines.append("\n".join(" | ".join(row) for row in text))  # only .docx renders tables
        else:
            lines.append(text)
    return lines


def header_lines(spec) -> tuple[list[str], list[str]]:
    left = [spec["parent"], spec["issuer"], f"Số: {spec['number']}"]
    right = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", date_line(spec)]
    return left, right


def footer_lines(spec) -> tuple[list[str], list[str]]:
    recipients = ["Nơi nhận:"] + [
        f"- {r}{'.' if i == len(spec['recipients']) - 1 else ';'}" for i, r in enumerate(spec["recipients"])
    ]
    authority, position, name = spec["signer"]
    signer = [line for line in (authority, position) if line] + ["", "", name]
    return recipients, signer


def plan_text(spec) -> str:
    left, right = header_lines(spec)
    recipients, signer = footer_lines(spec)
    lines = [*left, *right, *numbered_text(outline(spec)), *recipients, *signer]
    return "\n".join(lines) + "\n"


def wrapped_text(spec) -> str:
    """The plan as text copied out of a PDF: every paragraph hard-wrapped, a reference cut at its dash."""
    out = []
    ref = spec.get("wrap_ref", "")
    for line in plan_text(spec).splitlines():
        if ref and ref in line:
            # The page width falls just after the reference's dash, where the PDF cuts it.
            head = line.split(ref, 1)[0] + ref[: ref.index("-") + 1]
            out += textwrap.wrap(line, len(head), break_on_hyphens=True)
        else:
            out += textwrap.wrap(line, 86, break_on_hyphens=False) or [""]
    return "\n".join(out) + "\n"


# ----------------------------------------------------------------------------------------------------- docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LEVELS = {ROMAN: 0, NUM: 1, ALPHA: 2, DASH: 3, PLUS: 4}
NUMBERING_XML = f"""<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>
  <w:lvl w:ilvl="4"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="+"/></w:lvl>
</w:abstractNum>"""
NUM_XML = f'<w:num xmlns:w="{W_NS}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'


def _borderless(table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _fill(cell, lines) -> None:
    for index, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        if line:
            paragraph.add_run(line)


def _add_numbering(document) -> None:
    from docx.oxml import parse_xml

    root = document.part.numbering_part.element
    first_num = root.find(f"{{{W_NS}}}num")
    abstract = parse_xml(NUMBERING_XML)
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        root.append(abstract)
    root.append(parse_xml(NUM_XML))


def _num_pr(paragraph, level: int) -> None:
    from docx.oxml import parse_xml

    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert(
        0, parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
    )


def _text_box(paragraph, lines) -> None:
    from docx.oxml import parse_xml

    body = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines)
    xml = (
        f'<w:r xmlns:w="{W_NS}" xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
        '<v:shape style="width:220pt;height:60pt"><v:textbox>'
        f"<w:txbxContent>{body}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    paragraph._p.append(parse_xml(xml))


def plan_docx(spec, mode: str) -> bytes:
    from docx import Document
    from docx.shared import Pt

    document = Document()
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(13)
    if mode in ("numbering", "styles"):
        _add_numbering(document)
    if mode == "styles":
        from docx.oxml import parse_xml

        for name, level in (("Heading 1", 0), ("Heading 2", 1)):
            style = document.styles[name]
            ppr = style.element.get_or_add_pPr()
            ppr.insert(
                0,
                parse_xml(
                    f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'
                ),
            )
    left, right = header_lines(spec)
    table = document.add_table(rows=1, cols=2)
    _borderless(table)
    if mode == "textbox":
        _text_box(table.rows[0].cells[0].paragraphs[0], left)
    else:
        _fill(table.rows[0].cells[0], left)
    _fill(table.rows[0].cells[1], right)
    items = outline(spec)
    typed = numbered_text(items)
    for (kind, text), line in zip(items, typed, strict=True):
        if kind == TABLE:
            grid = document.add_table(rows=len(text), cols=len(text[0]))
            grid.style = "Table Grid"
            for r, row in enumerate(text):
                for c, value in enumerate(row):
                    grid.cell(r, c).text = value
            continue
        if mode == "bold" and kind in (ROMAN, NUM):
            paragraph = document.add_paragraph()
            cut = max(1, len(text) // 2)  # two runs, both bold: the line is bold from end to end
            paragraph.add_run(text[:cut]).bold = True
            paragraph.add_run(text[cut:]).bold = True
        elif mode == "styles" and kind in (ROMAN, NUM):
            document.add_paragraph(text, style="Heading 1" if kind == ROMAN else "Heading 2")
        elif (
            mode in ("numbering", "styles")
            and kind in LEVELS
            and not (mode == "styles" and kind in (DASH, PLUS))
        ):
            paragraph = document.add_paragraph()
            _num_pr(paragraph, LEVELS[kind])
            paragraph.add_run(text)
        else:
            paragraph = document.add_paragraph()
            cut = max(1, len(line) // 2)  # Word splits a paragraph into runs
            paragraph.add_run(line[:cut])
            paragraph.add_run(line[cut:])
    recipients, signer = footer_lines(spec)
    table = document.add_table(rows=1, cols=2)
    _borderless(table)
    paragraph = table.rows[0].cells[0].paragraphs[0]
    for index, line in enumerate(recipients):
        run = paragraph.add_run(line)
        if index < len(recipients) - 1:
            run.add_break()
    _fill(table.rows[0].cells[1], signer)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_from_docx(data: bytes) -> bytes:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("LibreOffice (soffice) is needed to print the PDFs of the corpus.")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "plan.docx"
        source.write_bytes(data)
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{tmp}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        return (Path(tmp) / "plan.pdf").read_bytes()


# ------------------------------------------------------------------------------------------------- expected


def expected(spec) -> dict:
    groups = []
    for index, (title, tasks) in enumerate(spec["groups"]):
        number = "" if not title else (LETTERS[index] if spec["headings"] == "num-normal" else str(index + 1))
        texts = []
        for task in tasks:
            if isinstance(task, tuple):
                lead, subs = task
                texts.append("\n".join([lead, *subs]))
            else:
                texts.append(task)
        groups.append({"number": number, "title": title, "tasks": texts})
    authority, position, name = spec["signer"]
    return {
        "level": spec["level"],
        "number": spec["number"],
        "place": spec["place"],
        "date": spec["date"],
        "parent_body": spec["parent"],
        "issuing_body": spec["issuer"],
        "title": spec["title"],
        "bases": list(spec["bases"]),
        "general_objectives": list(spec["general"]),
        "phases": phases_of(spec),
        "targets": [
            {"phase": p, "text": t, "measures": [list(m) for m in measures]}
            for p, t, measures in spec["targets"]
        ],
        "task_groups": groups,
        "budget": "\n".join(spec["budget"]),
        "responsibilities": [{"unit": u, "duties": list(d)} for u, d in spec["units"]],
        "recipients": list(spec["recipients"]),
        "signer": {"authority": authority, "position": position, "name": name},
        "flags": sorted(set(spec["flags"])),
    }


def build(out: Path = HERE, only: tuple[str, ...] = ()) -> list[Path]:
    """Write the corpus (or only the plans whose slug starts with one of ``only``)."""
    written = []
    for spec in SPECS:
        if only and not spec["slug"].startswith(only):
            continue
        docx_data = None
        for render in spec["render"]:
            if render == "txt":
                name, data = f"{spec['slug']}.txt", plan_text(spec).encode()
            elif render == "txt-wrapped":
                name, data = f"{spec['slug']}.txt", wrapped_text(spec).encode()
            elif render.startswith("docx-"):
                docx_data = plan_docx(spec, render.removeprefix("docx-"))
                name, data = f"{spec['slug']}.docx", docx_data
            else:
                name, data = f"{spec['slug']}.pdf", pdf_from_docx(docx_data or plan_docx(spec, "typed"))
            (out / name).write_bytes(data)
            (out / f"{name}.json").write_text(
                json.dumps(expected(spec), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )
            written.append(out / name)
    return written


if __name__ == "__main__":
    for path in build(only=tuple(sys.argv[1:])):
        print(path.relative_to(HERE))
