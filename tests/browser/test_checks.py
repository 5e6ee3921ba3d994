"""The checks every browser test relies on do catch what they are meant to catch.

A console watch that missed CSP violations, or an accessibility check that passed
anything, would let the journeys pass whatever the pages do.
"""

import re

import pytest

from tests.browser.support import accessibility_problems, assert_page_ok, watch_of

expect = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed: browser tests skipped"
).expect

pytestmark = pytest.mark.browser

INLINE_STYLE = """() => {
  const style = document.createElement('style');
  style.textContent = 'body { background: red; }';
  document.head.append(style);
}"""
INLINE_SCRIPT = """() => {
  const script = document.createElement('script');
  script.textContent = 'window.inlineScriptRan = true;';
  document.body.append(script);
}"""


def test_the_watch_catches_csp_violations_and_console_errors(page):
    page.goto("/")
    assert_page_ok(page)
    watch = watch_of(page)

    # Our CSP refuses inline style and script; Chromium says so on the console.
    for script in (INLINE_STYLE, INLINE_SCRIPT):
        with page.expect_console_message(lambda message: message.type == "error"):
            page.evaluate(script)
    assert page.evaluate("() => window.inlineScriptRan") is None
    assert page.evaluate("() => getComputedStyle(document.body).backgroundColor") != (
        "rgb(255, 0, 0)"
    )
    with page.expect_console_message(lambda message: message.type == "error"):
        page.evaluate("() => console.error('something broke')")

    assert len(watch.problems) == 3, watch.problems
    style_refused, script_refused, console_error = watch.problems
    # Chromium 156 words it "Applying inline style violates the following Content
    # Security Policy directive 'style-src 'self''…"; older ones said "Refused to apply…".
    assert re.search(r"inline style .*Content Security Policy directive 'style-src", style_refused)
    assert re.search(
        r"inline script .*Content Security Policy directive 'script-src", script_refused
    )
    assert "something broke" in console_error
    with pytest.raises(AssertionError, match="Content Security Policy"):
        assert_page_ok(page)
    watch.problems.clear()  # provoked on purpose: not a failure of this test


BAD_PAGE = """<!doctype html>
<html><head><title>Bad page</title></head><body>
<h2>Starts at h2</h2>
<h4>Skips h3</h4>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">
<input id="unlabelled">
<label>Named <input id="wrapped"></label>
<label for="pointed">Pointed</label><input id="pointed">
<select aria-label="Kind"></select>
<label for="empty"></label><textarea id="empty"></textarea>
<input type="hidden" name="token">
<input id="not-shown" style="display: none">
<table><thead><tr><th>Title</th><th></th></tr></thead>
<tbody><tr><td><input id="in-titled-column"></td><td><input id="in-blank-column"></td></tr></tbody></table>
<svg role="img" width="10" height="10"></svg>
</body></html>"""


def test_the_accessibility_check_finds_missing_labels_alt_text_and_skipped_headings(page):
    page.set_content(BAD_PAGE)
    problems = accessibility_problems(page)
    summary = [problem.split(":")[0] for problem in problems]
    assert summary == [
        "<html> has no lang attribute",
        "form field without a label",  # #unlabelled
        "form field without a label",  # #empty: its <label> has no text
        "form field without a label",  # #in-blank-column
        "image without alt text",
        "svg image without a text alternative",
        "no <h1> on the page",
        "heading level skipped",  # h2 first
        "heading level skipped",  # h4 after h2
    ], problems
    assert 'id="unlabelled"' in problems[1]
    assert 'id="empty"' in problems[2]
    assert 'id="in-blank-column"' in problems[3]
    assert "h2 “Starts at h2” comes after the start of the page" in problems[7]
    assert "h4 “Skips h3” comes after h2" in problems[8]


def test_the_accessibility_check_passes_a_sound_page(page):
    page.set_content(
        '<!doctype html><html lang="en"><head><title>Fine</title></head><body>'
        "<h1>Title</h1><h2>Part</h2><h3>Detail</h3><h2>Another part</h2>"
        '<label for="q">Search</label><input id="q"><img src="data:," alt="">'
        "</body></html>"
    )
    assert accessibility_problems(page) == []
