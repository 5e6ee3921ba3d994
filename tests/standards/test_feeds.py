"""Standards' status changes as Atom (all, and one standard's), and the standard's JSON-LD."""

import datetime

import pytest

from standards.models import StandardStatus
from tests.directory.factories import make_organization
from tests.feeds_support import alternates, json_ld_of, read_feed
from tests.standards.factories import make_drafting_role, make_milestone, make_standard
from tests.support import link_to


@pytest.fixture
def standards(db):
    standard = make_standard(
        code="T/CNESA 1006—2025",
        title="Sodium cells",
        slug="sodium-cells",
        published_on=datetime.date(2025, 9, 1),
        issuing_body=make_organization(name="CNESA", slug="cnesa"),
    )
    drafting = make_milestone(
        standard=standard, status=StandardStatus.DRAFTING, date=datetime.date(2025, 3, 1)
    )
    published = make_milestone(
        standard=standard, status=StandardStatus.PUBLISHED, date=datetime.date(2025, 9, 1)
    )
    draft = make_standard(code="T/HIDDEN 9-2030", title="Secret", slug="secret", published=False)
    make_milestone(standard=draft, status=StandardStatus.PROPOSED, note="Secret note")
    return {"standard": standard, "milestones": [drafting, published], "draft": draft}


@pytest.mark.django_db
class TestStatusFeeds:
    def test_each_milestone_is_an_entry_and_no_draft_appears(self, client, standards):
        feed = read_feed(client, "/standards/feed.atom")
        ids = [entry.id for entry in feed.entries]
        assert ids == [
            f"tag:sodium-registry,2026:status-milestone/{m.pk}"
            for m in reversed(standards["milestones"])
        ]
        assert "T/CNESA 1006—2025 Sodium cells: Published on 2025-09-01" in feed.entries[0].title
        assert feed.entries[0].link.endswith(
            f"/standards/sodium-cells/#milestone-{standards['milestones'][1].pk}"
        )
        assert "Secret" not in str(feed)

    def test_one_standards_feed_follows_that_standard(self, client, standards):
        other = make_standard(title="Other standard")
        make_milestone(standard=other)
        feed = read_feed(client, "/standards/sodium-cells/feed.atom")
        assert [e.title.split(": ")[1] for e in feed.entries] == [
            "Published on 2025-09-01",
            "Drafting on 2025-03-01",
        ]
        assert feed.feed.id == f"tag:sodium-registry,2026:feed/standard/{standards['standard'].pk}"

    def test_an_edit_keeps_the_id(self, client, standards):
        milestone = standards["milestones"][0]
        before = read_feed(client, "/standards/sodium-cells/feed.atom")
        milestone.note = "Corrected"
        milestone.save()
        standards["standard"].slug = "renamed"
        standards["standard"].save()
        after = read_feed(client, "/standards/renamed/feed.atom")
        assert [e.id for e in after.entries] == [e.id for e in before.entries]

    def test_a_draft_standard_has_no_feed(self, client, standards):
        assert client.get("/standards/secret/feed.atom").status_code == 404

    def test_linked_from_the_list_and_the_standard_page(self, client, standards):
        page = client.get("/standards/sodium-cells/")
        assert alternates(page)["application/atom+xml"] == [
            "/standards/sodium-cells/feed.atom",
            "/standards/feed.atom",
        ]
        assert link_to(page, "/standards/sodium-cells/feed.atom")
        assert link_to(client.get("/standards/"), "/standards/feed.atom")


@pytest.mark.django_db
def test_the_standard_page_describes_the_standard_as_json_ld(client, standards):
    make_drafting_role(standard=standards["standard"], organization=make_organization(name="Lab"))
    data = json_ld_of(client.get("/standards/sodium-cells/"))
    assert data["@type"] == "CreativeWork"
    assert data["identifier"] == "T/CNESA 1006—2025"
    assert data["datePublished"] == "2025-09-01"
    assert data["publisher"]["name"] == "CNESA"
    assert [creator["name"] for creator in data["creator"]] == ["Lab"]
