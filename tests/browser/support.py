"""What the browser tests share: where Chromium is, the console watch, our accessibility checks.

Nothing here imports Playwright at module level, so that the folder can still be
collected (and skipped with a clear reason) on a machine without it.
"""

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag

from tests.support import csv_records

# Debian's Chromium; CHROMIUM_PATH points elsewhere (the Makefile passes its CHROMIUM).
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# Ignored by git (.gitignore: test-artifacts/).
SCREENSHOTS = PROJECT_ROOT / "test-artifacts" / "screenshots"


def unavailable_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.is_file():
        return f"Chromium not found at {CHROMIUM}: browser tests skipped"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -e '.[dev]'): browser tests skipped"
    return None


def _without_fragment(url: str) -> str:
    return urldefrag(url).url


@dataclass
class ConsoleWatch:
    """Everything a page reports as going wrong: console errors and uncaught exceptions.

    Chromium reports a Content Security Policy violation as a console error ("Applying
    inline style violates the following Content Security Policy directive …"; older
    versions say "Refused to apply …"), so the console is where both kinds show. It also records every document the page shows, so that
    the tests can prove each one went through `assert_page_ok`.
    """

    problems: list[str] = field(default_factory=list)
    visited: list[str] = field(default_factory=list)
    checked: set[str] = field(default_factory=set)
    _allowed: list[re.Pattern] = field(default_factory=list)

    def attach(self, page) -> "ConsoleWatch":
        page.on("console", self._on_console)
        page.on("pageerror", self._on_page_error)
        page.on("framenavigated", self._on_navigated)
        return self

    def _on_console(self, message) -> None:
        if message.type != "error":
            return
        text = message.text
        if any(pattern.search(text) for pattern in self._allowed):
            return
        where = message.location.get("url") or "?"
        self.problems.append(f"console error ({where}): {text}")

    def _on_page_error(self, error) -> None:
        self.problems.append(f"uncaught exception: {error}")

    def _on_navigated(self, frame) -> None:
        if frame.parent_frame is None and frame.url.startswith(("http:", "https:")):
            url = _without_fragment(frame.url)
            if not self.visited or self.visited[-1] != url:
                self.visited.append(url)

    @contextmanager
    def allowing(self, page, pattern: str) -> Iterator[None]:
        """An error the test provokes on purpose (a 404): allowed, and required to happen."""
        compiled = re.compile(pattern)
        self._allowed.append(compiled)
        try:
            with page.expect_console_message(
                lambda message: message.type == "error" and bool(compiled.search(message.text))
            ):
                yield
        finally:
            self._allowed.remove(compiled)

    def unchecked_pages(self) -> list[str]:
        return [url for url in self.visited if url not in self.checked]


_WATCHES: dict[int, ConsoleWatch] = {}


def watch_page(page) -> ConsoleWatch:
    watch = ConsoleWatch().attach(page)
    _WATCHES[id(page)] = watch
    return watch


def forget_page(page) -> ConsoleWatch | None:
    return _WATCHES.pop(id(page), None)


def watch_of(page) -> ConsoleWatch:
    return _WATCHES[id(page)]


def expecting_console_error(page, pattern: str):
    """Allow, and require, one console error matching `pattern` (e.g. a 404 on purpose)."""
    return _WATCHES[id(page)].allowing(page, pattern)


# Our own checks, run in the page. Elements that are not rendered (display: none,
# visibility: hidden, inside aria-hidden) are skipped: no one meets them. Visually hidden
# elements (clipped to one pixel, like our "Filters" heading) still count.
# A form field is labelled by a <label>, aria-label or aria-labelledby with text, or, in a
# data table, by its column header: the only name Django's tabular inlines give their
# fields. Screen readers announce it when the field is reached, but a real <label> or
# aria-label would be better; see the report of the browser-tests issue. Likewise the
# search box inside select2's multiple-choice widget counts as labelled when the <select>
# it replaces is.
ACCESSIBILITY_SCRIPT = """
() => {
  const problems = [];
  const shown = (el) => el.checkVisibility({visibilityProperty: true}) && !el.closest('[aria-hidden="true"]');
  const snippet = (el) => el.outerHTML.replace(/\\s+/g, ' ').slice(0, 200);
  // The text a screen reader would read for an element: its text, images' alt, aria-label.
  const textOf = (node) => {
    if (node.nodeType === Node.TEXT_NODE) return node.data;
    if (node.nodeType !== Node.ELEMENT_NODE || node.getAttribute('aria-hidden') === 'true') return '';
    const label = (node.getAttribute('aria-label') || '').trim();
    if (label) return label;
    if (node.tagName === 'IMG') return node.getAttribute('alt') || '';
    return Array.from(node.childNodes, textOf).join('');
  };
  const text = (el) => (el ? textOf(el).replace(/\\s+/g, ' ').trim() : '');

  if (!document.documentElement.getAttribute('lang')) problems.push('<html> has no lang attribute');
  if (!document.title.trim()) problems.push('the page has no <title>');

  const named = (el) => {
    if ((el.getAttribute('aria-label') || '').trim()) return true;
    const labelledby = (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
    if (labelledby.some((id) => text(document.getElementById(id)))) return true;
    if (Array.from(el.labels || []).some((label) => text(label))) return true;
    return Boolean(columnHeader(el));
  };
  // A field in a data table's cell is announced with its column header. Django's tabular
  // inlines name their fields only that way (no <label>); we accept it, and no less.
  const columnHeader = (el) => {
    const cell = el.closest('td');
    const table = cell && cell.closest('table');
    if (!table || !table.tHead) return '';
    let column = 0;
    for (let sibling = cell.previousElementSibling; sibling; sibling = sibling.previousElementSibling) {
      column += sibling.colSpan || 1;
    }
    const headerRow = table.tHead.rows[table.tHead.rows.length - 1];
    let position = 0;
    for (const header of headerRow ? headerRow.cells : []) {
      if (position === column) return text(header);
      position += header.colSpan || 1;
    }
    return '';
  };
  // The search box of select2 (the autocomplete widget Django's admin ships) has no name
  // of its own in the version Django vendors; it stands for the <select> before it, which
  // must then be labelled.
  const replacesLabelledSelect = (el) => {
    const container = el.classList.contains('select2-search__field') && el.closest('.select2-container');
    const select = container && container.previousElementSibling;
    return Boolean(select && select.tagName === 'SELECT' && named(select));
  };
  const buttonTypes = ['hidden', 'submit', 'button', 'reset'];
  for (const el of document.querySelectorAll('input, select, textarea')) {
    if (buttonTypes.includes(el.type) || !shown(el)) continue;
    if (el.type === 'image') {
      if (!(el.getAttribute('alt') || '').trim()) problems.push('image button without alt text: ' + snippet(el));
    } else if (!named(el) && !replacesLabelledSelect(el)) {
      problems.push('form field without a label: ' + snippet(el));
    }
  }

  for (const img of document.querySelectorAll('img')) {
    if (!img.hasAttribute('alt')) problems.push('image without alt text: ' + snippet(img));
  }
  for (const svg of document.querySelectorAll('svg[role="img"]')) {
    const title = svg.querySelector(':scope > title');
    if (!text(title) && !named(svg)) problems.push('svg image without a text alternative: ' + snippet(svg));
  }

  const headings = Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6')).filter(shown);
  if (!headings.some((h) => h.tagName === 'H1')) problems.push('no <h1> on the page');
  let previous = 0;
  for (const heading of headings) {
    const level = Number(heading.tagName[1]);
    if (!text(heading)) problems.push('empty heading: ' + snippet(heading));
    if (level > previous + 1) {
      const after = previous ? 'h' + previous : 'the start of the page';
      problems.push('heading level skipped: h' + level + ' “' + text(heading) + '” comes after ' + after);
    }
    previous = level;
  }
  return problems;
}
"""


def accessibility_problems(page) -> list[str]:
    return page.evaluate(ACCESSIBILITY_SCRIPT)


def assert_page_ok(page) -> None:
    """The page has loaded with no console error or CSP violation, and passes our checks."""
    page.wait_for_load_state("load")
    watch = _WATCHES[id(page)]
    url = _without_fragment(page.url)
    assert not watch.problems, f"{url} reported:\n" + "\n".join(watch.problems)
    problems = accessibility_problems(page)
    assert not problems, f"Accessibility problems on {url}:\n" + "\n".join(problems)
    watch.checked.add(url)


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page is wider than the window (0: no sideways scrolling)."""
    return page.evaluate(
        "() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)"
    )


def read_csv_download(download) -> list[dict[str, str]]:
    """The rows of a downloaded CSV file, keyed by header, checking the UTF-8 BOM."""
    return csv_records(Path(download.path()).read_bytes())
