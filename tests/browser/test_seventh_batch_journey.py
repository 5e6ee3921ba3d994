"""Issue 17's journey in a real browser: an editor records a seventh general-evaluation
batch with five results of organizations already on record, and publishes it, counting
every click.

Every click, check and select the test makes goes through Playwright's Locator and
Page methods, which are wrapped here to count them (the select2 helper's clicks
included); the browser, for its part, counts the trusted clicks it receives, so that
none goes uncounted. Before the faster entry, this took 30 clicks, 11 typed fields and
3 pop-ups.
"""

import re

import pytest

from tests.browser.support import assert_page_ok
from tests.browser.test_editor_journey import SOURCE, choose_autocomplete

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed: browser tests skipped"
)
expect = sync_api.expect

pytestmark = pytest.mark.browser

MAX_CLICKS = 12
PROGRAM = "Sodium ion battery evaluation"
FORUM = "2025 Sodium Ion Battery Industry Chain and Standards Development Forum"
# As an editor would paste them from an announcement: names and aliases, not alphabetical.
PASTED = [
    "Zhejiang Tianneng Sodium Battery Technology Co., Ltd.",
    "Hanhang Technology",
    "Ningde Times New Energy Technology Co., Ltd.",
    "China Sodium Energy",
    "Haicheng Energy Storage",
]
LISTED = [
    "Zhejiang Tianneng Sodium Battery Technology Co., Ltd.",
    "Shanghai Hanhang Technology Co., Ltd.",
    "Ningde Times New Energy Technology Co., Ltd.",
    "China Sodium Energy (Yangzhou) Co., Ltd.",
    "Xiamen Haicheng Energy Storage Technology Co., Ltd.",
]

# Counts the presses the page really receives (made by a person or Playwright's mouse:
# isTrusted), page after page, for the test to compare with its own count.
COUNT_TRUSTED_CLICKS = """
document.addEventListener('pointerdown', (event) => {
  if (event.isTrusted) window.countTrustedClick();
}, true);
"""


@pytest.fixture
def counted(monkeypatch):
    """Wraps every Playwright call that clicks or selects, counting them by kind."""
    counts = {"click": 0, "select": 0, "typed": 0}
    wrapped = {
        "click": ["click", "dblclick", "check", "uncheck", "set_checked", "tap"],
        "select": ["select_option"],
        "typed": ["fill", "press_sequentially", "type"],
    }
    for kind, names in wrapped.items():
        for cls in (sync_api.Locator, sync_api.Page):
            for name in names:
                original = getattr(cls, name, None)
                if original is None:  # e.g. press_sequentially is the Locator's only
                    continue

                def counting(self, *args, _original=original, _kind=kind, **kwargs):
                    counts[_kind] += 1
                    return _original(self, *args, **kwargs)

                monkeypatch.setattr(cls, name, counting)
    return counts


def test_an_editor_records_a_seventh_batch_of_five_in_at_most_12_clicks(
    open_page, editor_login, counted
):
    from evaluations.models import EvaluationBatch

    username, password = editor_login
    editor = open_page()
    trusted = []
    editor.expose_function("countTrustedClick", lambda: trusted.append(1))
    editor.add_init_script(COUNT_TRUSTED_CLICKS)

    editor.goto("/admin/login/?next=/admin/")
    assert_page_ok(editor)
    editor.get_by_label("Username:", exact=True).fill(username)
    editor.get_by_label("Password:", exact=True).fill(password)
    editor.get_by_role("button", name="Log in").click()
    expect(editor.get_by_role("heading", level=1)).to_have_text("Content")
    assert_page_ok(editor)
    # The journey starts at the admin index: nothing before it counts.
    counted.update(click=0, select=0, typed=0)
    trusted.clear()

    editor.locator("tr.model-evaluationbatch").get_by_role("link", name="Add").click()
    expect(editor.get_by_role("heading", level=1)).to_have_text("Add evaluation batch")
    assert_page_ok(editor)
    choose_autocomplete(editor, "id_program", "Sodium ion battery", PROGRAM)
    editor.get_by_label("Number:", exact=True).fill("7")
    choose_autocomplete(editor, "id_announced_at", "2025 Sodium", FORUM)
    # Publishing needs a source: the batch cites the article; its results need none.
    choose_autocomplete(editor, "id_source", "Opens in Weihai", SOURCE)
    outcome = editor.get_by_role("group", name="Default outcome")
    outcome.get_by_role("radio", name="Passed", exact=True).check()
    editor.get_by_label("Organizations, one per line:", exact=True).fill("\n".join(PASTED))
    editor.get_by_label("Visibility:", exact=True).select_option(label="Public")
    editor.get_by_role("button", name="Save", exact=True).click()
    expect(editor.locator(".messagelist")).to_contain_text(
        "Added 5 results by pasted names, in that order"
    )
    expect(editor.locator(".errornote")).to_have_count(0)
    assert_page_ok(editor)

    # A drop-down takes two clicks: open it, choose.
    clicks = counted["click"] + 2 * counted["select"]
    assert clicks <= MAX_CLICKS, counted
    # The page was pressed exactly as often as the test clicked (Playwright chooses a
    # drop-down's option without pressing it: counted as two clicks above).
    assert len(trusted) == counted["click"], (len(trusted), counted)
    # The typed fields: three autocomplete searches, the number, the paste.
    assert counted["typed"] == 5, counted
    batch = EvaluationBatch.objects.get(program__slug="sodium-ion-battery-evaluation", number=7)
    assert batch.is_public
    assert [r.organization.name for r in batch.results.select_related("organization")] == LISTED

    # A reader, in a browser of their own, finds the batch with the five in that order.
    reader = open_page()
    reader.goto(batch.get_absolute_url())
    expect(reader.get_by_role("heading", level=1)).to_have_text(f"{PROGRAM}: batch 7")
    expect(reader.get_by_role("status")).to_have_count(0)  # no draft banner
    rows = reader.get_by_role("table").locator("tbody tr")
    expect(rows).to_have_count(5)
    expect(rows.locator("td:first-child a")).to_have_text(LISTED)
    expect(rows.locator("td:nth-child(3)")).to_have_text([re.compile("Passed")] * 5)
    assert_page_ok(reader)
