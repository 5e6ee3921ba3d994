"""`manage.py load_demo` (sampledata.demo): the Weihai 2025 article as records; create-only."""

import datetime
import io
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

from core.models import ContentVersion, Source, Visibility
from directory.models import Organization, OrganizationKind, Person
from evaluations.models import EvaluationBatch, EvaluationProgram, EvaluationResult, Outcome
from forums.models import (
    Forum,
    OrganizerRoleKind,
    PersonRole,
    PersonRoleKind,
    Session,
    SessionKind,
    Talk,
    TalkKind,
)
from sampledata.demo import DEMO_FILE, DemoFileError
from sampledata.demo import load as load_file
from sampledata.models import DemoRecord
from standards.codes import Mandate
from standards.models import Committee, Standard, StandardLevel

pytestmark = pytest.mark.django_db

CONTENT_APPS = ["core", "directory", "forums", "standards", "evaluations"]
ARTICLE_URL = (
    "https://nenpower.com/blog/"
    "2025-sodium-ion-battery-industry-chain-and-standards-development-forum-opens-in-weihai/"
)
CESI = "China Electronics Technology Standardization Institute"
ALLIANCE = "Zhongguancun Energy Storage Industry Technology Alliance"
MIIT = "Ministry of Industry and Information Technology"
# The article the demo content comes from, beside the project (not in its repository).
ARTICLE_FILE = (
    Path(__file__).resolve().parents[3] / "shared" / "sources" / "2025-weihai-forum-article.txt"
)


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def forum(demo):
    return Forum.objects.get()


def speakers_of(forum, kind):
    """(person, organization, position) of every speaker of the forum's talks of a kind."""
    return [
        (
            speaker.person.name if speaker.person else None,
            speaker.organization.name,
            speaker.position,
        )
        for talk in forum.talks.filter(kind=kind).order_by("order")
        for speaker in talk.speakers.select_related("person", "organization")
    ]


class TestForum:
    def test_when_where_and_which_edition(self, forum):
        assert forum.start_date == datetime.date(2025, 9, 25)
        assert forum.city == "Weihai"
        assert "Shandong" in forum.region
        assert forum.edition_number == 4
        assert (
            forum.series.name == "Sodium Ion Battery Industry Chain and Standards Development Forum"
        )
        assert forum.is_public
        assert forum.made_public_at is not None

    def test_attendance_figures_are_lower_bounds(self, forum):
        # “over 500 representatives from more than 380 entities … over 16,000 viewers online”
        assert (forum.attendees, forum.attendees_is_lower_bound) == (500, True)
        assert (forum.attending_organizations, forum.attending_organizations_is_lower_bound) == (
            380,
            True,
        )
        assert (forum.online_viewers, forum.online_viewers_is_lower_bound) == (16000, True)

    def test_two_organizers_and_one_host(self, forum):
        roles = [
            (role.organization.name, role.role)
            for role in forum.organizer_roles.select_related("organization")
        ]
        assert roles == [
            (CESI, OrganizerRoleKind.ORGANIZER),
            (ALLIANCE, OrganizerRoleKind.ORGANIZER),
            ("Weihai Nanhai New District Management Committee", OrganizerRoleKind.HOST),
        ]

    def test_every_fact_cites_the_article(self, forum):
        source = Source.objects.get()
        assert source.url == ARTICLE_URL
        assert source.publication == "NenPower"
        assert forum.source == source
        assert Standard.objects.get().source == source
        assert all(batch.source == source for batch in EvaluationBatch.objects.all())

    def test_the_agenda(self, forum):
        kinds = list(forum.sessions.order_by("order").values_list("kind", flat=True))
        assert kinds == [
            SessionKind.WORKING_GROUP_MEETING,
            SessionKind.OPENING_CEREMONY,
            SessionKind.THEMATIC_FORUM,
            SessionKind.SUB_FORUM,
            SessionKind.SUB_FORUM,
            SessionKind.STANDARDS_DISCUSSION,
            SessionKind.SITE_VISIT,
        ]
        application = forum.sessions.get(title="Sodium Ion Battery Application Sub-Forum")
        assert {"Datang Group", "Guangxi Electric Power", "Shuangdeng Group"} <= set(
            application.organizations.values_list("name", flat=True)
        )
        industry = forum.sessions.get(title="Sodium Ion Battery Industry Chain Sub-Forum")
        assert set(industry.organizations.values_list("name", flat=True)) == {
            "Wuhan University",
            "Dalian Institute of Chemical Physics, Chinese Academy of Sciences",
            ALLIANCE,
        }

    def test_the_working_group_met_the_day_before_the_opening(self, forum):
        meeting = Session.objects.get(kind=SessionKind.WORKING_GROUP_MEETING)
        assert meeting.forum == forum
        assert meeting.date == datetime.date(2025, 9, 24)
        assert meeting.convened_by.name == MIIT
        assert "13 national and industry standards" in meeting.description
        committee = Committee.objects.get()
        assert list(committee.meetings.all()) == [meeting]
        assert committee.organization.name == MIIT


class TestSpeakers:
    def test_opening_remarks_with_positions_held_then(self, forum):
        assert speakers_of(forum, TalkKind.OPENING_REMARKS) == [
            ("Wang Xun", MIIT, "Researcher"),
            ("Wang Jianchao", "Wendeng District, Weihai", "Deputy District Mayor"),
            (
                "Li Yuhong",
                "China Civil Aviation Science and Technology Research Institute",
                "Director of the Technical Standards Office",
            ),
            ("Luo Wei", "Dalian Dangerous Goods Transport Research Center", "Deputy Director"),
            ("Guo Nan", CESI, "Vice President"),
        ]
        opening = forum.sessions.get(kind=SessionKind.OPENING_CEREMONY)
        assert opening.talks.count() == 5

    def test_reports_with_positions_held_then(self, forum):
        keynote = speakers_of(forum, TalkKind.KEYNOTE_REPORT)
        assert len(keynote) == 1
        name, organization, position = keynote[0]
        assert (name, organization) == ("Li Jinghong", "Tsinghua University")
        assert "Professor" in position
        assert (
            Person.objects.get(name="Li Jinghong").honorific
            == "Academician of the Chinese Academy of Sciences"
        )
        reports = speakers_of(forum, TalkKind.REPORT)
        assert ("Li Shujun", "Beijing Zhongke Haina Technology Co., Ltd.", "General Manager") in (
            reports
        )
        assert ("Deng Liang", "Harbin Institute of Technology", "Associate Researcher") in reports
        assert ("He Penglin", CESI, "Deputy Director") in reports
        assert [name for name, _, _ in reports].count("Wang Qingsong") == 1

    def test_three_companies_showcased_their_products(self, forum):
        assert speakers_of(forum, TalkKind.SHOWCASE) == [
            (None, "Shanghai Hanhang Technology Co., Ltd.", ""),
            (None, "Yadi", ""),
            (None, "China Sodium Energy (Yangzhou) Co., Ltd.", ""),
        ]

    def test_moderators_and_guests(self, forum):
        moderators = forum.person_roles.filter(role=PersonRoleKind.MODERATOR)
        assert {(r.person.name, r.position) for r in moderators} == {
            ("Teng Xinqiang", "Deputy Secretary"),
            ("Liu Wei", "Secretary-General"),
        }
        for moderator in moderators:
            assert set(moderator.sessions.values_list("kind", flat=True)) == {
                SessionKind.OPENING_CEREMONY,
                SessionKind.THEMATIC_FORUM,
            }
        guests = forum.person_roles.filter(role=PersonRoleKind.GUEST).select_related(
            "person", "organization"
        )
        assert {r.person.name for r in guests} == {
            "Zhou Yan",
            "Dou Litao",
            "Wang Qingsong",
            "Cao Yuliang",
            "Long Rongke",
            "Xu Jianhai",
        }
        zhou_yan = guests.get(person__name="Zhou Yan")
        assert zhou_yan.position == "Deputy Director of the Electronics Information Department"
        assert zhou_yan.organization.name == (
            "Shandong Provincial Department of Industry and Information Technology"
        )


class TestEvaluations:
    def test_the_basis_standard_is_written_as_the_article_writes_it(self, demo):
        standard = Standard.objects.get()
        assert standard.code == "T/CNESA 1006—2025"  # with its em dash
        assert standard.code_normalized == "t/cnesa1006-2025"
        assert standard.title == "General Specifications for Sodium Ion Batteries"
        assert standard.level == StandardLevel.GROUP
        assert standard.mandate == Mandate.GROUP
        assert standard.is_public

    def test_the_sai_laboratory_of_cesi_ran_every_program(self, demo):
        laboratory = Organization.objects.get(slug="sai-laboratory")
        assert laboratory.kind == OrganizationKind.LABORATORY
        assert laboratory.parent.name == CESI
        assert "SAI Laboratory" in laboratory.alias_list
        programs = EvaluationProgram.objects.all()
        assert programs.count() == 3
        for program in programs:
            assert program.laboratory == laboratory
            assert program.operator.name == CESI
            assert program.basis_standard.code == "T/CNESA 1006—2025"

    @pytest.mark.parametrize(
        ("program", "number", "outcome", "organizations"),
        [
            (
                "Sodium ion battery evaluation",
                6,
                Outcome.PASSED,
                [
                    "Ningde Times New Energy Technology Co., Ltd.",
                    "Xiamen Haicheng Energy Storage Technology Co., Ltd.",
                    "China Sodium Energy (Yangzhou) Co., Ltd.",
                ],
            ),
            (
                "Low-temperature performance evaluation",
                1,
                Outcome.PARTICIPATED,
                [
                    "Shanghai Hanhang Technology Co., Ltd.",
                    "Ningde Times New Energy Technology Co., Ltd.",
                    "Zhejiang Tianneng Sodium Battery Technology Co., Ltd.",
                    "Shanxi Huanan Xinneng Technology Co., Ltd.",
                    "Dalian Institute of Chemical Physics, Chinese Academy of Sciences",
                ],
            ),
            (
                "1,000-cycle life evaluation",
                2,
                Outcome.COMPLETED,
                ["Hunan Desay Battery Co., Ltd."],
            ),
        ],
    )
    def test_each_program_batch_its_organizations_and_outcome(
        self, forum, program, number, outcome, organizations
    ):
        batch = EvaluationBatch.objects.get(program__name=program)
        assert batch.number == number
        assert batch.announced_at == forum
        assert batch.is_public
        results = list(batch.results.order_by("order").select_related("organization"))
        assert [r.organization.name for r in results] == organizations
        assert {r.outcome for r in results} == {outcome}
        assert all(r.product == "" and not r.is_withdrawn for r in results)

    def test_no_other_results(self, demo):
        assert EvaluationResult.objects.count() == 3 + 5 + 1


def is_history(model) -> bool:
    return hasattr(model, "instance_type")  # django-simple-history's record of earlier versions


def snapshot(*, history: bool = True) -> dict:
    """Every row of every content table, many-to-many links (and history) included.

    The content version is left out: it is the page cache's counter of edits, not content.
    """
    rows = {}
    for app_label in CONTENT_APPS:
        for model in apps.get_app_config(app_label).get_models(include_auto_created=True):
            if model is ContentVersion:
                continue
            if history or not is_history(model):
                rows[model._meta.label] = list(model.objects.order_by("pk").values())
    return rows


DEMO_RECORDS = 118  # 1 source, 35 organizations, 17 people, …, 9 evaluation results


class TestCreateOnly:
    """load_demo creates what is missing and never changes a record that exists."""

    def test_first_run_reports_what_it_created(self, db):
        output = load_demo()
        assert f"Created {DEMO_RECORDS} records; 0 skipped." in output
        assert "Created 0 records" not in output
        assert "Organizations: 35 created" in output
        assert Forum.objects.count() == 1

    def test_second_run_creates_nothing_and_touches_nothing(self, demo):
        before = snapshot()
        assert sum(len(table) for table in before.values()) > 100
        output = load_demo()
        assert f"Created 0 records; skipped {DEMO_RECORDS} that already exist." in output
        assert "Organizations: 35 skipped" in output
        after = snapshot()
        # Every row, every field (updated_at and made_public_at included) is as it was.
        assert after == before

    def test_an_edited_record_survives_a_second_run(self, demo):
        # Replaces the old "a run repairs an edited fact" test: load_demo used to write
        # the file's values over an editor's; now an editor's change always stands.
        organization = Organization.objects.get(slug="yadi")
        organization.name = "Yadi Technology Group Co., Ltd."
        organization.aliases = "Yadi"
        organization.save()  # as the admin saves it: a new updated_at, a history entry
        before = snapshot()
        output = load_demo()
        assert f"Created 0 records; skipped {DEMO_RECORDS} that already exist." in output
        organization.refresh_from_db()
        assert organization.name == "Yadi Technology Group Co., Ltd."
        assert organization.alias_list == ["Yadi"]
        assert snapshot() == before

    def test_links_an_editor_removed_stay_removed(self, demo):
        application = Session.objects.get(title="Sodium Ion Battery Application Sub-Forum")
        application.organizations.remove(Organization.objects.get(slug="datang-group"))
        before = snapshot()
        load_demo()
        assert not application.organizations.filter(slug="datang-group").exists()
        assert snapshot() == before

    def test_a_run_restores_a_missing_record(self, demo):
        EvaluationResult.objects.filter(organization__slug="hunan-desay-battery").delete()
        output = load_demo()
        assert f"Created 1 record; skipped {DEMO_RECORDS - 1} that already exist." in output
        assert "Evaluation results: 1 created, 8 skipped" in output
        assert EvaluationResult.objects.filter(
            organization__slug="hunan-desay-battery", batch__number=2
        ).exists()

    def test_a_forum_an_editor_made_a_draft_stays_a_draft(self, demo):
        # Replaces "the forum stays published": load_demo used to make it public again.
        first = Forum.objects.get().made_public_at
        Forum.objects.update(visibility=Visibility.DRAFT)
        load_demo()
        forum = Forum.objects.get()
        assert not forum.is_public
        assert forum.made_public_at == first

    def test_verbosity_2_names_each_record(self, demo):
        out = io.StringIO()
        call_command("load_demo", stdout=out, verbosity=2)
        assert "skipped: organization “Yadi”" in out.getvalue()


FORUM = "2025-weihai-sodium-ion-battery-forum"


# Edits an editor may make in the admin to the fields a record was first matched by
# (its natural key, or its slug), each with what shows that the edit stands.


def retitle_the_opening_ceremony():
    session = Session.objects.get(title="Opening ceremony")
    session.title = "Opening ceremony and welcome"
    session.save()


def opening_ceremony_titles():
    return list(
        Session.objects.filter(kind=SessionKind.OPENING_CEREMONY).values_list("title", flat=True)
    )


def move_the_keynote_forward():
    talk = Talk.objects.get(kind=TalkKind.KEYNOTE_REPORT)
    talk.order = 6
    talk.save()


def keynote_orders():
    return list(Talk.objects.filter(kind=TalkKind.KEYNOTE_REPORT).values_list("order", flat=True))


def make_a_guest_a_moderator():
    role = PersonRole.objects.get(person__slug="zhou-yan")
    role.role = PersonRoleKind.MODERATOR
    role.save()


def zhou_yans_roles():
    return list(PersonRole.objects.filter(person__slug="zhou-yan").values_list("role", flat=True))


def name_a_results_product():
    result = EvaluationResult.objects.get(organization__slug="hunan-desay-battery")
    result.product = "DS-280 sodium ion cell"
    result.save()


def hunan_desays_products():
    results = EvaluationResult.objects.filter(organization__slug="hunan-desay-battery")
    return list(results.values_list("product", flat=True))


def change_an_organizations_slug():
    organization = Organization.objects.get(slug="yadi")
    organization.slug = "yadi-technology"
    organization.save()


def yadis_slugs():
    return list(Organization.objects.filter(name="Yadi").values_list("slug", flat=True))


class TestLedger:
    """load_demo finds its records again by the data file's names for them (DemoRecord),
    so a change to the very fields it first matched them by makes no duplicate."""

    @pytest.mark.parametrize(
        ("edit", "edited", "after"),
        [
            (
                retitle_the_opening_ceremony,
                opening_ceremony_titles,
                ["Opening ceremony and welcome"],
            ),
            (move_the_keynote_forward, keynote_orders, [6]),
            (make_a_guest_a_moderator, zhou_yans_roles, [PersonRoleKind.MODERATOR]),
            (name_a_results_product, hunan_desays_products, ["DS-280 sodium ion cell"]),
            (change_an_organizations_slug, yadis_slugs, ["yadi-technology"]),
        ],
    )
    def test_an_edit_to_what_a_record_was_matched_by_stands_and_makes_no_duplicate(
        self, demo, edit, edited, after
    ):
        edit()  # saved as the admin saves it
        assert edited() == after
        before = snapshot()
        output = load_demo()
        assert f"Created 0 records; skipped {DEMO_RECORDS} that already exist." in output
        # One record, still as the editor left it: no original created again beside it.
        assert edited() == after
        assert snapshot() == before

    def test_the_ledger_names_each_record_by_the_data_files_names(self, demo):
        assert DemoRecord.objects.count() == DEMO_RECORDS
        assert all(row.record is not None for row in DemoRecord.objects.all())
        opening = DemoRecord.objects.get(key=f"session:{FORUM}/opening").record
        assert opening == Session.objects.get(kind=SessionKind.OPENING_CEREMONY)
        result = DemoRecord.objects.get(
            key="evaluation_result:cycle-life-1000-evaluation/2/hunan-desay-battery"
        ).record
        assert result.organization.slug == "hunan-desay-battery"

    def test_a_second_run_leaves_the_ledger_as_it_was(self, demo):
        before = list(DemoRecord.objects.order_by("pk").values())
        load_demo()
        assert list(DemoRecord.objects.order_by("pk").values()) == before

    def test_a_database_loaded_before_the_ledger_is_matched_as_before_and_recorded(self, demo):
        DemoRecord.objects.all().delete()
        before, version = snapshot(), ContentVersion.current()
        output = load_demo()
        assert f"Created 0 records; skipped {DEMO_RECORDS} that already exist." in output
        assert snapshot() == before
        assert DemoRecord.objects.count() == DEMO_RECORDS
        # The ledger is not content: writing it retires no cached page.
        assert ContentVersion.current() == version
        # Recorded now, so an edit from here on makes no duplicate either.
        retitle_the_opening_ceremony()
        load_demo()
        assert opening_ceremony_titles() == ["Opening ceremony and welcome"]

    def test_a_restored_record_is_recorded_anew(self, demo):
        EvaluationResult.objects.filter(organization__slug="hunan-desay-battery").delete()
        assert "Created 1 record;" in load_demo()
        restored = EvaluationResult.objects.get(organization__slug="hunan-desay-battery")
        key = "evaluation_result:cycle-life-1000-evaluation/2/hunan-desay-battery"
        assert DemoRecord.objects.get(key=key).record == restored
        before = snapshot()
        assert f"Created 0 records; skipped {DEMO_RECORDS} that already exist." in load_demo()
        assert snapshot() == before


TWO_TALKS_IN_ONE_PLACE = """\
[source]
url = "u"
title = "t"
[organizations.o]
name = "O"
kind = "company"
[forum_series.s]
name = "S"
[forums.f]
series = "s"
title = "F"
start_date = 2025-01-01
[[talks]]
forum = "f"
order = 1
title = "A"
kind = "report"
speakers = [{organization = "o"}]
[[talks]]
forum = "f"
order = 1
title = "B"
kind = "report"
speakers = [{organization = "o"}]
"""


class TestDataFile:
    """The data file reads as the article does, and the loader refuses what it can't use."""

    def test_every_quote_is_the_articles_own_words_on_the_line_it_names(self):
        if not ARTICLE_FILE.exists():
            pytest.skip(f"The article is not at {ARTICLE_FILE}")
        article = ARTICLE_FILE.read_text(encoding="utf-8").split("\n")
        checked = 0
        for block in comment_blocks(DEMO_FILE.read_text(encoding="utf-8")):
            lines = set()
            for first, last, also in re.findall(LINE_REFERENCE, block):
                lines.update(range(int(first), int(last or first) + 1))
                if also:
                    lines.add(int(also))
            text = " ".join(" ".join(article[n - 1].split()) for n in lines if n <= len(article))
            for piece in quoted_pieces(block):
                assert piece in text, (piece, sorted(lines))
                checked += 1
        assert checked > 50

    @pytest.mark.parametrize(
        ("toml", "message"),
        [
            ('[source]\nurl = "u"\ntitle = "t"\nauthor = "a"\n', "source: unknown field"),
            ('[source]\nurl = "u"\n', "source: missing title"),
            ('[organisations.x]\nname = "X"\n', "unknown sections organisations"),
            (
                '[source]\nurl = "u"\ntitle = "t"\n[organizations.x]\nname = "X"\nkind = "firm"\n',
                "organizations.x: 'firm' is not one of company",
            ),
            (
                '[source]\nurl = "u"\ntitle = "t"\n[organizations.x]\nname = "X"\n'
                'kind = "company"\nparent = "y"\n',
                "organizations.x: no organizations entry 'y' above",
            ),
            (TWO_TALKS_IN_ONE_PLACE, "two entries are the same demo record 'talk:f/1'"),
        ],
    )
    def test_refuses_what_it_cannot_use_and_writes_nothing(self, tmp_path, toml, message):
        path = tmp_path / "demo.toml"
        path.write_text(toml, encoding="utf-8")
        with pytest.raises(DemoFileError, match=re.escape(message)):
            load_file(path)
        assert not Source.objects.exists()


LINE_REFERENCE = r"\b[Ll]ines? (\d+)(?:-(\d+))?(?: and (\d+))?"


def comment_blocks(text: str) -> list[str]:
    """Each run of comment lines, joined into one line."""
    blocks, block = [], []
    for line in [*text.splitlines(), ""]:
        if line.startswith("#"):
            block.append(line.lstrip("#").strip())
        elif block:
            blocks.append(" ".join(block))
            block = []
    return blocks


def quoted_pieces(block: str) -> list[str]:
    """The quoted words of a comment, cut where it leaves words out (…)."""
    return [
        piece.strip(" ,.")
        for quote in re.findall(r'"([^"]+)"', block)
        for piece in quote.split("…")
        if len(piece.strip(" ,.")) > 2
    ]
