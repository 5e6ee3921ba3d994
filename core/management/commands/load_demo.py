"""Load the demo content: everything the Weihai 2025 forum article states, as records.

Every fact below comes from ../shared/sources/2025-weihai-forum-article.txt; where the
article gives no code, date or position, the field stays empty. Running it again
changes nothing: records are matched by slug (or their natural key) and saved only
when a value differs.
"""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction

from core.models import Source, Visibility
from directory.models import Organization, OrganizationKind, Person
from evaluations.models import EvaluationBatch, EvaluationProgram, EvaluationResult, Outcome
from forums.models import (
    Forum,
    ForumSeries,
    OrganizerRole,
    OrganizerRoleKind,
    PersonRole,
    PersonRoleKind,
    Session,
    SessionKind,
    Talk,
    TalkKind,
    TalkSpeaker,
)
from standards.models import Committee, CommitteeKind, Standard, StandardLevel, StandardStatus

ARTICLE = {
    "title": "2025 Sodium Ion Battery Industry Chain and Standards Development Forum Opens in Weihai",
    "publication": "NenPower",
    "url": "https://nenpower.com/blog/2025-sodium-ion-battery-industry-chain-and-standards-development-forum-opens-in-weihai/",
}

K = OrganizationKind
SHANDONG = "Shandong, China"

# slug: (name, kind, region, parent slug, aliases)
ORGANIZATIONS = {
    "china-electronics-technology-standardization-institute": (
        "China Electronics Technology Standardization Institute",
        K.RESEARCH_INSTITUTE,
        "",
        "",
        "",
    ),
    "sai-laboratory": (
        "SAI Laboratory, China Electronics Technology Standardization Institute",
        K.LABORATORY,
        "",
        "china-electronics-technology-standardization-institute",
        "SAI Laboratory",
    ),
    "zhongguancun-energy-storage-industry-technology-alliance": (
        "Zhongguancun Energy Storage Industry Technology Alliance",
        K.ASSOCIATION,
        "",
        "",
        "",
    ),
    "weihai-nanhai-new-district-management-committee": (
        "Weihai Nanhai New District Management Committee",
        K.GOVERNMENT_AGENCY,
        SHANDONG,
        "",
        "",
    ),
    "weihai-nanhai-new-district-party-committee": (
        "Nanhai New District Party Committee, Weihai",
        K.GOVERNMENT_AGENCY,
        SHANDONG,
        "",
        "",
    ),
    "ministry-of-industry-and-information-technology": (
        "Ministry of Industry and Information Technology",
        K.GOVERNMENT_AGENCY,
        "China",
        "",
        "",
    ),
    "wendeng-district-government": (
        "Wendeng District, Weihai",
        K.GOVERNMENT_AGENCY,
        SHANDONG,
        "",
        "",
    ),
    "wendeng-district-industrial-and-information-technology-bureau": (
        "Industrial and Information Technology Bureau of Wendeng District",
        K.GOVERNMENT_AGENCY,
        SHANDONG,
        "wendeng-district-government",
        "",
    ),
    "weihai-industrial-and-information-technology-bureau": (
        "Weihai Industrial and Information Technology Bureau",
        K.GOVERNMENT_AGENCY,
        SHANDONG,
        "",
        "",
    ),
    "shandong-provincial-department-of-industry-and-information-technology": (
        "Shandong Provincial Department of Industry and Information Technology",
        K.GOVERNMENT_AGENCY,
        SHANDONG,
        "",
        "",
    ),
    "china-civil-aviation-science-and-technology-research-institute": (
        "China Civil Aviation Science and Technology Research Institute",
        K.RESEARCH_INSTITUTE,
        "",
        "",
        "",
    ),
    "dalian-dangerous-goods-transport-research-center": (
        "Dalian Dangerous Goods Transport Research Center",
        K.RESEARCH_INSTITUTE,
        "",
        "",
        "",
    ),
    "china-classification-society-wuhan-research-institute": (
        "Wuhan Research Institute of China Classification Society",
        K.RESEARCH_INSTITUTE,
        "",
        "",
        "",
    ),
    "university-of-science-and-technology-of-china": (
        "University of Science and Technology of China",
        K.UNIVERSITY,
        "",
        "",
        "",
    ),
    "wuhan-university": ("Wuhan University", K.UNIVERSITY, "", "", ""),
    "tsinghua-university": ("Tsinghua University", K.UNIVERSITY, "", "", ""),
    "harbin-institute-of-technology": ("Harbin Institute of Technology", K.UNIVERSITY, "", "", ""),
    "chinese-academy-of-sciences": (
        "Chinese Academy of Sciences",
        K.RESEARCH_INSTITUTE,
        "",
        "",
        "",
    ),
    "dalian-institute-of-chemical-physics": (
        "Dalian Institute of Chemical Physics, Chinese Academy of Sciences",
        K.RESEARCH_INSTITUTE,
        "",
        "chinese-academy-of-sciences",
        "Dalian Institute of Chemical Physics",
    ),
    "beijing-zhongke-haina-technology": (
        "Beijing Zhongke Haina Technology Co., Ltd.",
        K.COMPANY,
        "",
        "",
        "",
    ),
    "ningde-times-new-energy-technology": (
        "Ningde Times New Energy Technology Co., Ltd.",
        K.COMPANY,
        "",
        "",
        "",
    ),
    "xiamen-haicheng-energy-storage-technology": (
        "Xiamen Haicheng Energy Storage Technology Co., Ltd.",
        K.COMPANY,
        "",
        "",
        "Haicheng Energy Storage",
    ),
    "china-sodium-energy-yangzhou": (
        "China Sodium Energy (Yangzhou) Co., Ltd.",
        K.COMPANY,
        "",
        "",
        "China Sodium Energy",
    ),
    "shanghai-hanhang-technology": (
        "Shanghai Hanhang Technology Co., Ltd.",
        K.COMPANY,
        "",
        "",
        "Hanhang Technology",
    ),
    "zhejiang-tianneng-sodium-battery-technology": (
        "Zhejiang Tianneng Sodium Battery Technology Co., Ltd.",
        K.COMPANY,
        "",
        "",
        "",
    ),
    "shanxi-huanan-xinneng-technology": (
        "Shanxi Huanan Xinneng Technology Co., Ltd.",
        K.COMPANY,
        "",
        "",
        "",
    ),
    "hunan-desay-battery": ("Hunan Desay Battery Co., Ltd.", K.COMPANY, "", "", ""),
    "yadi": ("Yadi", K.COMPANY, "", "", ""),
    "datang-group": ("Datang Group", K.COMPANY, "", "", ""),
    "guangxi-electric-power": ("Guangxi Electric Power", K.COMPANY, "", "", ""),
    "huana-xinneng": ("Huana Xinneng", K.COMPANY, "", "", ""),
    "huayu-sodium-power": ("Huayu Sodium Power", K.COMPANY, "", "", ""),
    "aoguang-sodium-power": ("Aoguang Sodium Power", K.COMPANY, "", "", ""),
    "shuangdeng-group": ("Shuangdeng Group", K.COMPANY, "", "", ""),
    "xinhai-technology": ("Xinhai Technology", K.COMPANY, "", "", ""),
}

# slug: (name, honorific)
PEOPLE = {
    "wang-xun": ("Wang Xun", ""),
    "wang-jianchao": ("Wang Jianchao", ""),
    "li-yuhong": ("Li Yuhong", ""),
    "luo-wei": ("Luo Wei", ""),
    "guo-nan": ("Guo Nan", ""),
    "zhou-yan": ("Zhou Yan", ""),
    "dou-litao": ("Dou Litao", ""),
    "wang-qingsong": ("Wang Qingsong", ""),
    "cao-yuliang": ("Cao Yuliang", ""),
    "long-rongke": ("Long Rongke", ""),
    "xu-jianhai": ("Xu Jianhai", ""),
    "teng-xinqiang": ("Teng Xinqiang", ""),
    "liu-wei": ("Liu Wei", ""),
    "li-jinghong": ("Li Jinghong", "Academician of the Chinese Academy of Sciences"),
    "li-shujun": ("Li Shujun", ""),
    "deng-liang": ("Deng Liang", ""),
    "he-penglin": ("He Penglin", ""),
}

FORUM_SLUG = "2025-weihai-sodium-ion-battery-forum"
FORUM_DATE = datetime.date(2025, 9, 25)

# key: (order, title, kind, date, convened by, description, organizations named)
SESSIONS = {
    "working-group": (
        0,
        "2025 annual meeting of the lithium-ion battery and similar products standard "
        "working group",
        SessionKind.WORKING_GROUP_MEETING,
        datetime.date(2025, 9, 24),
        "ministry-of-industry-and-information-technology",
        "Held by the Ministry of Industry and Information Technology the day before the "
        "opening. It discussed progress on 13 national and industry standards for sodium "
        "batteries, focusing on two international standards and reviewing three national "
        "standards.",
        [],
    ),
    "opening": (1, "Opening ceremony", SessionKind.OPENING_CEREMONY, None, "", "", []),
    "thematic": (2, "Thematic forum", SessionKind.THEMATIC_FORUM, None, "", "", []),
    "industry-chain": (
        3,
        "Sodium Ion Battery Industry Chain Sub-Forum",
        SessionKind.SUB_FORUM,
        None,
        "",
        "Technological breakthroughs and innovative applications in the sodium battery "
        "industry chain: the development progress of mainstream technical routes like "
        "Prussian blue and poly-anions, low-cost material development, wide-temperature "
        "suitability, and intellectual property risk management.",
        [
            "wuhan-university",
            "dalian-institute-of-chemical-physics",
            "zhongguancun-energy-storage-industry-technology-alliance",
        ],
    ),
    "application": (
        4,
        "Sodium Ion Battery Application Sub-Forum",
        SessionKind.SUB_FORUM,
        None,
        "",
        "The transition of sodium batteries from technology research to large-scale market "
        "application: experiences and industrialization cases from the first 100 MWh sodium "
        "energy storage project, two-wheeled vehicles, emergency power supplies for coal "
        "mines, and home energy storage.",
        [
            "datang-group",
            "guangxi-electric-power",
            "huana-xinneng",
            "huayu-sodium-power",
            "xiamen-haicheng-energy-storage-technology",
            "aoguang-sodium-power",
            "shuangdeng-group",
            "xinhai-technology",
        ],
    ),
    "standards": (
        5,
        "Standard discussion sessions",
        SessionKind.STANDARDS_DISCUSSION,
        None,
        "",
        "",
        [],
    ),
    "site-visit": (
        6,
        "Energy storage project inspections",
        SessionKind.SITE_VISIT,
        None,
        "",
        "",
        [],
    ),
}

# (order, session key or "", title, kind, summary, [(person, organization, position)])
TALKS = [
    (
        1,
        "opening",
        "Opening remarks",
        TalkKind.OPENING_REMARKS,
        "",
        [("wang-xun", "ministry-of-industry-and-information-technology", "Researcher")],
    ),
    (
        2,
        "opening",
        "Opening remarks",
        TalkKind.OPENING_REMARKS,
        "",
        [("wang-jianchao", "wendeng-district-government", "Deputy District Mayor")],
    ),
    (
        3,
        "opening",
        "Opening remarks",
        TalkKind.OPENING_REMARKS,
        "",
        [
            (
                "li-yuhong",
                "china-civil-aviation-science-and-technology-research-institute",
                "Director of the Technical Standards Office",
            )
        ],
    ),
    (
        4,
        "opening",
        "Opening remarks",
        TalkKind.OPENING_REMARKS,
        "",
        [("luo-wei", "dalian-dangerous-goods-transport-research-center", "Deputy Director")],
    ),
    (
        5,
        "opening",
        "Opening remarks",
        TalkKind.OPENING_REMARKS,
        "",
        [("guo-nan", "china-electronics-technology-standardization-institute", "Vice President")],
    ),
    (
        10,
        "",
        "High-Power Sodium Ion Batteries",
        TalkKind.KEYNOTE_REPORT,
        "Sodium ion batteries are a significant direction in green energy development. Their "
        "advantages in high power, low-temperature performance, safety and cost-effectiveness "
        "suit hybrid electric vehicles, uninterruptible power supplies (UPS), frequency "
        "modulation energy storage, and replacing lead-acid batteries. Updates on research and "
        "industrialization of high-power sodium ion batteries.",
        [
            (
                "li-jinghong",
                "tsinghua-university",
                "Professor, Department of Chemistry; Academician of the Chinese Academy of Sciences",
            )
        ],
    ),
    (
        11,
        "",
        "Innovation and industrialization practices of sodium ion batteries",
        TalkKind.REPORT,
        "The industry has moved from sample validation to commercial implementation, and its "
        "focus from “price disruption” back to “value creation”. Sodium ion batteries will "
        "enter large-scale application by 2026; as production scales up and energy density "
        "improves, their cost is expected to halve over the next two to three years.",
        [("li-shujun", "beijing-zhongke-haina-technology", "General Manager")],
    ),
    (
        12,
        "",
        "Controlled preparation and performance of poly-anion phosphate cathode "
        "materials for sodium ion batteries",
        TalkKind.REPORT,
        "Poly-anion phosphate materials suit sodium ion batteries for their stable structure and "
        "high safety, across a wide temperature range and high-rate use. The team studied four "
        "types of materials, improving them through morphology control, elemental doping and "
        "surface coating; cathode performance needs matching electrolytes and anodes.",
        [("deng-liang", "harbin-institute-of-technology", "Associate Researcher")],
    ),
    (
        13,
        "",
        "Safety performance of sodium ion batteries compared with lithium batteries",
        TalkKind.REPORT,
        "Eight thermal runaway parameters compared: sodium ion batteries have a lower overall "
        "thermal runaway risk than ternary lithium batteries and a higher likelihood of early "
        "warning, but greater severity than lithium iron phosphate batteries. The conclusions "
        "hold for specific material systems; safety should be evaluated case by case.",
        [("wang-qingsong", "university-of-science-and-technology-of-china", "")],
    ),
    (
        14,
        "",
        "Progress in sodium battery standardization in China and internationally",
        TalkKind.REPORT,
        "China has issued two national standards for sodium ion batteries, with 11 national and "
        "industry standards in development and four China-led international standards being "
        "drafted. Testing data from 44 companies show sodium batteries generally outperform "
        "lithium batteries in low-temperature performance and safety.",
        [
            (
                "he-penglin",
                "china-electronics-technology-standardization-institute",
                "Deputy Director",
            )
        ],
    ),
    (
        20,
        "",
        "Sodium battery materials, cells and system applications",
        TalkKind.SHOWCASE,
        "A comprehensive range of sodium battery materials, cells, and system applications.",
        [("", "shanghai-hanhang-technology", "")],
    ),
    (
        21,
        "",
        "Sodium battery ecology and vehicle empowerment",
        TalkKind.SHOWCASE,
        "Advancements in sodium battery ecology and vehicle empowerment.",
        [("", "yadi", "")],
    ),
    (
        22,
        "",
        "Sodium batteries in integrated source-grid-load-storage smart energy projects",
        TalkKind.SHOWCASE,
        "Efficient applications of sodium batteries in integrated smart energy projects "
        "involving source, grid, load, and storage.",
        [("", "china-sodium-energy-yangzhou", "")],
    ),
    (
        30,
        "",
        "The industrial situation in Wendeng District",
        TalkKind.OVERVIEW,
        "An overview of the industrial situation in Wendeng District.",
        [("wang-jianchao", "wendeng-district-government", "Deputy District Mayor")],
    ),
]

# (person, role, organization, position, sessions)
PERSON_ROLES = [
    (
        "teng-xinqiang",
        PersonRoleKind.MODERATOR,
        "weihai-nanhai-new-district-party-committee",
        "Deputy Secretary",
        ["opening", "thematic"],
    ),
    (
        "liu-wei",
        PersonRoleKind.MODERATOR,
        "zhongguancun-energy-storage-industry-technology-alliance",
        "Secretary-General",
        ["opening", "thematic"],
    ),
    (
        "zhou-yan",
        PersonRoleKind.GUEST,
        "shandong-provincial-department-of-industry-and-information-technology",
        "Deputy Director of the Electronics Information Department",
        [],
    ),
    (
        "dou-litao",
        PersonRoleKind.GUEST,
        "china-classification-society-wuhan-research-institute",
        "",
        [],
    ),
    (
        "wang-qingsong",
        PersonRoleKind.GUEST,
        "university-of-science-and-technology-of-china",
        "",
        [],
    ),
    ("cao-yuliang", PersonRoleKind.GUEST, "wuhan-university", "", []),
    (
        "long-rongke",
        PersonRoleKind.GUEST,
        "weihai-industrial-and-information-technology-bureau",
        "Deputy Mayor",
        [],
    ),
    (
        "xu-jianhai",
        PersonRoleKind.GUEST,
        "wendeng-district-industrial-and-information-technology-bureau",
        "Director",
        [],
    ),
]

STANDARD_SLUG = "t-cnesa-1006-2025"

# slug: (name, description)
PROGRAMS = {
    "sodium-ion-battery-evaluation": (
        "Sodium ion battery evaluation",
        "Evaluation of sodium ion batteries, recognizing the companies that pass.",
    ),
    "low-temperature-performance-evaluation": (
        "Low-temperature performance evaluation",
        "Assessment of sodium ion batteries' low-temperature adaptability.",
    ),
    "cycle-life-1000-evaluation": (
        "1,000-cycle life evaluation",
        "Evaluation of sodium ion batteries over 1,000 cycles of life.",
    ),
}

# program slug: (batch number, outcome, [organization slugs in the article's order])
BATCHES = {
    "sodium-ion-battery-evaluation": (
        6,
        Outcome.PASSED,
        [
            "ningde-times-new-energy-technology",
            "xiamen-haicheng-energy-storage-technology",
            "china-sodium-energy-yangzhou",
        ],
    ),
    "low-temperature-performance-evaluation": (
        1,
        Outcome.PARTICIPATED,
        [
            "shanghai-hanhang-technology",
            "ningde-times-new-energy-technology",
            "zhejiang-tianneng-sodium-battery-technology",
            "shanxi-huanan-xinneng-technology",
            "dalian-institute-of-chemical-physics",
        ],
    ),
    "cycle-life-1000-evaluation": (2, Outcome.COMPLETED, ["hunan-desay-battery"]),
}


class Upserter:
    """Create or update records, saving only what differs, and count what happened."""

    def __init__(self) -> None:
        self.created = 0
        self.updated = 0

    def __call__(self, model, lookup: dict, values: dict):
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            self.created += 1
            return model.objects.create(**lookup, **values)
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            obj.save()
            self.updated += 1
        return obj

    def set_m2m(self, manager, objects) -> None:
        if set(manager.all()) != set(objects):
            manager.set(objects)
            self.updated += 1


class Command(BaseCommand):
    help = "Load the demo content from the Weihai 2025 forum article. Safe to run again."

    @transaction.atomic
    def handle(self, *args, **options):
        upsert = Upserter()
        source = upsert(
            Source,
            {"url": ARTICLE["url"]},
            {"title": ARTICLE["title"], "publication": ARTICLE["publication"]},
        )
        cited = {"source": source}

        orgs = {}
        for slug, (name, kind, region, parent, aliases) in ORGANIZATIONS.items():
            orgs[slug] = upsert(
                Organization,
                {"slug": slug},
                {
                    "name": name,
                    "kind": kind,
                    "region": region,
                    "aliases": aliases,
                    "parent": orgs[parent] if parent else None,
                    **cited,
                },
            )

        people = {
            slug: upsert(Person, {"slug": slug}, {"name": name, "honorific": honorific, **cited})
            for slug, (name, honorific) in PEOPLE.items()
        }

        series = upsert(
            ForumSeries,
            {"slug": "sodium-ion-battery-industry-chain-and-standards-forum"},
            {
                "name": "Sodium Ion Battery Industry Chain and Standards Development Forum",
            },
        )
        forum = upsert(
            Forum,
            {"slug": FORUM_SLUG},
            {
                "series": series,
                "edition_number": 4,
                "title": "2025 Sodium Ion Battery Industry Chain and Standards Development Forum",
                "start_date": FORUM_DATE,
                "city": "Weihai",
                "region": SHANDONG,
                "attendees": 500,
                "attendees_is_lower_bound": True,
                "attending_organizations": 380,
                "attending_organizations_is_lower_bound": True,
                "online_viewers": 16000,
                "online_viewers_is_lower_bound": True,
                "summary": (
                    "The fourth edition gathered industry, academia, research and users to "
                    "strengthen the whole value chain, from material research and battery "
                    "manufacturing to market application. Representatives came from government "
                    "departments, research institutions, universities and enterprises, and from "
                    "applications in electric bicycles, low-speed vehicles, electric ships, "
                    "energy storage and emergency power supplies."
                ),
                "visibility": Visibility.PUBLIC,
                **cited,
            },
        )
        for order, (slug, role) in enumerate(
            [
                (
                    "china-electronics-technology-standardization-institute",
                    OrganizerRoleKind.ORGANIZER,
                ),
                (
                    "zhongguancun-energy-storage-industry-technology-alliance",
                    OrganizerRoleKind.ORGANIZER,
                ),
                ("weihai-nanhai-new-district-management-committee", OrganizerRoleKind.HOST),
            ]
        ):
            upsert(
                OrganizerRole,
                {"forum": forum, "organization": orgs[slug], "role": role},
                {"order": order},
            )

        sessions = {}
        for key, (order, title, kind, date, convener, description, named) in SESSIONS.items():
            session = upsert(
                Session,
                {"forum": forum, "title": title},
                {
                    "kind": kind,
                    "order": order,
                    "date": date,
                    "description": description,
                    "convened_by": orgs[convener] if convener else None,
                },
            )
            upsert.set_m2m(session.organizations, [orgs[slug] for slug in named])
            sessions[key] = session

        for order, session_key, title, kind, summary, speakers in TALKS:
            talk = upsert(
                Talk,
                {"forum": forum, "order": order},
                {
                    "session": sessions[session_key] if session_key else None,
                    "title": title,
                    "kind": kind,
                    "summary": summary,
                },
            )
            for speaker_order, (person, organization, position) in enumerate(speakers):
                upsert(
                    TalkSpeaker,
                    {"talk": talk, "order": speaker_order},
                    {
                        "person": people[person] if person else None,
                        "organization": orgs[organization],
                        "position": position,
                    },
                )

        for order, (person, role, organization, position, session_keys) in enumerate(PERSON_ROLES):
            person_role = upsert(
                PersonRole,
                {"forum": forum, "person": people[person], "role": role},
                {
                    "organization": orgs[organization],
                    "position": position,
                    "order": order,
                },
            )
            upsert.set_m2m(person_role.sessions, [sessions[key] for key in session_keys])

        committee = upsert(
            Committee,
            {"slug": "lithium-ion-battery-and-similar-products-working-group"},
            {
                "name": "Lithium-ion battery and similar products standard working group",
                "kind": CommitteeKind.WORKING_GROUP,
                "organization": orgs["ministry-of-industry-and-information-technology"],
                **cited,
            },
        )
        upsert.set_m2m(committee.meetings, [sessions["working-group"]])

        standard = upsert(
            Standard,
            {"slug": STANDARD_SLUG},
            {
                "code": "T/CNESA 1006—2025",
                "title": "General Specifications for Sodium Ion Batteries",
                "level": StandardLevel.GROUP,
                "status": StandardStatus.PUBLISHED,
                "visibility": Visibility.PUBLIC,
                **cited,
            },
        )

        for slug, (name, description) in PROGRAMS.items():
            program = upsert(
                EvaluationProgram,
                {"slug": slug},
                {
                    "name": name,
                    "description": description,
                    "basis_standard": standard,
                    "operator": orgs["china-electronics-technology-standardization-institute"],
                    "laboratory": orgs["sai-laboratory"],
                    **cited,
                },
            )
            number, outcome, organization_slugs = BATCHES[slug]
            batch = upsert(
                EvaluationBatch,
                {"program": program, "number": number},
                {
                    "slug": f"{slug}-batch-{number}",
                    "announced_at": forum,
                    "visibility": Visibility.PUBLIC,
                    **cited,
                },
            )
            for order, organization_slug in enumerate(organization_slugs):
                upsert(
                    EvaluationResult,
                    {
                        "batch": batch,
                        "organization": orgs[organization_slug],
                        "product": "",
                    },
                    {"outcome": outcome, "order": order},
                )

        self.stdout.write(
            f"Demo content loaded: {upsert.created} created, {upsert.updated} updated."
        )
