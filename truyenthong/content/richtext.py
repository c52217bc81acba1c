"""Rich text for content items: sanitise with nh3 (allow-list), then turn allow-listed video links into iframes.

Iframes are never accepted from the submitted HTML: nh3 drops them. After sanitising, a paragraph holding nothing
but a YouTube or Facebook video link is replaced by an iframe we build ourselves from the parsed video id.
"""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, quote, urlsplit

import nh3

# What the editor (Trix, content/editor.js) writes is kept: its paragraphs are <div>s, strike-through is <del>, its
# heading is configured as <h2>, pictures are <figure><img><figcaption>. Its data-trix-* attributes are dropped:
# reopened in the editor, an <img> becomes a picture again.
ALLOWED_TAGS = {
    "p",
    "div",
    "del",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "blockquote",
    "a",
    "img",
    "figure",
    "figcaption",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "code",
    "pre",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
URL_SCHEMES = {"http", "https", "mailto"}

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_FB_VIDEO_ID = re.compile(r"^[0-9]{5,25}$")
_FB_PAGE = re.compile(r"^[A-Za-z0-9.\-]{1,80}$")
_LONE_LINK = re.compile(
    r"<p>\s*(?:<a href=\"(https?://[^\"<>]+)\"[^>]*>[^<]*</a>|(https?://[^\s<>\"]+))\s*</p>"
)


def sanitize_html(raw: str) -> str:
    """Allow-listed tags and attributes only; links http/https/mailto with rel="noopener noreferrer"."""
    text = raw or ""
    if "<" not in text:
        # Plain text typed into the editor: blank lines separate paragraphs.
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        text = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        clean_content_tags={
            "script",
            "style",
            "iframe",
            "object",
            "embed",
            "template",
            "noscript",
            "svg",
            "math",
        },
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def embed_url(url: str) -> str | None:
    """The iframe address for an allow-listed video link (YouTube, Facebook video), else None."""
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower()
    path = parts.path.rstrip("/")
    if host in (
        "youtube.com",
        "www.youtube.com",
        "m.youtube.com",
        "youtube-nocookie.com",
        "www.youtube-nocookie.com",
    ):
        video_id = ""
        if path == "/watch":
            video_id = (parse_qs(parts.query).get("v") or [""])[0]
        else:
            match = re.fullmatch(r"/(?:embed|shorts|live)/([^/]+)", path)
            video_id = match.group(1) if match else ""
        return f"https://www.youtube-nocookie.com/embed/{video_id}" if _YOUTUBE_ID.match(video_id) else None
    if host == "youtu.be":
        video_id = path.lstrip("/")
        return f"https://www.youtube-nocookie.com/embed/{video_id}" if _YOUTUBE_ID.match(video_id) else None
    if host in ("facebook.com", "www.facebook.com", "m.facebook.com", "web.facebook.com"):
        canonical = None
        match = re.fullmatch(r"/([^/]+)/videos/(?:[^/]+/)?([^/]+)", path)
        if match and _FB_PAGE.match(match.group(1)) and _FB_VIDEO_ID.match(match.group(2)):
            canonical = f"https://www.facebook.com/{match.group(1)}/videos/{match.group(2)}/"
        elif path in ("/watch", "/video.php"):
            video_id = (parse_qs(parts.query).get("v") or [""])[0]
            if _FB_VIDEO_ID.match(video_id):
                canonical = f"https://www.facebook.com/watch/?v={video_id}"
        elif (m := re.fullmatch(r"/reel/([^/]+)", path)) and _FB_VIDEO_ID.match(m.group(1)):
            canonical = f"https://www.facebook.com/reel/{m.group(1)}/"
        if canonical:
            return "https://www.facebook.com/plugins/video.php?show_text=false&href=" + quote(
                canonical, safe=""
            )
    return None


def iframe_for(url: str, title: str = "Video") -> str:
    src = embed_url(url)
    if src is None:
        return ""
    return (
        f'<div class="video-embed"><iframe src="{html.escape(src)}" title="{html.escape(title)}" loading="lazy" '
        'allow="encrypted-media; picture-in-picture" allowfullscreen '
        'referrerpolicy="strict-origin-when-cross-origin"></iframe></div>'
    )


def render_body(clean: str) -> str:
    """Sanitised HTML with each lone allow-listed video link turned into an iframe (for display)."""

    def replace(match: re.Match) -> str:
        url = html.unescape(match.group(1) or match.group(2))
        return iframe_for(url) or match.group(0)

    return _LONE_LINK.sub(replace, clean)


def plain_text(clean: str) -> str:
    """The text of sanitised HTML (for search and summaries)."""
    text = nh3.clean(re.sub(r"<(br|/p|/li|/h[2-4]|/tr)>", " \n", clean or ""), tags=set())
    return re.sub(r"\s+", " ", html.unescape(text)).strip()
