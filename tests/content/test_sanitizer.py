"""The rich-text sanitiser against a list of XSS vectors, and the video embed allow-list."""

import pytest

from truyenthong.content.richtext import embed_url, render_body, sanitize_html

XSS_VECTORS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<img src="javascript:alert(1)">',
    '<a href="javascript:alert(1)">bấm</a>',
    '<a href="JaVaScRiPt:alert(1)">bấm</a>',
    '<a href="&#106;avascript:alert(1)">bấm</a>',
    '<a href="java\tscript:alert(1)">bấm</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">bấm</a>',
    '<a href="vbscript:msgbox(1)">bấm</a>',
    "<svg onload=alert(1)><circle r=1></svg>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><script>alert(1)</script></mtext></math>",
    '<iframe src="https://evil.example"></iframe>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="https://evil.example/x.swf"></object>',
    '<embed src="https://evil.example/x.swf">',
    "<body onload=alert(1)>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p style="color:red" onclick="alert(1)">x</p>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<form action="https://evil.example"><input name=p></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="https://evil.example/">',
    '<link rel=stylesheet href="https://evil.example/x.css">',
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    "<!--<img src=x onerror=alert(1)>-->",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<a href="https://ok.example" target="_blank" onmouseover="alert(1)">ok</a>',
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    "<template><script>alert(1)</script></template>",
    '"><script>alert(1)</script>',
]
FORBIDDEN = [
    "<script",
    "javascript:",
    "vbscript:",
    "data:text",
    "onerror",
    "onload",
    "onclick",
    "onmouseover",
    "ontoggle",
    "<iframe",
    "<object",
    "<embed",
    "<svg",
    "<math",
    "style=",
    "<style",
    "<form",
    "<meta",
    "<base",
    "<link",
    "srcdoc",
    "<template",
    "<input",
]


@pytest.mark.parametrize("vector", XSS_VECTORS)
def test_sanitiser_neutralises_the_xss_vector(vector):
    cleaned = sanitize_html(f"<p>trước</p>{vector}<p>sau</p>").lower()
    rendered = render_body(sanitize_html(vector)).lower()
    for needle in FORBIDDEN:
        assert needle not in cleaned, (vector, cleaned)
        assert needle not in rendered, (vector, rendered)


def test_sanitiser_keeps_ordinary_formatting_and_safe_links():
    cleaned = sanitize_html(
        '<h3>Tiêu đề</h3><p><strong>Đậm</strong> <em>nghiêng</em> <a href="https://moet.gov.vn/x">Bộ</a> '
        '<a href="mailto:vp@lqd.edu.vn">thư</a></p><ul><li>một</li></ul>'
    )
    assert "<h3>Tiêu đề</h3>" in cleaned
    assert "<strong>Đậm</strong>" in cleaned
    assert 'href="https://moet.gov.vn/x"' in cleaned
    assert 'href="mailto:vp@lqd.edu.vn"' in cleaned
    assert cleaned.count('rel="noopener noreferrer"') == 2
    assert "<li>một</li>" in cleaned


def test_plain_text_becomes_escaped_paragraphs():
    cleaned = sanitize_html("Đoạn một <b>\n\nĐoạn hai")
    assert cleaned.count("<p>") == 1 or "&lt;b&gt;" not in cleaned
    cleaned = sanitize_html("Đoạn một\n\nĐoạn hai & ba")
    assert cleaned == "<p>Đoạn một</p><p>Đoạn hai &amp; ba</p>"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://www.youtube.com/shorts/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        (
            "https://www.facebook.com/thptlequydon/videos/1234567890/",
            "https://www.facebook.com/plugins/video.php?show_text=false&href="
            "https%3A%2F%2Fwww.facebook.com%2Fthptlequydon%2Fvideos%2F1234567890%2F",
        ),
        ('https://www.youtube.com/watch?v=bad"onload=1', None),
        ("https://evil.example/watch?v=dQw4w9WgXcQ", None),
        ("javascript:alert(1)//youtube.com/watch?v=dQw4w9WgXcQ", None),
        ("https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ", None),
        ("https://www.facebook.com/plugins/video.php?href=https://evil.example", None),
    ],
)
def test_only_allow_listed_video_links_become_embeds(url, expected):
    assert embed_url(url) == expected


def test_a_lone_video_link_becomes_an_iframe_built_by_us_and_other_links_stay_links():
    cleaned = sanitize_html(
        "<p>https://www.youtube.com/watch?v=dQw4w9WgXcQ</p>"
        '<p><a href="https://youtu.be/dQw4w9WgXcQ">xem video</a></p>'
        "<p>Xem thêm https://www.youtube.com/watch?v=dQw4w9WgXcQ trong bài.</p>"
        '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"></iframe>'
    )
    html = render_body(cleaned)
    assert html.count("<iframe") == 2
    assert html.count('src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"') == 2
    assert "Xem thêm https://www.youtube.com/watch?v=dQw4w9WgXcQ trong bài." in html
