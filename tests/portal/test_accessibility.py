"""Every public page is semantic, accessible HTML that loads nothing from other hosts.

Each page is parsed with Python's html.parser and checked for: one <main> and the
header, footer and nav landmarks; one h1 and headings that never skip a level; a
label for every form field; a caption and header cells in every table; alt text on
every image; no inline style or script; and no address on another host except links
marked rel="external".
"""

import datetime
import itertools
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from standards.models import StandardLevel
from tests.factories import make_standard

FORUM = "/forums/2025-weihai-sodium-ion-battery-forum/"
STANDARD = "/standards/t-cnesa-1006-2025/"
BATCH = "/evaluations/sodium-ion-battery-evaluation-batch-6/"

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
FIELDS = {"input", "select", "textarea"}
UNLABELLED_INPUT_TYPES = {"hidden", "submit", "button", "reset", "image"}
URL_ATTRIBUTES = {"href", "src", "action", "srcset", "poster", "data", "formaction", "xlink:href"}


class Element:
    def __init__(self, tag, attrs, parent):
        self.tag = tag
        self.attrs = dict(attrs)
        self.attr_list = attrs
        self.parent = parent
        self.children: list[Element] = []
        self.text = ""

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def descendants(self):
        for child in self.children:
            yield child
            yield from child.descendants()


class Document(HTMLParser):
    """A small element tree: enough to check landmarks, headings, labels and tables."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", [], None)
        self.current = self.root
        self.elements: list[Element] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        self.elements.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        self.elements.append(element)

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
        for node in (self.current, *self.current.ancestors()):
            node.text += data

    def all(self, *tags):
        return [element for element in self.elements if element.tag in tags]


def parse(response) -> Document:
    assert response["Content-Type"].startswith("text/html")
    document = Document()
    document.feed(response.content.decode())
    document.close()
    return document


def accessibility_problems(response) -> list[str]:
    document = parse(response)
    problems = list(document.problems)

    # Landmarks.
    if len(document.all("main")) != 1:
        problems.append(f"{len(document.all('main'))} <main> elements, not one")
    for landmark in ("header", "footer", "nav"):
        if not document.all(landmark):
            problems.append(f"no <{landmark}>")
    html = document.all("html")
    if not html or not html[0].attrs.get("lang"):
        problems.append("<html> has no lang")
    if not [t for t in document.all("title") if t.parent.tag == "head" and t.text.strip()]:
        problems.append("no page <title>")

    # Headings: one h1, and no level skipped on the way down.
    headings = [e for e in document.elements if e.tag in {"h1", "h2", "h3", "h4", "h5", "h6"}]
    levels = [int(h.tag[1]) for h in headings]
    if levels.count(1) != 1:
        problems.append(f"{levels.count(1)} h1 elements, not one")
    if levels and levels[0] != 1:
        problems.append(f"the first heading is h{levels[0]}, not h1")
    for previous, heading in itertools.pairwise(headings):
        if int(heading.tag[1]) > int(previous.tag[1]) + 1:
            problems.append(
                f"<{heading.tag}> “{heading.text.strip()}” follows <{previous.tag}> "
                f"“{previous.text.strip()}”: a level is skipped"
            )
    for heading in headings:
        if not heading.text.strip():
            problems.append(f"empty <{heading.tag}>")

    # Ids are unique, and what labels and aria attributes point at exists.
    ids = [e.attrs["id"] for e in document.elements if "id" in e.attrs]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        problems.append(f"duplicate ids: {sorted(duplicates)}")
    for element in document.elements:
        for attribute in ("aria-labelledby", "aria-describedby"):
            for target in element.attrs.get(attribute, "").split():
                if target not in ids:
                    problems.append(f"{attribute}={target!r} points at no element")

    # Every form field has a label.
    label_targets = {label.attrs.get("for") for label in document.all("label")}
    for field in document.all(*FIELDS):
        if field.tag == "input" and field.attrs.get("type", "text") in UNLABELLED_INPUT_TYPES:
            continue
        labelled = (
            (field.attrs.get("id") and field.attrs["id"] in label_targets)
            or any(a.tag == "label" for a in field.ancestors())
            or field.attrs.get("aria-label", "").strip()
            or field.attrs.get("aria-labelledby")
        )
        if not labelled:
            problems.append(f"<{field.tag} name={field.attrs.get('name')!r}> has no label")
    for label in document.all("label"):
        if not label.text.strip():
            problems.append(f"empty <label for={label.attrs.get('for')!r}>")
    for button in document.all("button"):
        if not (button.text.strip() or button.attrs.get("aria-label")):
            problems.append("a <button> with no text")
    for link in document.all("a"):
        if "href" in link.attrs and not (link.text.strip() or link.attrs.get("aria-label")):
            problems.append(f"<a href={link.attrs['href']!r}> has no text")

    # Tables: a caption and header cells.
    for table in document.all("table"):
        parts = list(table.descendants())
        captions = [e for e in table.children if e.tag == "caption"]
        if not captions or not captions[0].text.strip():
            problems.append("a <table> without a <caption>")
        if not [e for e in parts if e.tag == "th"]:
            problems.append(f"table “{table.text.strip()[:40]}” has no <th> cells")
        for header in (e for e in parts if e.tag == "th"):
            if header.attrs.get("scope") not in {"col", "row", "colgroup", "rowgroup"}:
                problems.append(f"<th> “{header.text.strip()}” has no scope")

    # Images.
    for image in document.all("img"):
        if "alt" not in image.attrs:
            problems.append(f"<img src={image.attrs.get('src')!r}> has no alt")
    for svg in document.all("svg"):
        if svg.attrs.get("role") == "img" and not (
            svg.attrs.get("aria-label") or svg.attrs.get("aria-labelledby")
        ):
            problems.append("an <svg role=img> with no accessible name")

    # No inline style or script (the Content Security Policy forbids both).
    for element in document.elements:
        if "style" in element.attrs:
            problems.append(f"<{element.tag}> has a style attribute")
        for name, _ in element.attr_list:
            if name.startswith("on"):
                problems.append(f"<{element.tag}> has an inline {name} handler")
        for name in URL_ATTRIBUTES & set(element.attrs):
            if element.attrs[name].strip().lower().startswith("javascript:"):
                problems.append(f"<{element.tag} {name}> runs script")
    if document.all("style"):
        problems.append("a <style> element")
    for script in document.all("script"):
        if "src" not in script.attrs or script.text.strip():
            problems.append("an inline <script>")

    # Nothing is loaded from another host; links away are marked rel="external".
    for element in document.elements:
        for name in URL_ATTRIBUTES & set(element.attrs):
            if name == "xlink:href" or element.tag == "svg":
                continue
            for url in element.attrs[name].split(","):
                url = url.strip().split(" ")[0]
                host = urlsplit(url).netloc
                if not host or host == "testserver":
                    continue
                rel = element.attrs.get("rel", "").split()
                if element.tag != "a" or name != "href" or "external" not in rel:
                    problems.append(f"<{element.tag} {name}={url!r}> points at another host")
    return problems


def assert_accessible(response, url):
    problems = accessibility_problems(response)
    assert not problems, f"{url}:\n  " + "\n  ".join(problems)


DEMO_PAGES = [
    "/",
    "/forums/",
    FORUM,
    "/standards/",
    STANDARD,
    "/standards/lifecycle/",
    "/evaluations/",
    BATCH,
    "/evaluations/low-temperature-performance-evaluation-batch-1/",
    "/evaluations/results/",
    "/organizations/",
    "/organizations/ningde-times-new-energy-technology/",
    "/organizations/china-electronics-technology-standardization-institute/",
    "/organizations/zhongguancun-energy-storage-industry-technology-alliance/",
    "/organizations/tsinghua-university/",
    "/organizations/yadi/",
    "/people/li-jinghong/",
    "/people/liu-wei/",
    "/people/wang-jianchao/",
    "/search/",
    "/search/?q=sodium",
    "/search/?q=Li+Jinghong",
    "/search/?q=1006-2025",
    "/search/?q=no-such-thing-anywhere",
    # Lists with filters, active filters, an empty state and invalid values (400).
    "/forums/?year=2025&sort=-date",
    "/standards/?level=group&status=published",
    "/standards/?q=nothing-matches",
    "/standards/?level=galactic",
    "/evaluations/?program=sodium-ion-battery-evaluation",
    "/evaluations/results/?outcome=passed&organization_kind=company",
    "/evaluations/results/?outcome=won",
    "/organizations/?kind=company&has_results=true&sort=-name",
    "/organizations/?q=nobody-by-this-name",
    "/search/?q=" + "x" * 300,
    # The styled 404.
    "/no-such-page/",
    "/forums/no-such-forum/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", DEMO_PAGES)
def test_demo_pages_are_accessible(client, demo, url):
    response = client.get(url)
    assert response.status_code in {200, 400, 404}
    assert_accessible(response, url)


@pytest.mark.django_db
def test_an_empty_site_is_accessible(client):
    for url in ["/", "/forums/", "/standards/", "/evaluations/", "/evaluations/results/"]:
        assert_accessible(client.get(url), url)


@pytest.mark.django_db
def test_paginated_list_is_accessible(client):
    for n in range(30):
        make_standard(
            code=f"T/GRP {n:02d}-2025",
            level=StandardLevel.GROUP,
            published_on=datetime.date(2025, 1, 1),
        )
    for url in ("/standards/?level=group", "/standards/?level=group&page=2"):
        response = client.get(url)
        assert "Page " in response.content.decode()
        assert_accessible(response, url)


@pytest.mark.django_db
def test_staff_draft_previews_are_accessible(client, demo, editor):
    from core.models import Visibility
    from evaluations.models import EvaluationBatch
    from forums.models import Forum
    from standards.models import Standard

    for model in (Forum, Standard, EvaluationBatch):
        model.objects.update(visibility=Visibility.DRAFT)
    client.force_login(editor)
    for url in (FORUM, STANDARD, BATCH):
        response = client.get(url)
        assert response.status_code == 200
        assert "banner-draft" in response.content.decode()
        assert_accessible(response, url)


class TestTheCheckerItself:
    """The checks catch the faults they look for: each fault page fails exactly as named."""

    GOOD = (
        '<!doctype html><html lang="en"><head><title>T</title></head><body>'
        "<header><nav><a href='/'>Home</a></nav></header><main><h1>Title</h1>{}</main>"
        "<footer>f</footer></body></html>"
    )

    class FakeResponse:
        def __init__(self, body):
            self.content = body.encode()

        def __getitem__(self, key):
            return "text/html; charset=utf-8"

    def problems(self, fragment):
        return accessibility_problems(self.FakeResponse(self.GOOD.format(fragment)))

    def test_a_clean_page_passes(self):
        assert self.problems("<h2>Part</h2><p>Text</p>") == []

    @pytest.mark.parametrize(
        ("fragment", "expected"),
        [
            ("<h3>Deep</h3>", "a level is skipped"),
            ("<h1>Again</h1>", "2 h1 elements"),
            ("<input name='q'>", "<input name='q'> has no label"),
            (
                "<label for='x'>Q</label><select name='s'></select>",
                "<select name='s'> has no label",
            ),
            ("<table><tr><td>1</td></tr></table>", "without a <caption>"),
            ("<table><caption>c</caption><tr><td>1</td></tr></table>", "has no <th> cells"),
            ("<img src='/a.png'>", "has no alt"),
            ("<p style='color:red'>x</p>", "style attribute"),
            ("<style>p{}</style>", "a <style> element"),
            ("<script>alert(1)</script>", "an inline <script>"),
            ("<a href='https://example.com/'>x</a>", "points at another host"),
            ("<img alt='' src='https://cdn.example/a.png'>", "points at another host"),
            ("<a onclick='x()' href='/'>x</a>", "inline onclick handler"),
            ("<p id='a'></p><p id='a'></p>", "duplicate ids"),
            ("<main>second</main>", "2 <main> elements"),
        ],
    )
    def test_each_fault_is_reported(self, fragment, expected):
        assert any(expected in problem for problem in self.problems(fragment)), self.problems(
            fragment
        )

    def test_labels_by_wrapping_or_aria_and_external_links_pass(self):
        fragment = (
            "<label>Q <input name='q'></label><input name='r' aria-label='R'>"
            "<a href='https://example.com/' rel='external noopener'>Source</a>"
        )
        assert self.problems(fragment) == []
