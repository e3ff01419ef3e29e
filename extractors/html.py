"""HTML pages: the main text only, without menus, banners, scripts and forms.

The main content is `<main>`, else `role="main"`, else a single `<article>`, else `<body>`.
Block elements become paragraph breaks, list items and table rows lines, table cells are
separated by " | ".

>>> html_to_text(b"<body><nav>Meny</nav><main><h1>Beslut</h1><p>Godk&auml;nt.</p></main></body>")
('Beslut\\n\\nGodkänt.', 'Beslut', 'utf-8')
"""

from __future__ import annotations

import re
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from extractors.base import EmptyDocument, ParsedDocument
from extractors.textnorm import decode_bytes, join_pages, normalize_text

#: Never content, wherever they are.
SKIP_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "nav", "aside", "form", "footer", "svg",
        "iframe", "button", "select", "textarea", "head", "title", "canvas", "object", "dialog",
    }
)  # fmt: skip
#: Page chrome when the root is <body>; inside <main>/<article> a <header> holds the title.
PAGE_CHROME_TAGS = frozenset({"header"})
SKIP_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "complementary"})

BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "caption", "details", "div", "dl",
        "fieldset", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "main", "ol", "p", "pre", "section", "summary", "table", "ul",
    }
)  # fmt: skip
LINE_TAGS = frozenset({"br", "li", "tr", "dt", "dd"})
CELL_TAGS = frozenset({"td", "th"})

_PARAGRAPH = "\n\n"
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_SPACES = re.compile(r"[ \t\r\n\f]+")


def read(path: Path, data: bytes, sha256: str, source: str) -> ParsedDocument:
    """Read an HTML file as one page of main text; `title_hint` from <title> or <h1>."""
    text, title, encoding = html_to_text(data)
    text = normalize_text(text)
    if not text:
        raise EmptyDocument(f"no text: {path.name} has no visible text in its main content")
    body, pages = join_pages([(1, text)])
    return ParsedDocument(
        source=source,
        sha256=sha256,
        format="html",
        text=body,
        pages=pages,
        title_hint=title,
        metadata={"encoding": encoding},
    )


def html_to_text(data: bytes) -> tuple[str, str | None, str]:
    """Return (main text, title, encoding used) for an HTML document's bytes."""
    declared = _META_CHARSET.search(data[:4096])
    markup, encoding = decode_bytes(data, declared.group(1).decode("ascii") if declared else None)
    tree = LexborHTMLParser(markup)
    root, is_body = _main_node(tree)
    if root is None:
        return "", _title(tree, None), encoding
    return _render(root, skip_chrome=is_body), _title(tree, root), encoding


def _main_node(tree: LexborHTMLParser) -> tuple[LexborNode | None, bool]:
    for selector in ("main", '[role="main"]'):
        node = tree.css_first(selector)
        if node is not None:
            return node, False
    articles = tree.css("article")
    if len(articles) == 1:  # several articles are a listing page: keep them all
        return articles[0], False
    return tree.body or tree.root, True


def _title(tree: LexborHTMLParser, root: LexborNode | None) -> str | None:
    for node in (tree.css_first("title"), (root or tree).css_first("h1")):
        if node is not None:
            title = _SPACES.sub(" ", node.text()).strip()
            if title:
                return title
    return None


def _skipped(node: LexborNode, skip_chrome: bool) -> bool:
    tag = node.tag or ""
    if tag in SKIP_TAGS or (skip_chrome and tag in PAGE_CHROME_TAGS):
        return True
    attrs = node.attributes
    return (
        "hidden" in attrs
        or attrs.get("aria-hidden") == "true"
        or (attrs.get("role") or "") in SKIP_ROLES
    )


def _render(root: LexborNode, skip_chrome: bool) -> str:
    # An explicit stack instead of recursion: real pages nest deeper than Python's limit.
    parts: list[str] = []
    in_pre = 0
    stack: list[tuple[LexborNode, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        tag = node.tag or ""
        if leaving:
            if tag == "pre":
                in_pre -= 1
            if tag in BLOCK_TAGS:
                parts.append(_PARAGRAPH)
            elif tag in LINE_TAGS:
                parts.append("\n")
            continue
        if tag == "-text":
            content = node.text(deep=False) or ""
            parts.append(content if in_pre else _SPACES.sub(" ", content))
            continue
        if tag.startswith("-") or _skipped(node, skip_chrome):
            continue  # comments, doctype
        if tag in BLOCK_TAGS:
            parts.append(_PARAGRAPH)
        elif tag in CELL_TAGS and _previous_cell(node):
            parts.append(" | ")
        if tag == "pre":
            in_pre += 1
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(list(node.iter(include_text=True))))
    text = "".join(parts)
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _previous_cell(node: LexborNode) -> bool:
    sibling = node.prev
    while sibling is not None and (sibling.tag or "").startswith("-"):
        sibling = sibling.prev
    return sibling is not None and sibling.tag in CELL_TAGS
