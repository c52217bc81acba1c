"""Vietnamese text analysis for retrieval: syllables, both diacritic forms, syllable bigrams, abbreviations.

Why syllable bigrams rather than a word segmenter: Vietnamese words are one to three syllables written apart, so a
segmenter (pyvi, underthesea) mostly glues pairs of syllables ("giáo_viên"). An index of every adjacent pair holds
those words and more, costs nothing to load, and works on text typed without diacritics, which pyvi leaves unsegmented
(measured: pyvi 0.1.1 loads its CRF model from the wheel offline in 1.2 s, 0.2 ms a sentence, but "giao vien chu
nhiem" comes back as single syllables, and it brings scikit-learn, SciPy and NumPy along).

Every syllable is indexed folded (no diacritics, đ → d) and, when it has diacritics, also as written, so a query
without diacritics matches through the folded forms and a query with diacritics also scores the exact forms.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from truyenthong.lib.vntext import fold

# The sector's abbreviations (folded key → words). Keys that are also ordinary syllables once folded ("tu" = tư, tự,
# từ) are in CASED_ONLY: they expand only when written in capitals, as in "04-CTr/TU".
ABBREVIATIONS: dict[str, str] = {
    "nq": "nghị quyết",
    "tw": "trung ương",
    "cp": "chính phủ",
    "ctr": "chương trình",
    "tu": "tỉnh ủy",
    "kh": "kế hoạch",
    "qd": "quyết định",
    "hd": "hướng dẫn",
    "cv": "công văn",
    "bc": "báo cáo",
    "tb": "thông báo",
    "ubnd": "ủy ban nhân dân",
    "hdnd": "hội đồng nhân dân",
    "gddt": "giáo dục và đào tạo",
    "sgddt": "sở giáo dục và đào tạo",
    "bgddt": "bộ giáo dục và đào tạo",
    "thpt": "trung học phổ thông",
    "thcs": "trung học cơ sở",
    "cb": "cán bộ",
    "gv": "giáo viên",
    "nv": "nhân viên",
    "cbgv": "cán bộ giáo viên",
    "cbgvnv": "cán bộ giáo viên nhân viên",
    "gvcn": "giáo viên chủ nhiệm",
    "dtn": "đoàn thanh niên",
    "tn": "thanh niên",
    "bgh": "ban giám hiệu",
    "ht": "hiệu trưởng",
    "cntt": "công nghệ thông tin",
    "hs": "học sinh",
    "phhs": "phụ huynh học sinh",
    "cmhs": "cha mẹ học sinh",
    "cm": "chuyên môn",
    "vp": "văn phòng",
    "vt": "văn thư",
    "ai": "trí tuệ nhân tạo",
    "cds": "chuyển đổi số",
    "tnxh": "tệ nạn xã hội",
    "ktpl": "kinh tế và pháp luật",
}
CASED_ONLY = frozenset({"tu", "tn", "cm", "vp", "vt", "ht", "cp", "bc", "tb", "cv", "hd", "ai"})

# Words a question is made of that say nothing about its subject (folded). Documents keep them.
QUESTION_WORDS = frozenset(
    fold(w)
    for w in [
        "gì",
        "nào",
        "sao",
        "ai",
        "đâu",
        "bao",
        "nhiêu",
        "thế",
        "như",
        "là",
        "của",
        "và",
        "các",
        "những",
        "được",
        "về",
        "trong",
        "cho",
        "có",
        "không",
        "hãy",
        "biết",
        "cần",
        "phải",
        "thì",
        "mà",
        "với",
        "theo",
        "đến",
        "tới",
        "này",
        "đó",
        "ra",
        "bị",
        "hay",
        "hoặc",
        "nhé",
        "ạ",
        "vậy",
        "nói",
        "gi",
        "nao",
    ]
)

# Paraphrases: words people ask with that the documents say otherwise. A query that uses one phrase of a group
# also looks for the others, at a lower weight. Written from the sector's vocabulary, not from one document.
SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("phụ huynh", "cha mẹ học sinh", "gia đình học sinh", "bố mẹ"),
    ("mạng xã hội", "facebook", "zalo", "fanpage", "nền tảng số"),
    ("kinh phí", "ngân sách", "tiền", "chi phí", "nguồn vốn", "tài chính"),
    ("website", "trang web", "cổng thông tin điện tử", "trang thông tin"),
    ("giáo viên", "thầy cô", "thầy giáo", "cô giáo", "nhà giáo"),
    ("học sinh", "học trò", "các em", "người học"),
    ("trí tuệ nhân tạo", "chatbot", "trợ lý ảo"),
    ("chuyển đổi số", "số hóa", "công nghệ số", "công nghệ thông tin"),
    ("bạo lực học đường", "bắt nạt", "đánh nhau", "an toàn trường học"),
    ("khen thưởng", "biểu dương", "tuyên dương", "vinh danh", "tôn vinh", "thưởng"),
    ("quán triệt", "học tập nghị quyết", "phổ biến nghị quyết", "tập huấn"),
    ("cuộc thi", "thi tìm hiểu", "hội thi", "thi"),
    ("đỗ đại học", "thi đại học", "tuyển sinh đại học", "vào đại học", "trúng tuyển"),
    ("video", "clip", "phim ngắn"),
    ("tài liệu tóm tắt", "infographic", "tờ rơi", "ấn phẩm"),
    ("giai đoạn", "thời gian", "khi nào", "bao giờ", "đến năm"),
    ("mục tiêu", "chỉ tiêu", "kết quả cần đạt"),
    ("kiểm tra", "giám sát", "thanh tra", "theo dõi"),
    ("đánh giá", "đo lường", "chấm điểm", "xếp loại"),
    ("tổ chức thực hiện", "phân công", "trách nhiệm", "nhiệm vụ của", "ai làm"),
    ("sơ kết", "tổng kết", "báo cáo kết quả"),
    ("xã hội hóa", "tài trợ", "đóng góp", "ủng hộ", "học bổng"),
    ("học phí", "miễn học phí", "đóng tiền học"),
    ("tiếng anh", "ngoại ngữ"),
    ("đăng bài", "đăng tin", "đưa tin", "chia sẻ", "đăng tải"),
    ("phát ngôn", "trả lời báo chí", "người phát ngôn", "cung cấp thông tin cho báo chí"),
    ("hình ảnh học sinh", "ảnh học sinh", "chụp ảnh", "quay phim"),
    ("thông tin cá nhân", "dữ liệu cá nhân", "số điện thoại", "địa chỉ nhà"),
    ("tin giả", "thông tin sai sự thật", "tin đồn", "thông tin xấu độc"),
    ("kỹ năng sống", "kỹ năng mềm"),
    ("lương", "thu nhập", "phụ cấp", "chế độ"),
    ("vùng khó khăn", "vùng sâu vùng xa", "biên giới", "miền núi", "dân tộc thiểu số"),
    ("cơ sở vật chất", "trường lớp", "phòng học", "trang thiết bị"),
)

_WORD_RE = re.compile(r"\w+", re.UNICODE)
HEADING_WEIGHT = 2.0


@dataclass(frozen=True)
class Syllable:
    written: str  # lower case, NFC, with diacritics
    folded: str
    upper: bool  # written in capitals in the source (abbreviations)


@lru_cache(maxsize=200_000)
def _syllable(raw: str) -> Syllable:
    lower = raw.lower()
    return Syllable(lower, fold(lower), raw.isupper() and len(raw) > 1)


def syllables(text: str) -> list[Syllable]:
    """The words of a text, lower-cased, with their folded form ("Nghị quyết 71-NQ/TW" → nghị, quyết, 71, nq, tw)."""
    return [
        _syllable(raw)
        for raw in _WORD_RE.findall(unicodedata.normalize("NFC", text))
        if not (raw.isdigit() and len(raw) > 6)
    ]


def _runs(sylls: list[Syllable]) -> list[list[Syllable]]:
    """The text as runs of adjacent syllables: the text itself, then one run per abbreviation's expansion.

    Pairs are made inside runs, so "GVCN lớp" gives gvcn_lớp in the text and giáo_viên, viên_chủ, chủ_nhiệm
    from the expansion, and never pairs an abbreviation with its own words.
    """
    runs: list[list[Syllable]] = [sylls]
    for s in sylls:
        words = ABBREVIATIONS.get(s.folded)
        if words and (s.upper or s.folded not in CASED_ONLY):
            runs.append(syllables(words))
    return runs


def _has_marks(s: Syllable) -> bool:
    return s.written != s.folded


def terms(text: str, *, drop_question_words: bool = False) -> list[str]:
    """Index terms of a text: folded syllables and syllable pairs, and the written forms when they carry diacritics.

    An abbreviation adds the words it stands for (GVCN → giáo viên chủ nhiệm), with their pairs. With
    ``drop_question_words`` (questions), words like "gì", "nào" are left out and no pair spans them.
    """
    out: list[str] = []
    for run in _runs(syllables(text)):
        previous: Syllable | None = None
        for s in run:
            if drop_question_words and s.folded in QUESTION_WORDS:
                previous = None
                continue
            out.append(s.folded)
            if _has_marks(s):
                out.append(s.written)
            if previous is not None:
                out.append(previous.folded + "_" + s.folded)
                if _has_marks(previous) or _has_marks(s):
                    out.append(previous.written + "_" + s.written)
            previous = s
    return out


def _phrase_terms(phrase: str) -> tuple[str, ...]:
    return tuple(fold(phrase).split())


_SYNONYMS = [tuple((_phrase_terms(p), p) for p in group) for group in SYNONYM_GROUPS]


def _contains(seq: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(seq[i : i + n]) == phrase for i in range(len(seq) - n + 1))


def query_terms(question: str, *, synonym_weight: float = 0.4) -> dict[str, float]:
    """Weighted terms of a question: its own terms at 1, the other phrases of any synonym group it uses lower."""
    weights: dict[str, float] = {}
    for term in terms(question, drop_question_words=True):
        weights[term] = 1.0
    folded = [s.folded for s in syllables(question)]
    for group in _SYNONYMS:
        if any(_contains(folded, phrase) for phrase, _ in group):
            for _, written in group:
                for term in terms(written):
                    weights.setdefault(term, synonym_weight)
    return weights


def is_question_word(word: str) -> bool:
    return fold(word) in QUESTION_WORDS


def strip_marks(text: str) -> str:
    """Text without combining marks, case kept (for display of folded matches)."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
