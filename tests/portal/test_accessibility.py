"""Every public page is semantic, accessible HTML that loads nothing from other hosts.

Each page is parsed (tests/support.py) and checked for: one <main> and the
header, footer and nav landmarks; one h1 and headings that never skip a level; a
label for every form field; a caption and header cells in every table; alt text on
every image; no inline style or script; and no address on another host except links
marked rel="external".
"""

import datetime
import itertools
from urllib.parse import urlsplit

import pytest

from standards.models import StandardLevel
from tests.standards.factories import make_standard
from tests.support import Document, Element, parse_html

FORUM = "/forums/2025-weihai-sodium-ion-battery-forum/"
STANDARD = "/standards/t-cnesa-1006-2025/"
BATCH = "/evaluations/sodium-ion-battery-evaluation-batch-6/"

FIELDS = {"input", "select", "textarea"}
UNLABELLED_INPUT_TYPES = {"hidden", "submit", "button", "reset", "image"}
URL_ATTRIBUTES = {"href", "src", "action", "srcset", "poster", "data", "formaction", "xlink:href"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
TH_SCOPES = {"col", "row", "colgroup", "rowgroup"}


def parse(response) -> Document:
    assert response["Content-Type"].startswith("text/html")
    return parse_html(response)


def nesting_problems(document: Document) -> list[str]:
    return list(document.problems)


def landmark_problems(document: Document) -> list[str]:
    """One <main>, and the header, footer and nav landmarks."""
    problems = []
    if len(document.all("main")) != 1:
        problems.append(f"{len(document.all('main'))} <main> elements, not one")
    for landmark in ("header", "footer", "nav"):
        if not document.all(landmark):
            problems.append(f"no <{landmark}>")
    return problems


def language_and_title_problems(document: Document) -> list[str]:
    problems = []
    html = document.all("html")
    if not html or not html[0].attrs.get("lang"):
        problems.append("<html> has no lang")
    if not [t for t in document.all("title") if t.parent.tag == "head" and t.text.strip()]:
        problems.append("no page <title>")
    return problems


def heading_problems(document: Document) -> list[str]:
    """One h1, and no level skipped on the way down."""
    headings = document.all(*HEADINGS)
    levels = [int(h.tag[1]) for h in headings]
    problems = []
    if levels.count(1) != 1:
        problems.append(f"{levels.count(1)} h1 elements, not one")
    if levels and levels[0] != 1:
        problems.append(f"the first heading is h{levels[0]}, not h1")
    problems += [
        f"<{heading.tag}> “{heading.text.strip()}” follows <{previous.tag}> "
        f"“{previous.text.strip()}”: a level is skipped"
        for previous, heading in itertools.pairwise(headings)
        if int(heading.tag[1]) > int(previous.tag[1]) + 1
    ]
    problems += [f"empty <{heading.tag}>" for heading in headings if not heading.text.strip()]
    return problems


def id_problems(document: Document) -> list[str]:
    """Ids are unique, and what aria attributes point at exists."""
    ids = [e.attrs["id"] for e in document.elements if "id" in e.attrs]
    duplicates = {i for i in ids if ids.count(i) > 1}
    problems = [f"duplicate ids: {sorted(duplicates)}"] if duplicates else []
    problems += [
        f"{attribute}={target!r} points at no element"
        for element in document.elements
        for attribute in ("aria-labelledby", "aria-describedby")
        for target in element.attrs.get(attribute, "").split()
        if target not in ids
    ]
    return problems


def needs_a_label(field: Element) -> bool:
    return not (field.tag == "input" and field.attrs.get("type", "text") in UNLABELLED_INPUT_TYPES)


def is_labelled(field: Element, label_targets: set) -> bool:
    return bool(
        (field.attrs.get("id") and field.attrs["id"] in label_targets)
        or any(a.tag == "label" for a in field.ancestors())
        or field.attrs.get("aria-label", "").strip()
        or field.attrs.get("aria-labelledby")
    )


def label_problems(document: Document) -> list[str]:
    """Every form field has a label, and no label is empty."""
    label_targets = {label.attrs.get("for") for label in document.all("label")}
    problems = [
        f"<{field.tag} name={field.attrs.get('name')!r}> has no label"
        for field in document.all(*FIELDS)
        if needs_a_label(field) and not is_labelled(field, label_targets)
    ]
    problems += [
        f"empty <label for={label.attrs.get('for')!r}>"
        for label in document.all("label")
        if not label.text.strip()
    ]
    return problems


def control_text_problems(document: Document) -> list[str]:
    """Buttons and links say what they do."""
    problems = [
        "a <button> with no text"
        for button in document.all("button")
        if not (button.text.strip() or button.attrs.get("aria-label"))
    ]
    problems += [
        f"<a href={link.attrs['href']!r}> has no text"
        for link in document.all("a")
        if "href" in link.attrs and not (link.text.strip() or link.attrs.get("aria-label"))
    ]
    return problems


def table_problems(document: Document) -> list[str]:
    """Every table has a caption and header cells, each with its scope."""
    problems = []
    for table in document.all("table"):
        captions = [e for e in table.children if e.tag == "caption"]
        if not captions or not captions[0].text.strip():
            problems.append("a <table> without a <caption>")
        headers = table.all("th")
        if not headers:
            problems.append(f"table “{table.text.strip()[:40]}” has no <th> cells")
        problems += [
            f"<th> “{header.text.strip()}” has no scope"
            for header in headers
            if header.attrs.get("scope") not in TH_SCOPES
        ]
    return problems


def image_problems(document: Document) -> list[str]:
    problems = [
        f"<img src={image.attrs.get('src')!r}> has no alt"
        for image in document.all("img")
        if "alt" not in image.attrs
    ]
    problems += [
        "an <svg role=img> with no accessible name"
        for svg in document.all("svg")
        if svg.attrs.get("role") == "img"
        and not (svg.attrs.get("aria-label") or svg.attrs.get("aria-labelledby"))
    ]
    return problems


def inline_attribute_problems(element: Element) -> list[str]:
    """A style attribute, an event handler or a javascript: address on one element."""
    problems = [f"<{element.tag}> has a style attribute"] if "style" in element.attrs else []
    problems += [
        f"<{element.tag}> has an inline {name} handler"
        for name, _ in element.attr_list
        if name.startswith("on")
    ]
    problems += [
        f"<{element.tag} {name}> runs script"
        for name in URL_ATTRIBUTES & set(element.attrs)
        if element.attrs[name].strip().lower().startswith("javascript:")
    ]
    return problems


def inline_code_problems(document: Document) -> list[str]:
    """No inline style or script (the Content Security Policy forbids both)."""
    problems = [p for element in document.elements for p in inline_attribute_problems(element)]
    if document.all("style"):
        problems.append("a <style> element")
    problems += [
        "an inline <script>"
        for script in document.all("script")
        if ("src" not in script.attrs or script.text.strip()) and not is_data_block(script)
    ]
    return problems


# Script types a browser never runs: data blocks (schema.org JSON-LD), which the CSP's
# script-src does not govern. Any other type (none, text/javascript, module) is code.
DATA_BLOCK_TYPES = {"application/ld+json"}


def is_data_block(script: Element) -> bool:
    return script.attrs.get("type", "").strip().lower() in DATA_BLOCK_TYPES and (
        "src" not in script.attrs
    )


def addresses_elsewhere(element: Element):
    """Each (attribute, address) of an element that points at another host."""
    for name in URL_ATTRIBUTES & set(element.attrs):
        if name == "xlink:href" or element.tag == "svg":
            continue
        for url in element.attrs[name].split(","):
            url = url.strip().split(" ")[0]
            host = urlsplit(url).netloc
            if host and host != "testserver":
                yield name, url


def other_host_problems(document: Document) -> list[str]:
    """Nothing is loaded from another host; links away are marked rel="external"."""
    return [
        f"<{element.tag} {name}={url!r}> points at another host"
        for element in document.elements
        for name, url in addresses_elsewhere(element)
        if element.tag != "a"
        or name != "href"
        or "external" not in element.attrs.get("rel", "").split()
    ]


CHECKS = [
    nesting_problems,
    landmark_problems,
    language_and_title_problems,
    heading_problems,
    id_problems,
    label_problems,
    control_text_problems,
    table_problems,
    image_problems,
    inline_code_problems,
    other_host_problems,
]


def accessibility_problems(response) -> list[str]:
    document = parse(response)
    return [problem for check in CHECKS for problem in check(document)]


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
    "/forums/?year=2025",
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
            ("<script type='module'>alert(1)</script>", "an inline <script>"),
            ("<script type='text/javascript'>alert(1)</script>", "an inline <script>"),
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

    def test_a_json_ld_data_block_is_not_code(self):
        assert self.problems('<script type="application/ld+json">{"a": 1}</script>') == []

    def test_labels_by_wrapping_or_aria_and_external_links_pass(self):
        fragment = (
            "<label>Q <input name='q'></label><input name='r' aria-label='R'>"
            "<a href='https://example.com/' rel='external noopener'>Source</a>"
        )
        assert self.problems(fragment) == []
