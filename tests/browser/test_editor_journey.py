"""An editor's journey in a real browser: a forum edition from draft to published.

The admin has no nested inlines, so the editor works as the admin lets them: the forum
with a session inline, then the session (its talks inline), then the talk (its speakers
inline, the organization picked with the select2 autocomplete). A reader, in a browser
context of their own, sees nothing of the draft and everything once it is published.
"""

import re

import pytest

from tests.browser.support import assert_page_ok, expecting_console_error, read_csv_download

expect = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed: browser tests skipped"
).expect

pytestmark = pytest.mark.browser

FORUM_TITLE = "2026 Sodium Ion Battery Forum in Hefei"
FORUM_SLUG = "2026-sodium-ion-battery-forum-in-hefei"
SESSION_TITLE = "Thematic forum on two-wheelers"
TALK_TITLE = "Sodium-ion cells for electric two-wheelers"
HANHANG = "Shanghai Hanhang Technology Co., Ltd."
SERIES = "Sodium Ion Battery Industry Chain and Standards Development Forum"
SOURCE = "2025 Sodium Ion Battery Industry Chain and Standards Development Forum Opens in Weihai (NenPower)"


def choose_autocomplete(page, select_id: str, typed: str, option: str) -> None:
    """Pick `option` in the select2 autocomplete that replaces the <select id=select_id>."""
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    search = page.locator(".select2-container--open .select2-search__field")
    search.fill(typed)
    # The options come from the admin's autocomplete view; wait for the one we want.
    page.locator(".select2-container--open").get_by_role("option", name=option, exact=True).click()
    expect(page.locator(f"#select2-{select_id}-container")).to_contain_text(option)
    expect(page.locator(f"#{select_id}")).not_to_have_value("")


def save_and_continue(page) -> None:
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_contain_text("successfully")
    expect(page.locator(".errornote")).to_have_count(0)
    assert_page_ok(page)


def test_editor_publishes_a_forum_that_readers_see_only_once_published(open_page, editor_login):
    from forums.models import Forum, TalkSpeaker

    username, password = editor_login
    editor = open_page()
    reader = open_page()

    # Log in: the admin sends an anonymous visitor to its login page first.
    editor.goto("/admin/")
    editor.wait_for_url(re.compile(r"/admin/login/"))
    assert_page_ok(editor)
    editor.get_by_label("Username:", exact=True).fill(username)
    editor.get_by_label("Password:", exact=True).fill(password)
    editor.get_by_role("button", name="Log in").click()
    expect(editor.get_by_role("heading", level=1)).to_have_text("Content")
    assert_page_ok(editor)

    # The forum, with one session inline.
    editor.locator("tr.model-forum").get_by_role("link", name="Forums", exact=True).click()
    assert_page_ok(editor)
    editor.get_by_role("link", name="Add forum").click()
    expect(editor.get_by_role("heading", level=1)).to_have_text("Add forum")
    assert_page_ok(editor)
    choose_autocomplete(editor, "id_series", "Standards Development", SERIES)
    editor.get_by_label("Edition number:", exact=True).fill("5")
    editor.get_by_label("Title:", exact=True).press_sequentially(FORUM_TITLE)
    # The slug fills itself from the title.
    expect(editor.get_by_label("Slug:", exact=True)).to_have_value(FORUM_SLUG)
    editor.get_by_label("Start date:", exact=True).fill("2026-09-24")
    editor.get_by_label("City:", exact=True).fill("Hefei")
    # Publishing needs a source: the editor cites the article the facts come from.
    choose_autocomplete(editor, "id_source", "Opens in Weihai", SOURCE)
    expect(editor.get_by_label("Visibility:", exact=True)).to_have_value("draft")
    editor.get_by_role("button", name=re.compile(r"Add another session", re.IGNORECASE)).click()
    editor.locator("#id_sessions-0-title").fill(SESSION_TITLE)
    editor.locator("#id_sessions-0-kind").select_option(label="Thematic forum")
    save_and_continue(editor)
    forum = Forum.objects.get(slug=FORUM_SLUG)
    assert not forum.is_public

    # The session, with one talk inline.
    sessions = editor.locator("#sessions-group")
    expect(sessions.locator("#id_sessions-0-title")).to_have_value(SESSION_TITLE)
    sessions.get_by_role("link", name="Change").click()
    expect(editor.get_by_role("heading", level=1)).to_have_text("Change session")
    assert_page_ok(editor)
    editor.get_by_role("button", name=re.compile(r"Add another talk", re.IGNORECASE)).click()
    editor.locator("#id_talks-0-title").fill(TALK_TITLE)
    editor.locator("#id_talks-0-kind").select_option(label="Keynote report")
    save_and_continue(editor)

    # The talk, with its speaker's organization picked by autocomplete.
    editor.locator("#talks-group").get_by_role("link", name="Change").click()
    expect(editor.get_by_role("heading", level=1)).to_have_text("Change talk")
    assert_page_ok(editor)
    editor.get_by_role(
        "button", name=re.compile(r"Add another talk speaker", re.IGNORECASE)
    ).click()
    choose_autocomplete(editor, "id_speakers-0-organization", "Hanhang", HANHANG)
    editor.locator("#id_speakers-0-position").fill("Chief engineer")
    save_and_continue(editor)
    speaker = TalkSpeaker.objects.select_related("talk", "organization").get(talk__forum=forum)
    assert (speaker.talk.title, speaker.organization.name, speaker.position) == (
        TALK_TITLE,
        HANHANG,
        "Chief engineer",
    )

    # Staff preview the draft, with its banner.
    editor.goto(f"/forums/{FORUM_SLUG}/")
    expect(editor.get_by_role("status")).to_contain_text("Draft — only staff can see this page")
    assert_page_ok(editor)

    # A reader sees nothing of the draft: not in the list, not in search, no page.
    reader.goto("/forums/")
    expect(reader.locator(".count")).to_have_text("1 forum")
    expect(reader.get_by_role("link", name=FORUM_TITLE)).to_have_count(0)
    assert_page_ok(reader)
    reader.goto("/search/?q=Hefei")
    expect(reader.get_by_role("main")).to_contain_text("Nothing found for “Hefei”")
    assert_page_ok(reader)
    with expecting_console_error(reader, r"status of 404 \(Not Found\)"):
        response = reader.goto(f"/forums/{FORUM_SLUG}/")
    assert response.status == 404
    expect(reader.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_page_ok(reader)

    # Publish it with the changelist action.
    editor.goto("/admin/forums/forum/")
    assert_page_ok(editor)
    editor.get_by_role("checkbox", name=re.compile(re.escape(FORUM_TITLE))).check()
    editor.get_by_role("combobox", name=re.compile(r"^Action:")).select_option(
        label="Publish selected forums"
    )
    editor.get_by_role("button", name="Run").click()
    expect(editor.locator(".messagelist .success")).to_have_text("Published: 1 forum.")
    assert_page_ok(editor)
    forum.refresh_from_db()
    assert forum.is_public

    # Now the reader finds it, with its session, talk and speaker's organization.
    reader.goto("/forums/")
    expect(reader.locator(".count")).to_have_text("2 forums")
    assert_page_ok(reader)
    reader.get_by_role("link", name=FORUM_TITLE).click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(FORUM_TITLE)
    expect(reader.get_by_role("status")).to_have_count(0)  # no draft banner
    session = reader.get_by_role("region", name=re.compile(SESSION_TITLE))
    expect(session).to_contain_text(TALK_TITLE)
    assert_page_ok(reader)
    session.get_by_role("link", name=HANHANG).click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(HANHANG)
    expect(reader.get_by_role("link", name=TALK_TITLE)).to_be_visible()
    assert_page_ok(reader)

    # The editor exports the forums changelist: both forums, ours with its facts.
    editor.goto("/admin/forums/forum/")
    assert_page_ok(editor)
    with editor.expect_download() as download_info:
        editor.get_by_role("link", name="Export 2 as CSV").click()
    download = download_info.value
    assert re.fullmatch(r"forums-\d{4}-\d{2}-\d{2}\.csv", download.suggested_filename)
    rows = {row["Title"]: row for row in read_csv_download(download)}
    assert set(rows) == {
        FORUM_TITLE,
        "2025 Sodium Ion Battery Industry Chain and Standards Development Forum",
    }
    ours = rows[FORUM_TITLE]
    assert (ours["Series"], ours["Edition"], ours["Start date"], ours["City"]) == (
        SERIES,
        "5",
        "2026-09-24",
        "Hefei",
    )
