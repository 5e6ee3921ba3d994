"""What tests of every app share: one HTML parser, one CSV reader, and one way of
asserting that the database itself refuses a write.

`parse_html` builds a small element tree with Python's html.parser; the helpers below
it read what a reader sees (the text of <main>, links, table rows, active filters) and
the accessibility checks walk the same tree. `parse_csv` reads a CSV file as a
spreadsheet does, from a test-client response or a file the browser downloaded.
"""

import csv
import io
import re
from html.parser import HTMLParser

import pytest
from django.db import IntegrityError, transaction

from core.csv_export import BYTE_ORDER_MARK

# --- HTML ----------------------------------------------------------------------------------

# Elements with no end tag.
VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
# Elements that start on a new line: their text never runs into the text around them.
BLOCKS = {
    "p",
    "li",
    "dt",
    "dd",
    "td",
    "th",
    "tr",
    "br",
    "div",
    "section",
    "caption",
    "h1",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "dl",
    "table",
    "figcaption",
}


class Element:
    """One element: its attributes and its content, elements and text in page order."""

    def __init__(self, tag: str, attrs: list[tuple[str, str | None]], parent: "Element | None"):
        self.tag = tag
        self.attrs = dict(attrs)
        self.attr_list = attrs
        self.parent = parent
        self.content: list[Element | str] = []

    @property
    def children(self) -> list["Element"]:
        return [node for node in self.content if isinstance(node, Element)]

    @property
    def text(self) -> str:
        """All the text inside, exactly as written (no spaces added between elements)."""
        return "".join(node if isinstance(node, str) else node.text for node in self.content)

    def spaced_text(self, separators: set[str] | None = None) -> str:
        """The text with a space at every tag in `separators` (every tag when None)."""
        parts = []
        for node in self.content:
            if isinstance(node, str):
                parts.append(node)
            elif separators is None or node.tag in separators:
                parts.append(f" {node.spaced_text(separators)} ")
            else:
                parts.append(node.spaced_text(separators))
        return "".join(parts)

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def descendants(self):
        for child in self.children:
            yield child
            yield from child.descendants()

    def all(self, *tags: str) -> list["Element"]:
        return [element for element in self.descendants() if element.tag in tags]


class Document(HTMLParser):
    """The element tree of a page, and what is wrong with its nesting."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", [], None)
        self.current = self.root
        self.elements: list[Element] = []
        self.problems: list[str] = []

    def _add(self, tag, attrs) -> Element:
        element = Element(tag, attrs, self.current)
        self.current.content.append(element)
        self.elements.append(element)
        return element

    def handle_starttag(self, tag, attrs):
        element = self._add(tag, attrs)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self._add(tag, attrs)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is None:
            self.problems.append(f"</{tag}> closes nothing")
            return
        if node is not self.current:
            self.problems.append(f"<{self.current.tag}> is not closed before </{tag}>")
        self.current = node.parent

    def handle_data(self, data):
        self.current.content.append(data)

    def all(self, *tags: str) -> list[Element]:
        return [element for element in self.elements if element.tag in tags]


def parse_html(page) -> Document:
    """The element tree of a response's body, or of HTML given as text."""
    document = Document()
    document.feed(page if isinstance(page, str) else page.content.decode())
    document.close()
    return document


def collapse(text: str) -> str:
    return " ".join(text.split())


def text_of(response) -> str:
    """The text a reader sees in the page's main content, with whitespace collapsed."""
    return collapse(" ".join(main.spaced_text(BLOCKS) for main in parse_html(response).all("main")))


def links(response) -> list[dict]:
    """Every link on the page: its attributes, and its text with whitespace collapsed."""
    return [{**link.attrs, "text": collapse(link.text)} for link in parse_html(response).all("a")]


def hrefs(response) -> list[str]:
    return [link.get("href", "") for link in links(response)]


def link_to(response, href: str) -> dict | None:
    return next((link for link in links(response) if link.get("href") == href), None)


def _body_rows(response) -> list[Element] | None:
    tbody = next(iter(parse_html(response).all("tbody")), None)
    return None if tbody is None else tbody.all("tr")


def table_rows(response) -> list[str]:
    """The text of each body row of the page's table, in order."""
    rows = _body_rows(response)
    assert rows is not None, "the page has no table body"
    return [collapse(row.spaced_text()) for row in rows]


def row_links(response) -> list[str]:
    """The first link of each body row of the page's table: the record each row is about."""
    return [
        next(e.attrs["href"] for e in row.descendants() if "href" in e.attrs)
        for row in _body_rows(response) or []
    ]


def active_filters(response) -> dict[str, str]:
    """Each active filter's text, with the address of the link that removes it."""
    return {
        link["text"]: link["href"]
        for link in links(response)
        if link.get("title") == "Remove this filter"
    }


def count_text(response) -> str:
    """The list's result count, as in “3 standards”."""
    count = next(
        (p for p in parse_html(response).all("p") if p.attrs.get("class") == "count"), None
    )
    assert count is not None, "the list shows no result count"
    return collapse(count.text)


# --- CSV -----------------------------------------------------------------------------------


def downloaded_text(response) -> str:
    """The whole body of a response, streamed or not, as text."""
    chunks = response.streaming_content if response.streaming else [response.content]
    return b"".join(chunks).decode("utf-8")


def parse_csv(data: str | bytes) -> list[list[str]]:
    """The rows of a CSV file, header first, checking the byte-order mark Excel needs."""
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    assert text.startswith(BYTE_ORDER_MARK), "Excel needs the byte-order mark to read UTF-8"
    return list(csv.reader(io.StringIO(text.removeprefix(BYTE_ORDER_MARK), newline="")))


def csv_records(data: str | bytes) -> list[dict[str, str]]:
    """The rows of a CSV file after its header, each keyed by the header's names."""
    header, *rows = parse_csv(data) or [[]]
    return [dict(zip(header, row, strict=True)) for row in rows]


def read_csv(response) -> list[list[str]]:
    """The rows of a CSV download, header first."""
    return parse_csv(downloaded_text(response))


def read_csv_records(response) -> list[dict[str, str]]:
    """The rows of a successful CSV download, keyed by the header's names."""
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return csv_records(downloaded_text(response))


# --- Database --------------------------------------------------------------------------------


def refused_by_database(create):
    """Assert the database itself refuses the write (not just Python validation)."""
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def sitemap_documents(client) -> list[str]:
    """The sitemap index and every page of every section it lists."""
    index = client.get("/sitemap.xml").content.decode()
    documents = [index]
    for location in re.findall(r"<loc>http://testserver([^<]+)</loc>", index):
        response = client.get(location.replace("&amp;", "&"))
        assert response.status_code == 200, location
        documents.append(response.content.decode())
    return documents


def sitemap_locations(client) -> set[str]:
    """Every page path the sitemap lists, across its sections."""
    return {
        path
        for document in sitemap_documents(client)[1:]
        for path in re.findall(r"<loc>http://testserver([^<]+)</loc>", document)
    }
