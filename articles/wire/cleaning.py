"""Clean copy: what agency text needs before an editor reads it as a draft.

- Hard-wrapped lines are reflowed into paragraphs, sentence-aware: a line break joins two lines
  unless the first ends a sentence *and* stops short of the wrap width (the last line of a
  paragraph), or the next is indented or a list item; blank lines are real paragraph breaks.
- Control characters, zero-width and bidi marks, soft hyphens and stray symbols (bullets at the
  start of a line, "====" rules, end marks such as "ENDS" or "-30-") are removed.
- A trailer ("More Stories", "Read more", "Related stories" and the headlines under it) is cut
  from the body; its headlines are kept to be matched against our own published stories.
- HTML is sanitised by the body editor's own sanitiser (`Article` body field), so a draft holds
  exactly the markup the editor allows.

`reflow_html` applies the same reflow to a body pasted into the article form, where every
hard-wrapped line arrived as a paragraph of its own.
"""

import re
import unicodedata
from dataclasses import replace

import lxml.html
from django.utils.html import escape, strip_tags
from lxml import etree

from articles.models import Article

from .items import RefusedItem, WireItem

# Control characters except newline and tab; zero-width, bidi and soft-hyphen marks; BOM;
# the replacement character a broken encoding leaves behind.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufffd]"
)
# Symbols agency systems leave in copy: geometric shapes and block elements used as end marks
# or bullets, box drawing, private-use characters from old fonts.
_STRAY = re.compile("[\u2500-\u25ff\ue000-\uf8ff]")
_TRAILER = re.compile(
    r"^\s*(?:more stories|read more|read also|also read|related stories|related|see also|"
    r"top stories|more news|most read|you may also like)\b\s*[:\-–—]?\s*(.*)$",
    re.IGNORECASE,
)
_END_MARK = re.compile(
    r"^\s*(?:ends?|-+\s*30\s*-+|#{3,}|\(end\)|end of story|=+|\*{3,}|_{3,})\s*$", re.I
)
_SIGNATURE = re.compile(r"^--\s?$")
_BULLET = re.compile(r"^\s*(?:[-*•·■▪►>]+|\d{1,2}[.)])\s+")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
# An opening quote left alone at the end of a line after a sentence's end (a broken apostrophe
# or quote from a converting system): dropped, so the line still ends its sentence.
_STRAY_OPENING_QUOTE = re.compile(r"([.!?…:;][\"'”’»)\]]?)\s*[‘“„«]\s*$")
# Pictographs (emoji) and dingbats an agency system appends after the last sentence.
_TRAILING_SYMBOLS = re.compile(
    "[\\s\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff\ufe0f\u200d]+(?=</p>\\s*$)"
)
# Lines longer than this were not hard-wrapped by a teleprinter-era system.
_WRAP_LIMIT = 100
_NARROWEST_WRAP = 60


def strip_invisible(text: str) -> str:
    """Text without control, zero-width and bidi characters, in NFC, with plain spaces."""
    text = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\t", "    ")
    return _STRAY.sub("", _INVISIBLE.sub("", text))


def _paragraph_breaks(lines: list[str], texts: list[str]) -> list[list[str]]:
    """Group consecutive lines of one block into paragraphs (`texts`: each line as plain text).

    A wrapping program fills a line until the next word does not fit, so a line that ends a
    sentence although the next line's first word would have fitted after it ends a paragraph.
    """
    # Nobody wraps copy narrower than this: short lines ending a sentence end a paragraph.
    width = max((len(text) for text in texts), default=0)
    width = max(width, _NARROWEST_WRAP)
    wrapped = len(lines) > 1 and width <= _WRAP_LIMIT
    paragraphs, current = [], []
    for index, line in enumerate(lines):
        current.append(line)
        if index + 1 == len(lines):
            break
        text, following = texts[index], texts[index + 1]
        ends_sentence = bool(_SENTENCE_END.search(text.rstrip()))
        next_word = following.split()[0] if following.split() else ""
        room_left = len(text) + 1 + len(next_word) <= width
        next_starts_block = lines[index + 1].startswith("  ") or bool(_BULLET.match(following))
        if next_starts_block or (ends_sentence and (room_left or not wrapped)):
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def _join(lines: list[str]) -> str:
    text = ""
    for line in (line.strip() for line in lines):
        if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and line[:1].isalpha():
            text += line  # a word hyphenated at the line's end
        else:
            text = f"{text} {line}" if text else line
    return re.sub(r"\s{2,}", " ", text)


def reflow_text(text: str) -> list[str]:
    """Plain text with hard line breaks → its paragraphs, each one line of text."""
    blocks = re.split(r"\n\s*\n", strip_invisible(text))
    paragraphs = []
    for block in blocks:
        lines = [
            _STRAY_OPENING_QUOTE.sub(r"\1", line.rstrip())
            for line in block.split("\n")
            if line.strip()
        ]
        lines = [line for line in lines if not _END_MARK.match(line)]
        if not lines:
            continue
        for group in _paragraph_breaks(lines, [line.strip() for line in lines]):
            paragraph = _BULLET.sub("", _join(group), count=1) if len(group) == 1 else _join(group)
            if paragraph.strip():
                paragraphs.append(paragraph.strip())
    return paragraphs


_PLAIN_PARAGRAPH = re.compile(r"<p(?:\s[^>]*)?>(.*?)</p>", re.IGNORECASE | re.DOTALL)
_BLOCK = re.compile(r"<(?:h[1-6]|ul|ol|li|blockquote|table|hr|pre)\b", re.IGNORECASE)


def reflow_html(html: str) -> str:
    """A body whose hard-wrapped lines became one paragraph each, rejoined into real
    paragraphs by the same rule as `reflow_text`. Other blocks (lists, headings, quotes) and
    inline markup are kept; runs of paragraphs between them are reflowed."""
    html = strip_invisible(html)
    out, run, position = [], [], 0

    def flush():
        if not run:
            return
        texts = [strip_tags(line).strip() for line in run]
        for group in _paragraph_breaks(run, texts):
            out.append(f"<p>{_join(group)}</p>")
        run.clear()

    for match in _PLAIN_PARAGRAPH.finditer(html):
        between = html[position : match.start()]
        if between.strip():
            flush()
            out.append(between.strip())
        inner = match.group(1).strip()
        if _BLOCK.search(inner):
            flush()
            out.append(match.group(0))
        elif not strip_tags(inner).strip():
            flush()  # an empty paragraph is a real break
        else:
            run.append(_STRAY_OPENING_QUOTE.sub(r"\1", inner.rstrip()))
        position = match.end()
    flush()
    rest = html[position:]
    if rest.strip():
        out.append(rest.strip())
    return sanitize("".join(out))


def sanitize(html: str) -> str:
    """The body editor's own sanitiser: the markup a story's body may hold, nothing else."""
    return Article._meta.get_field("body").sanitize(html or "")


def _trailer_headline(line: str) -> str:
    return _BULLET.sub("", strip_tags(line)).strip(" \t-–—|")


def cut_trailer_text(text: str) -> tuple[str, list[str]]:
    """(text before the trailer, the trailer's headlines) for plain text. An email signature
    (from a "-- " line on) goes too."""
    lines = strip_invisible(text).split("\n")
    for index, line in enumerate(lines):
        if _SIGNATURE.match(line):
            lines = lines[:index]
            text = "\n".join(lines)
            break
    for index, line in enumerate(lines):
        match = _TRAILER.match(line)
        if match and (not match.group(1) or len(line) < 200):
            headlines = [match.group(1)] if match.group(1) else []
            headlines += lines[index + 1 :]
            cleaned = [_trailer_headline(h) for h in headlines]
            return "\n".join(lines[:index]), [h for h in cleaned if len(h) > 3]
    return text, []


_HTML_TRAILER = re.compile(
    r"<(p|h[2-6]|div)\b[^>]*>\s*(?:<(?:strong|b|em)>\s*)?(?:more stories|read more|read also|"
    r"also read|related stories|see also|top stories|more news)\b",
    re.IGNORECASE,
)


def cut_trailer_html(html: str) -> tuple[str, list[str]]:
    """(markup before the trailer, the trailer's headlines) for HTML bodies."""
    match = _HTML_TRAILER.search(html or "")
    if not match:
        return html, []
    tail = re.sub(r"</(?:p|li|h[1-6]|div)>|<br\s*/?>", "\n", html[match.start() :], flags=re.I)
    _, headlines = cut_trailer_text(strip_tags(tail))
    return html[: match.start()], headlines


def text_to_html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)


def clean_line(text: str) -> str:
    """One line of copy (headline, byline, dateline): invisible characters and runs of
    spaces removed, stray symbols at the edges trimmed."""
    text = re.sub(r"\s+", " ", strip_tags(strip_invisible(text))).strip()
    return _BULLET.sub("", text).strip(" =*#|")


# Parts of an agency's article markup that are not the story: TT's "dat" line (vignette and
# source), pictures (they come as associations, not from our library).
_NOT_STORY = (
    "//head | //script | //style | //figure | //*[contains(concat(' ', @class, ' '), ' dat ')]"
)


_DOCUMENT = re.compile(r"<(?:html|body)\b", re.IGNORECASE)


def unwrap_markup(html: str, headline: str) -> str:
    """The story in an agency's markup: a whole HTML document's body, without the headline
    repeated as its first heading and without the parts that are not story (`_NOT_STORY`)."""
    if not html or "<" not in html:
        return html
    try:
        if _DOCUMENT.search(html):
            tree = lxml.html.document_fromstring(html)
        else:
            tree = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return html
    for element in tree.xpath(_NOT_STORY):
        element.drop_tree()
    wanted = clean_line(headline).casefold()
    for heading in tree.xpath("//h1 | //h2")[:1]:
        if clean_line(heading.text_content()).casefold() == wanted:
            heading.drop_tree()
    body = tree.find("body")
    root = body if body is not None else tree
    inner = (root.text or "") + "".join(
        etree.tostring(child, encoding="unicode", method="html") for child in root
    )
    return inner.strip()


def clean_item(item: WireItem) -> WireItem:
    """The item as a draft may carry it: clean headline, standfirst and byline, a reflowed,
    sanitised body without its trailer, and the trailer's headlines kept aside."""
    body, trailer = cut_trailer_html(unwrap_markup(item.body_html, item.headline))
    paragraphs_only = not _BLOCK.search(body or "")
    if paragraphs_only:
        # Agency markup is often text in paragraphs with hard breaks inside: reflow it.
        body = reflow_html("".join(f"<p>{line}</p>" for line in _html_paragraphs(body or "")))
    else:
        body = sanitize(strip_invisible(body)).strip()
    body = _TRAILING_SYMBOLS.sub("", body)
    cleaned = replace(
        item,
        headline=clean_line(item.headline)[:200],
        standfirst=clean_line(item.standfirst)[:600],
        byline=clean_line(item.byline)[:120],
        dateline=clean_line(item.dateline)[:120],
        body_html=body,
        trailer_headlines=item.trailer_headlines + trailer,
    )
    if not cleaned.headline:
        raise RefusedItem("The copy has no headline.")
    if not strip_tags(cleaned.body_html).strip():
        raise RefusedItem(f"“{cleaned.headline}” has no text.")
    return cleaned


def _html_paragraphs(html: str) -> list[str]:
    """Paragraph contents of simple agency markup, with hard line breaks inside a paragraph
    (newlines, <br>) turned into paragraphs of their own for `reflow_html` to rejoin."""
    found = _PLAIN_PARAGRAPH.findall(html)
    if not found:
        found = [html]
    lines = []
    for paragraph in found:
        parts = re.split(r"<br\s*/?>|\n", paragraph, flags=re.I)
        lines += [part if strip_tags(part).strip() else "" for part in parts]
        lines.append("")  # the paragraph's own end is a real break
    return lines
