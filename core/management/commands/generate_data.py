"""Generate realistic synthetic data for benchmarks and load tests, and remove it again.

At scale 1 it makes about 10,000 organizations, 2,000 people, 200 forums (with their
sessions, talks, speakers and roles), 5,000 standards (with drafters and milestones),
50 evaluation programs, 2,000 batches and 200,000 results; `--scale 0.01` makes a
hundredth of that. The same `--seed` gives the same data.

Synthetic rows never mix with real content: every synthetic record with a slug has
the slug prefix `synthetic-`, and every synthetic record that can cite a source cites
the one Source titled "Synthetic benchmark data". `--remove` deletes exactly the rows
carrying those marks (children go with their parents) and nothing else.
"""

import datetime
import math
import random
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Model, ProtectedError, Q
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.text import slugify
from tqdm import tqdm

from core.models import Source, Visibility
from core.signals import bulk_change
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
from standards.codes import normalize_code
from standards.models import (
    Committee,
    CommitteeKind,
    DraftingRole,
    Standard,
    StandardLevel,
    StandardStatus,
    StatusMilestone,
)

SYNTHETIC_PREFIX = "synthetic-"
SYNTHETIC_SOURCE_TITLE = "Synthetic benchmark data"
SYNTHETIC_SOURCE_PUBLICATION = "manage.py generate_data"
BATCH_SIZE = 2000
RESULT_CHUNK = 10_000

# Rows at scale 1, as the issue sets them; the children follow from their parents.
BASE_COUNTS = {
    "organizations": 10_000,
    "people": 2_000,
    "forum_series": 10,
    "forums": 200,
    "committees": 40,
    "standards": 5_000,
    "programs": 50,
    "batches": 2_000,
    "results": 200_000,
}
PUBLISHED_SHARE = {"forums": 0.9, "standards": 0.9, "batches": 0.92}
NATIVE_NAME_SHARE = {"organizations": 0.75, "people": 0.8, "titles": 0.6}

K = OrganizationKind
ORGANIZATION_KIND_SHARES = [
    (K.COMPANY, 0.76),
    (K.RESEARCH_INSTITUTE, 0.06),
    (K.UNIVERSITY, 0.04),
    (K.LABORATORY, 0.05),
    (K.ASSOCIATION, 0.03),
    (K.GOVERNMENT_AGENCY, 0.05),
    (K.OTHER, 0.01),
]


def scaled(base: int, scale: float, minimum: int = 1) -> int:
    return max(minimum, round(base * scale))


def plan(scale: float) -> dict[str, int]:
    """How many rows of each headline model `scale` makes (children vary around these)."""
    if scale <= 0 or not math.isfinite(scale):
        raise ValueError("The scale must be a positive number.")
    counts = {name: scaled(base, scale) for name, base in BASE_COUNTS.items()}
    counts["organizations"] = sum(organization_kind_counts(scale).values())
    counts["programs"] = min(counts["programs"], counts["batches"])
    counts["forum_series"] = min(counts["forum_series"], counts["forums"])
    counts["results_per_batch"] = max(1, counts["results"] // counts["batches"])
    counts["results"] = counts["results_per_batch"] * counts["batches"]
    return counts


def organization_kind_counts(scale: float) -> dict[str, int]:
    total = BASE_COUNTS["organizations"]
    return {
        kind: scaled(total * share, scale, minimum=0 if kind == K.OTHER else 1)
        for kind, share in ORGANIZATION_KIND_SHARES
    }


# --- Word lists: invented names in the shape of the real ones -------------------------

CITIES = [
    # (city, native, region)
    ("Weihai", "威海", "Shandong, China"),
    ("Qingdao", "青岛", "Shandong, China"),
    ("Jinan", "济南", "Shandong, China"),
    ("Zibo", "淄博", "Shandong, China"),
    ("Ningde", "宁德", "Fujian, China"),
    ("Xiamen", "厦门", "Fujian, China"),
    ("Fuzhou", "福州", "Fujian, China"),
    ("Changzhou", "常州", "Jiangsu, China"),
    ("Suzhou", "苏州", "Jiangsu, China"),
    ("Wuxi", "无锡", "Jiangsu, China"),
    ("Nanjing", "南京", "Jiangsu, China"),
    ("Shenzhen", "深圳", "Guangdong, China"),
    ("Guangzhou", "广州", "Guangdong, China"),
    ("Huizhou", "惠州", "Guangdong, China"),
    ("Hefei", "合肥", "Anhui, China"),
    ("Hangzhou", "杭州", "Zhejiang, China"),
    ("Ningbo", "宁波", "Zhejiang, China"),
    ("Huzhou", "湖州", "Zhejiang, China"),
    ("Beijing", "北京", "Beijing, China"),
    ("Shanghai", "上海", "Shanghai, China"),
    ("Tianjin", "天津", "Tianjin, China"),
    ("Chongqing", "重庆", "Chongqing, China"),
    ("Chengdu", "成都", "Sichuan, China"),
    ("Yibin", "宜宾", "Sichuan, China"),
    ("Wuhan", "武汉", "Hubei, China"),
    ("Changsha", "长沙", "Hunan, China"),
    ("Xi'an", "西安", "Shaanxi, China"),
    ("Zhengzhou", "郑州", "Henan, China"),
    ("Taiyuan", "太原", "Shanxi, China"),
    ("Hohhot", "呼和浩特", "Inner Mongolia, China"),
    ("Nanchang", "南昌", "Jiangxi, China"),
    ("Yichun", "宜春", "Jiangxi, China"),
    ("Kunming", "昆明", "Yunnan, China"),
    ("Guiyang", "贵阳", "Guizhou, China"),
    ("Shenyang", "沈阳", "Liaoning, China"),
    ("Dalian", "大连", "Liaoning, China"),
]
FOREIGN_PLACES = [
    ("Stuttgart", "Germany", "GmbH"),
    ("Grenoble", "France", "SAS"),
    ("Osaka", "Japan", "K.K."),
    ("Seoul", "South Korea", "Co., Ltd."),
    ("Sheffield", "United Kingdom", "Ltd."),
    ("Boston", "United States", "Inc."),
    ("Uppsala", "Sweden", "AB"),
    ("Bangalore", "India", "Pvt. Ltd."),
]
FOREIGN_BRANDS = [
    "Kestrel", "Arden", "Lumeno", "Nordvik", "Valcor", "Brightwell", "Halden", "Merino",
    "Corvan", "Tessaly", "Ostrel", "Quorra", "Saltmarsh", "Veltra", "Ferrow", "Oakridge",
]  # fmt: skip
SYLLABLES = [
    ("Hua", "华"), ("Zhong", "中"), ("Xin", "新"), ("Tian", "天"), ("Rui", "瑞"), ("Kai", "凯"),
    ("Heng", "恒"), ("Jin", "金"), ("Long", "龙"), ("Sheng", "盛"), ("Yuan", "源"), ("Feng", "丰"),
    ("Bo", "博"), ("Neng", "能"), ("Tai", "泰"), ("Hai", "海"), ("Xing", "星"), ("Ming", "明"),
    ("Yu", "宇"), ("Da", "达"), ("Chuang", "创"), ("Li", "力"), ("Guang", "光"), ("Na", "钠"),
    ("Jia", "嘉"), ("Cheng", "诚"), ("An", "安"), ("Wei", "威"), ("Lan", "蓝"), ("De", "德"),
    ("Fu", "富"), ("Hong", "鸿"), ("Run", "润"), ("Tong", "通"), ("Ke", "科"), ("Chen", "辰"),
]  # fmt: skip
INDUSTRIES = [
    ("New Energy Technology", "新能源科技"),
    ("Battery", "电池"),
    ("Energy Storage Technology", "储能科技"),
    ("Power Technology", "动力科技"),
    ("New Materials", "新材料"),
    ("Electronic Technology", "电子科技"),
    ("Sodium Energy", "钠能"),
    ("Intelligent Equipment", "智能装备"),
    ("Electrochemical Technology", "电化学科技"),
    ("Power Systems", "电力系统"),
    ("Carbon Materials", "碳材料"),
    ("Chemical", "化工"),
]
INSTITUTE_TOPICS = [
    ("Energy Storage Technology", "储能技术"),
    ("Electrochemical Energy", "电化学能源"),
    ("Advanced Battery Materials", "先进电池材料"),
    ("New Energy", "新能源"),
    ("Industrial Technology", "产业技术"),
]
LAB_TOPICS = [
    ("Battery Safety Laboratory", "电池安全实验室"),
    ("Battery Testing Center", "电池检测中心"),
    ("Energy Storage Testing and Certification Center", "储能检测认证中心"),
    ("Electrochemical Performance Laboratory", "电化学性能实验室"),
    ("Low-Temperature Battery Laboratory", "低温电池实验室"),
]
ASSOCIATION_PREFIXES = [
    "CNESA", "CESA", "CIAPS", "CBEA", "ZGCESA", "CSTM", "CEEIA", "CPSS", "SDNES", "JSESA",
    "GDBIA", "CAEPI", "CNIA", "ZJESA", "FJBIA", "SXNEA",
]  # fmt: skip
ASSOCIATION_KINDS = [
    ("Energy Storage Industry Alliance", "储能产业联盟"),
    ("Battery Industry Association", "电池工业协会"),
    ("New Energy Industry Association", "新能源产业协会"),
    ("Society for Testing and Materials", "材料与试验学会"),
    ("Sodium-Ion Battery Industry Innovation Alliance", "钠离子电池产业创新联盟"),
]
AGENCIES = [
    ("Bureau of Industry and Information Technology", "工业和信息化局"),
    ("Market Supervision Administration", "市场监督管理局"),
    ("Development and Reform Commission", "发展和改革委员会"),
    ("Bureau of Science and Technology", "科学技术局"),
    ("High-Tech Zone Management Committee", "高新区管理委员会"),
]
OTHER_KINDS = [
    ("Industrial Park", "产业园"),
    ("Investment Fund", "投资基金"),
    ("Media Center", "传媒中心"),
]
SURNAMES = [
    ("Wang", "王"), ("Li", "李"), ("Zhang", "张"), ("Liu", "刘"), ("Chen", "陈"), ("Yang", "杨"),
    ("Zhao", "赵"), ("Huang", "黄"), ("Zhou", "周"), ("Wu", "吴"), ("Xu", "徐"), ("Sun", "孙"),
    ("Hu", "胡"), ("Zhu", "朱"), ("Gao", "高"), ("Lin", "林"), ("He", "何"), ("Guo", "郭"),
    ("Ma", "马"), ("Luo", "罗"), ("Liang", "梁"), ("Song", "宋"), ("Zheng", "郑"), ("Xie", "谢"),
    ("Han", "韩"), ("Tang", "唐"), ("Feng", "冯"), ("Yu", "于"), ("Dong", "董"), ("Xiao", "萧"),
]  # fmt: skip
GIVEN = [
    ("jing", "景"), ("hong", "虹"), ("wei", "伟"), ("fang", "芳"), ("min", "敏"), ("jun", "军"),
    ("yong", "勇"), ("yan", "艳"), ("jie", "杰"), ("tao", "涛"), ("ming", "明"), ("chao", "超"),
    ("xiu", "秀"), ("lan", "兰"), ("hui", "慧"), ("qiang", "强"), ("lei", "磊"), ("ping", "平"),
    ("gang", "刚"), ("hua", "华"), ("bin", "斌"), ("yu", "宇"), ("hao", "浩"), ("kai", "凯"),
    ("xin", "欣"), ("yi", "毅"), ("feng", "峰"), ("rui", "瑞"), ("zhi", "志"), ("guo", "国"),
]  # fmt: skip
FOREIGN_PEOPLE = [
    ("Anna", "Berg"), ("Thomas", "Keller"), ("Hiroshi", "Tanaka"), ("Min-jun", "Park"),
    ("Claire", "Dubois"), ("James", "Whitfield"), ("Priya", "Raman"), ("Lars", "Nyström"),
    ("Elena", "Rossi"), ("Kenji", "Watanabe"), ("Sofia", "Lindqvist"), ("David", "Okafor"),
]  # fmt: skip
HONORIFICS = [
    "Academician of the Chinese Academy of Engineering",
    "Academician of the Chinese Academy of Sciences",
    "Professor",
    "Research Fellow",
    "Senior Engineer (professor level)",
]
POSITIONS = [
    "Chairman", "General Manager", "Chief Engineer", "Director", "Deputy Director",
    "Professor", "Vice President", "Chief Scientist", "Secretary-General",
    "Head of Research and Development", "Deputy Secretary-General", "Senior Engineer",
]  # fmt: skip
FORUM_SERIES = [
    (
        "Sodium Ion Battery Industry Chain and Standards Development Forum",
        "钠离子电池产业链与标准发展论坛",
    ),
    ("China Energy Storage Safety Conference", "中国储能安全大会"),
    ("International Forum on Sodium-Ion Battery Materials", "钠离子电池材料国际论坛"),
    ("Battery Testing and Certification Summit", "电池检测认证峰会"),
    ("New Energy Storage Standardization Workshop", "新型储能标准化研讨会"),
    ("Yangtze River Delta Energy Storage Industry Forum", "长三角储能产业论坛"),
    ("Sodium Battery Applications in Light Vehicles Forum", "钠电池轻型车应用论坛"),
    ("Grid-Scale Storage Innovation Conference", "电网级储能创新大会"),
    ("Low-Temperature Battery Technology Forum", "低温电池技术论坛"),
    ("Sodium Battery Frontier Forum", "钠电前沿论坛"),
]
VENUES = ["International Convention Center", "International Expo Center", "Grand Hotel",
          "Science and Technology Museum", "Conference Center", "Marriott Hotel"]  # fmt: skip
TOPICS = [
    ("Progress in hard carbon anodes for sodium-ion cells", "钠离子电池硬碳负极进展"),
    (
        "Prussian blue analogue cathodes: from laboratory to production line",
        "普鲁士蓝类正极从实验室到产线",
    ),
    ("Stability of layered oxide cathodes in humid air", "层状氧化物正极的空气稳定性"),
    ("Polyanionic cathodes for long cycle life", "长循环聚阴离子正极"),
    ("Sodium-ion cells for grid energy storage", "钠离子电池在电网储能中的应用"),
    ("Safety testing of sodium-ion batteries", "钠离子电池安全测试"),
    ("Low-temperature performance of sodium-ion batteries", "钠离子电池低温性能"),
    ("Electrolyte additives and interphase design", "电解液添加剂与界面设计"),
    ("A roadmap for sodium-ion battery standards", "钠离子电池标准路线图"),
    ("Recycling sodium-ion batteries", "钠离子电池回收"),
    ("Cell-to-pack design for sodium-ion systems", "钠离子电池无模组设计"),
    ("Sodium-ion batteries for two-wheelers", "两轮车用钠离子电池"),
    ("Sodium-ion start-stop batteries", "钠离子启停电池"),
    ("The precursor supply chain", "前驱体供应链"),
    ("A quality evaluation system for sodium-ion cells", "钠离子电池质量评价体系"),
    ("Thermal runaway propagation in large-format cells", "大容量电池热失控扩散"),
    ("Fast charging of sodium-ion traction batteries", "钠离子动力电池快充"),
    ("Sodium-ion batteries for telecom base stations", "通信基站用钠离子电池"),
    ("Manufacturing yield and consistency", "制造良率与一致性"),
    ("Hybrid sodium-lithium battery packs", "钠锂混合电池包"),
]
SHOWCASE = [("Product showcase", "产品展示"), ("New product launch", "新品发布")]
SESSION_PLAN = [
    # (kind, English title, native title, talk kinds)
    (SessionKind.OPENING_CEREMONY, "Opening ceremony", "开幕式", [TalkKind.OPENING_REMARKS] * 3),
    (SessionKind.THEMATIC_FORUM, "Thematic forum: materials and cells", "主题论坛：材料与电芯",
     [TalkKind.KEYNOTE_REPORT] * 2 + [TalkKind.REPORT] * 3),
    (SessionKind.SUB_FORUM, "Sub-forum: applications", "分论坛：应用",
     [TalkKind.REPORT] * 3 + [TalkKind.SHOWCASE] * 2),
    (SessionKind.STANDARDS_DISCUSSION, "Standards discussion", "标准研讨",
     [TalkKind.OVERVIEW, TalkKind.REPORT, TalkKind.PANEL]),
    (SessionKind.WORKING_GROUP_MEETING, "Working group meeting", "工作组会议",
     [TalkKind.OVERVIEW, TalkKind.REPORT]),
    (SessionKind.SITE_VISIT, "Site visit", "参观考察", []),
]  # fmt: skip
COMMITTEE_TOPICS = [
    ("Sodium-Ion Batteries", "钠离子电池"),
    ("Electrical Energy Storage", "电力储能"),
    ("Secondary Cells and Batteries", "蓄电池"),
    ("Battery Materials", "电池材料"),
    ("Battery Safety", "电池安全"),
    ("Energy Storage Systems", "储能系统"),
    ("Traction Batteries", "动力电池"),
    ("Battery Recycling", "电池回收"),
]
PRODUCTS = [
    ("Sodium-ion batteries for electrical energy storage", "电力储能用钠离子电池"),
    ("Sodium-ion traction batteries for electric bicycles", "电动自行车用钠离子蓄电池"),
    ("Sodium-ion cells for start-stop systems", "启停用钠离子电池"),
    ("Hard carbon for sodium-ion batteries", "钠离子电池用硬碳"),
    ("Layered oxide cathode materials for sodium-ion batteries", "钠离子电池层状氧化物正极材料"),
    ("Prussian blue analogue cathode materials", "普鲁士蓝类正极材料"),
    ("Polyanionic cathode materials for sodium-ion batteries", "钠离子电池聚阴离子正极材料"),
    ("Electrolyte for sodium-ion batteries", "钠离子电池电解液"),
    ("Battery management systems for sodium-ion batteries", "钠离子电池管理系统"),
    ("Sodium-ion battery packs for low-speed vehicles", "低速车用钠离子电池包"),
    ("Sodium hexafluorophosphate", "六氟磷酸钠"),
    ("Separators for sodium-ion batteries", "钠离子电池隔膜"),
    ("Sodium-ion batteries for telecom base stations", "通信基站用钠离子电池"),
]
ASPECTS = [
    ("General specification", "通用规范"),
    ("Safety requirements", "安全要求"),
    ("Test methods", "试验方法"),
    ("Cycle life test method", "循环寿命试验方法"),
    ("Low-temperature performance requirements", "低温性能要求"),
    ("Terminology", "术语"),
    ("Safety requirements for transport", "运输安全要求"),
    ("Recycling requirements", "回收利用要求"),
    ("Technical requirements", "技术要求"),
    ("Evaluation method for consistency", "一致性评价方法"),
    ("Determination of impurity content", "杂质含量的测定"),
]
EVALUATION_TYPES = [
    ("General evaluation", "综合评价"),
    ("Low-temperature performance evaluation", "低温性能评价"),
    ("1,000-cycle life evaluation", "1000次循环寿命评价"),
    ("Safety evaluation", "安全性评价"),
    ("Fast-charging evaluation", "快充性能评价"),
    ("High-temperature storage evaluation", "高温存储评价"),
    ("Consistency evaluation", "一致性评价"),
    ("Energy efficiency evaluation", "能量效率评价"),
    ("Calendar life evaluation", "日历寿命评价"),
    ("Thermal runaway propagation evaluation", "热失控扩散评价"),
]
EVALUATION_SUBJECTS = [
    ("of sodium-ion cells for energy storage", "储能用钠离子电池"),
    ("of sodium-ion traction cells", "动力用钠离子电池"),
    ("of sodium-ion batteries for two-wheelers", "两轮车用钠离子电池"),
    ("of sodium-ion start-stop batteries", "启停用钠离子电池"),
    ("of sodium-ion cathode materials", "钠离子电池正极材料"),
]
CHEMISTRIES = ["NFPP", "NFM", "PBA", "NVP", "NaCP", "NNM"]
WITHDRAWAL_REASONS = [
    "Product discontinued by the manufacturer.",
    "Re-test requested after a change of cell design.",
    "Certificate suspended after market surveillance sampling.",
]
OUTCOME_WEIGHTS = [
    (Outcome.PASSED, 72),
    (Outcome.COMPLETED, 10),
    (Outcome.PARTICIPATED, 10),
    (Outcome.FAILED, 8),
]
ORDINALS = {1: "st", 2: "nd", 3: "rd"}

S = StandardStatus
LIFECYCLE = [
    S.PROPOSED,
    S.PROJECT_APPROVED,
    S.DRAFTING,
    S.PUBLIC_COMMENT,
    S.TECHNICAL_REVIEW,
    S.SUBMITTED,
    S.PUBLISHED,
    S.IN_FORCE,
]
STATUS_WEIGHTS = [
    (S.PROPOSED, 4),
    (S.PROJECT_APPROVED, 6),
    (S.DRAFTING, 12),
    (S.PUBLIC_COMMENT, 6),
    (S.TECHNICAL_REVIEW, 4),
    (S.SUBMITTED, 4),
    (S.PUBLISHED, 8),
    (S.IN_FORCE, 40),
    (S.UNDER_REVIEW, 4),
    (S.SUPERSEDED, 8),
    (S.WITHDRAWN, 4),
]
ISO_STAGE = {
    S.PROPOSED: "00.00",
    S.PROJECT_APPROVED: "10.99",
    S.DRAFTING: "20.00",
    S.PUBLIC_COMMENT: "40.20",
    S.TECHNICAL_REVIEW: "30.20",
    S.SUBMITTED: "50.20",
    S.PUBLISHED: "60.60",
    S.IN_FORCE: "60.60",
    S.UNDER_REVIEW: "90.92",
    S.SUPERSEDED: "95.99",
    S.WITHDRAWN: "95.99",
}
LEVEL_WEIGHTS = [
    (StandardLevel.GROUP, 45),
    (StandardLevel.NATIONAL, 20),
    (StandardLevel.INDUSTRY, 14),
    (StandardLevel.INTERNATIONAL, 5),
    (StandardLevel.LOCAL, 6),
    (StandardLevel.ENTERPRISE, 10),
]
INDUSTRY_PREFIXES = ["QC/T", "SJ/T", "NB/T", "YS/T", "HG/T", "JB/T"]
PROVINCE_CODES = ["DB37/T", "DB35/T", "DB32/T", "DB44/T", "DB34/T", "DB33/T"]


def synthetic_source() -> Source | None:
    return Source.objects.filter(
        title=SYNTHETIC_SOURCE_TITLE, publication=SYNTHETIC_SOURCE_PUBLICATION
    ).first()


def synthetic_rows(source: Source | None) -> list[tuple[type[Model], Q]]:
    """Each model's synthetic rows, by their marks, in an order PROTECT lets us delete.

    A model with a slug and a source is synthetic only when it carries both marks.
    """
    prefix = Q(slug__startswith=SYNTHETIC_PREFIX)
    cites = Q(source=source) if source else Q(pk__in=[])
    return [
        (EvaluationResult, cites),
        (StatusMilestone, cites),
        (EvaluationBatch, prefix & cites),
        (EvaluationProgram, prefix & cites),
        (Forum, prefix & cites),
        (ForumSeries, prefix),
        (Standard, prefix & cites),
        (Committee, prefix & cites),
        (Person, prefix & cites),
        (Organization, prefix & cites),
    ]


def history_model(model: type[Model]) -> type[Model] | None:
    """The model keeping earlier versions of `model`'s rows, where it has one."""
    manager = getattr(model, "history", None)
    return getattr(manager, "model", None)


def refers_to_nothing_deletable(model: type[Model]) -> bool:
    """True when no foreign key points at the model: its rows go with one DELETE."""
    return not any(
        field.auto_created and not field.concrete and field.is_relation
        for field in model._meta.get_fields(include_hidden=True)
    )


def delete_rows(queryset) -> Counter:
    """Delete the rows and what cascades from them; counts by model label.

    Rows nothing refers to (results, milestones, historical versions) go in one
    DELETE statement: Django's collector would load each into memory first.
    """
    model = queryset.model
    if model is Organization:
        return delete_organizations(queryset)
    if refers_to_nothing_deletable(model):
        try:
            subquery, params = queryset.values("pk").query.sql_with_params()
        except EmptyResultSet:  # a condition that matches nothing, e.g. no synthetic source
            return Counter()
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {quote(model._meta.db_table)} "  # noqa: S608 -- names from the model
                f"WHERE {quote(model._meta.pk.column)} IN ({subquery})",
                params,
            )
            count = cursor.rowcount
        return Counter({model._meta.label: count} if count else {})
    _, by_model = queryset.delete()
    return Counter({label: count for label, count in by_model.items() if count})


def delete_organizations(queryset) -> Counter:
    """Children before the parents they PROTECT, one level at a time."""
    deleted: Counter = Counter()
    while queryset.exists():
        parents = queryset.filter(parent__isnull=False).values("parent")
        _, by_model = queryset.exclude(pk__in=parents).delete()
        if not by_model:
            raise CommandError("Synthetic organizations are each other's parents in a loop.")
        deleted.update({label: count for label, count in by_model.items() if count})
    return deleted


def ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else ORDINALS.get(number % 10, "th")
    return f"{number}{suffix}"


def at_nine(date: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(date, datetime.time(9, 0), tzinfo=datetime.UTC)


def chunked(items: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@dataclass
class OrgInfo:
    pk: int
    kind: str
    city: str
    native_city: str
    name: str
    native_name: str
    brand: str


class Generator:
    """Builds the rows; `run()` writes them in bulk and reports progress to `bar`."""

    def __init__(self, scale: float, seed: int, bar: tqdm, source: Source):
        self.scale = scale
        self.counts = plan(scale)
        self.rng = random.Random(seed)  # noqa: S311 -- repeatable test data, not secrets
        self.bar = bar
        self.source = source
        self.today = timezone.localdate()
        self.created: Counter = Counter()

    # --- helpers ---------------------------------------------------------------------

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def weighted(self, pairs):
        values, weights = zip(*pairs, strict=True)
        return self.rng.choices(values, weights=weights)[0]

    def save(self, model: type[Model], objects: list, label: str | None = None) -> list:
        self.bar.set_description(label or model._meta.verbose_name_plural.capitalize())
        for chunk in chunked(objects, BATCH_SIZE):
            model.objects.bulk_create(chunk, batch_size=BATCH_SIZE)
            self.bar.update(len(chunk))
        self.created[model._meta.label] += len(objects)
        return objects

    def save_links(self, through: type[Model], rows: list[tuple[int, int]], fields, label: str):
        objects = [through(**dict(zip(fields, row, strict=True))) for row in rows]
        self.save(through, objects, label)

    def date_between(self, start: datetime.date, end: datetime.date) -> datetime.date:
        days = max(0, (end - start).days)
        return start + datetime.timedelta(days=self.rng.randint(0, days))

    def publication(self, share: float, when: datetime.date | None) -> dict:
        published = self.chance(share) and (when is None or when <= self.today)
        if not published:
            return {"visibility": Visibility.DRAFT, "made_public_at": None}
        return {
            "visibility": Visibility.PUBLIC,
            "made_public_at": at_nine(min(when or self.today, self.today)),
        }

    def native(self, text: str, share: float) -> str:
        return text if self.chance(share) else ""

    # --- the stages ------------------------------------------------------------------

    def run(self) -> Counter:
        self.organizations()
        self.people()
        self.forums()
        self.forum_children()
        self.committees()
        self.standards()
        self.standard_children()
        self.programs_and_batches()
        self.results()
        return self.created

    def organizations(self) -> None:
        kinds = organization_kind_counts(self.scale)
        self.orgs: list[OrgInfo] = []
        top, children = [], []
        association_number = 0
        self.association_prefix: dict[int, str] = {}
        prefix_of_object: dict[int, str] = {}
        # Parents first (one level deep), so that children can point at them.
        plan_rows = [kind for kind, count in kinds.items() for _ in range(count)]
        self.rng.shuffle(plan_rows)
        for index, kind in enumerate(plan_rows, start=1):
            city, native_city, region = self.rng.choice(CITIES)
            brand = self.rng.choice(SYLLABLES)
            brand2 = self.rng.choice(SYLLABLES)
            brand_en, brand_cn = brand[0] + brand2[0].lower(), brand[1] + brand2[1]
            aliases, parent_wanted = "", False
            foreign = kind == K.COMPANY and self.chance(0.05)
            if foreign:
                place, country, suffix = self.rng.choice(FOREIGN_PLACES)
                brand_en = self.rng.choice(FOREIGN_BRANDS)
                name = (
                    f"{brand_en} {self.rng.choice(['Energy', 'Cells', 'Battery Systems'])} {suffix}"
                )
                native_name, region, city, native_city = "", country, place, ""
            elif kind == K.COMPANY:
                industry, industry_cn = self.rng.choice(INDUSTRIES)
                group = self.chance(0.04)
                name = f"{city} {brand_en} {industry} {'Group ' if group else ''}Co., Ltd."
                native_name = (
                    f"{native_city}{brand_cn}{industry_cn}{'集团' if group else ''}有限公司"
                )
                if self.chance(0.3):
                    aliases = f"{brand_en} {industry.split()[0]}\n{brand_cn}{industry_cn}"
                parent_wanted = self.chance(0.05)
            elif kind == K.RESEARCH_INSTITUTE:
                topic, topic_cn = self.rng.choice(INSTITUTE_TOPICS)
                name = f"{city} Institute of {topic}"
                native_name = f"{native_city}{topic_cn}研究院"
            elif kind == K.UNIVERSITY:
                style = self.rng.randrange(3)
                name = [
                    f"{city} University of Science and Technology",
                    f"{city} University",
                    f"{city} {brand_en} Institute of Technology",
                ][style]
                native_name = [
                    f"{native_city}科技大学",
                    f"{native_city}大学",
                    f"{native_city}{brand_cn}理工学院",
                ][style]
            elif kind == K.LABORATORY:
                topic, topic_cn = self.rng.choice(LAB_TOPICS)
                name = f"{city} {brand_en} {topic}"
                native_name = f"{native_city}{brand_cn}{topic_cn}"
                parent_wanted = self.chance(0.6)
            elif kind == K.ASSOCIATION:
                association_number += 1
                base_prefix = ASSOCIATION_PREFIXES[
                    (association_number - 1) % len(ASSOCIATION_PREFIXES)
                ]
                round_ = (association_number - 1) // len(ASSOCIATION_PREFIXES)
                prefix = (
                    base_prefix if round_ == 0 else f"{base_prefix}{chr(ord('A') + round_ % 26)}"
                )
                topic, topic_cn = self.rng.choice(ASSOCIATION_KINDS)
                province = region.split(",")[0]
                name = f"{province} {topic}"
                native_name = f"{native_city}{topic_cn}"
                aliases = prefix
            elif kind == K.GOVERNMENT_AGENCY:
                agency, agency_cn = self.rng.choice(AGENCIES)
                name = f"{city} Municipal {agency}"
                native_name = f"{native_city}市{agency_cn}"
            else:
                other, other_cn = self.rng.choice(OTHER_KINDS)
                name = f"{city} {brand_en} {other}"
                native_name = f"{native_city}{brand_cn}{other_cn}"
            if native_name and not self.chance(NATIVE_NAME_SHARE["organizations"]):
                native_name = ""
            org = Organization(
                name=name,
                native_name=native_name,
                aliases=aliases,
                slug=f"{SYNTHETIC_PREFIX}{slugify(name)[:150]}-{index}",
                kind=kind,
                region=region,
                website=f"https://{slugify(brand_en)}{index}.example.com"
                if self.chance(0.4)
                else "",
                description=(
                    f"{name} works on sodium-ion batteries in {city}." if self.chance(0.3) else ""
                ),
                source=self.source,
            )
            if kind == K.ASSOCIATION:
                prefix_of_object[id(org)] = aliases
            (children if parent_wanted else top).append(org)
            org._info = (city, native_city, brand_en)
        self.save(Organization, top)
        parents_by_kind: dict[str, list[Organization]] = {}
        for org in top:
            parents_by_kind.setdefault(org.kind, []).append(org)
        for org in children:
            candidates = (
                parents_by_kind.get(K.RESEARCH_INSTITUTE, [])
                + parents_by_kind.get(K.UNIVERSITY, [])
                if org.kind == K.LABORATORY
                else [o for o in parents_by_kind.get(K.COMPANY, []) if "Group" in o.name]
            )
            org.parent = self.rng.choice(candidates) if candidates else None
        self.save(Organization, children)
        for org in top + children:
            city, native_city, brand_en = org._info
            self.orgs.append(
                OrgInfo(org.pk, org.kind, city, native_city, org.name, org.native_name, brand_en)
            )
            if org.kind == K.ASSOCIATION:
                self.association_prefix[org.pk] = prefix_of_object[id(org)]
        self.by_kind: dict[str, list[OrgInfo]] = {}
        for info in self.orgs:
            self.by_kind.setdefault(info.kind, []).append(info)
        self.companies = self.by_kind.get(K.COMPANY, [])
        self.not_companies = [o for o in self.orgs if o.kind != K.COMPANY] or self.orgs
        self.bodies = (
            self.by_kind.get(K.ASSOCIATION, [])
            + self.by_kind.get(K.GOVERNMENT_AGENCY, [])
            + self.by_kind.get(K.RESEARCH_INSTITUTE, [])
        ) or self.orgs
        self.experts = [o for o in self.orgs if o.kind != K.GOVERNMENT_AGENCY] or self.orgs

    def people(self) -> None:
        people = []
        for index in range(1, self.counts["people"] + 1):
            honorific = self.rng.choice(HONORIFICS) if self.chance(0.1) else ""
            if self.chance(0.12):
                first, last = self.rng.choice(FOREIGN_PEOPLE)
                name, native_name = f"{first} {last}", ""
            else:
                surname, surname_cn = self.rng.choice(SURNAMES)
                given = self.rng.sample(GIVEN, self.rng.choice([1, 2, 2]))
                name = f"{surname} {''.join(g[0] for g in given).capitalize()}"
                native_name = surname_cn + "".join(g[1] for g in given)
                if not self.chance(NATIVE_NAME_SHARE["people"]):
                    native_name = ""
            people.append(
                Person(
                    name=name,
                    native_name=native_name,
                    honorific=honorific,
                    slug=f"{SYNTHETIC_PREFIX}{slugify(name)}-{index}",
                    source=self.source,
                )
            )
        self.person_pks = [p.pk for p in self.save(Person, people)]

    def forums(self) -> None:
        n_series, n_forums = self.counts["forum_series"], self.counts["forums"]
        series = []
        for index in range(n_series):
            name, native = FORUM_SERIES[index % len(FORUM_SERIES)]
            if index >= len(FORUM_SERIES):
                name, native = f"{name} ({index // len(FORUM_SERIES) + 1})", native
            series.append(
                ForumSeries(
                    name=name,
                    native_name=native,
                    slug=f"{SYNTHETIC_PREFIX}series-{slugify(name)[:120]}-{index + 1}",
                    description=f"A recurring meeting of the sodium-ion battery industry: {name}.",
                )
            )
        self.save(ForumSeries, series, "Forum series")
        per_series = [
            n_forums // n_series + (1 if i < n_forums % n_series else 0) for i in range(n_series)
        ]
        forums = []
        for series_obj, editions in zip(series, per_series, strict=True):
            # Two editions a year, the latest around now (a few still ahead).
            for edition in range(1, editions + 1):
                months_back = (editions - edition) * 6 - self.rng.randint(0, 4)
                start = self.today - datetime.timedelta(
                    days=30 * months_back + self.rng.randint(0, 20)
                )
                city, _, region = self.rng.choice(CITIES)
                title = f"The {ordinal(edition)} {series_obj.name}"
                attendees = self.rng.randrange(150, 1500, 50)
                forums.append(
                    Forum(
                        series=series_obj,
                        edition_number=edition,
                        title=title,
                        native_title=self.native(
                            f"第{edition}届{series_obj.native_name}", NATIVE_NAME_SHARE["titles"]
                        ),
                        slug=f"{SYNTHETIC_PREFIX}{slugify(series_obj.name)[:100]}-{edition}-{start.year}-{series_obj.slug.rsplit('-', 1)[1]}",
                        start_date=start,
                        end_date=start + datetime.timedelta(days=self.rng.choice([1, 1, 2]))
                        if self.chance(0.6)
                        else None,
                        city=city,
                        region=region,
                        venue=f"{city} {self.rng.choice(VENUES)}",
                        attendees=attendees,
                        attendees_is_lower_bound=self.chance(0.5),
                        attending_organizations=self.rng.randrange(30, 300, 10)
                        if self.chance(0.7)
                        else None,
                        attending_organizations_is_lower_bound=self.chance(0.5),
                        online_viewers=self.rng.randrange(1000, 200_000, 1000)
                        if self.chance(0.3)
                        else None,
                        online_viewers_is_lower_bound=self.chance(0.7),
                        summary=(
                            f"The {ordinal(edition)} edition met in {city} with {attendees} representatives "
                            f"of companies, institutes and agencies to discuss sodium-ion battery "
                            f"materials, cells, applications and standards."
                        ),
                        source=self.source,
                        **self.publication(PUBLISHED_SHARE["forums"], start),
                    )
                )
        self.forum_objs = self.save(Forum, forums)

    def forum_children(self) -> None:
        n_sessions = len(SESSION_PLAN)
        roles, person_roles, sessions, talks, speakers = [], [], [], [], []
        session_orgs, moderator_sessions = [], []
        self.wg_sessions: list[int] = []
        self.discussion_sessions: list[int] = []
        for forum in self.forum_objs:
            # Organizers: one organizer, co-organizers, a host, supporters; each once.
            kinds = [
                OrganizerRoleKind.ORGANIZER,
                OrganizerRoleKind.CO_ORGANIZER,
                OrganizerRoleKind.HOST,
            ]
            kinds += self.rng.sample(
                [
                    OrganizerRoleKind.CO_ORGANIZER,
                    OrganizerRoleKind.CO_HOST,
                    OrganizerRoleKind.SUPPORTER,
                    OrganizerRoleKind.SUPPORTER,
                ],
                self.rng.randint(0, 3),
            )
            orgs = self.rng.sample(self.bodies, min(len(kinds), len(self.bodies)))
            for order, (kind, org) in enumerate(zip(kinds, orgs, strict=False)):
                roles.append(
                    OrganizerRole(forum=forum, organization_id=org.pk, role=kind, order=order)
                )
            forum_sessions = []
            for order, (kind, title, native, _) in enumerate(SESSION_PLAN[:n_sessions]):
                convened = (
                    self.rng.choice(self.bodies).pk
                    if kind in (SessionKind.STANDARDS_DISCUSSION, SessionKind.WORKING_GROUP_MEETING)
                    else None
                )
                session = Session(
                    forum=forum,
                    title=title,
                    native_title=self.native(native, NATIVE_NAME_SHARE["titles"]),
                    kind=kind,
                    date=forum.start_date
                    + datetime.timedelta(days=1 if order >= 3 and forum.end_date else 0),
                    order=order,
                    convened_by_id=convened,
                    description=f"{title} of the {forum.title}.",
                )
                forum_sessions.append(session)
            sessions.extend(forum_sessions)
            forum._sessions = forum_sessions
        self.save(OrganizerRole, roles, "Organizer roles")
        self.save(Session, sessions, "Sessions")
        for forum in self.forum_objs:
            order = 0
            for session, (kind, _, _, talk_kinds) in zip(
                forum._sessions, SESSION_PLAN, strict=False
            ):
                if kind == SessionKind.SITE_VISIT:
                    for org in self.rng.sample(
                        self.companies or self.orgs, min(3, len(self.companies or self.orgs))
                    ):
                        session_orgs.append((session.pk, org.pk))
                if kind == SessionKind.WORKING_GROUP_MEETING:
                    self.wg_sessions.append(session.pk)
                if kind == SessionKind.STANDARDS_DISCUSSION:
                    self.discussion_sessions.append(session.pk)
                for talk_kind in talk_kinds:
                    order += 1
                    talks.append(self.talk(forum, session, talk_kind, order))
            for _ in range(self.rng.choice([0, 0, 0, 1, 2])):  # talks the source places nowhere
                order += 1
                talks.append(self.talk(forum, None, TalkKind.REPORT, order))
            # Moderators and guests, each person once per role.
            chosen = self.rng.sample(
                self.person_pks, min(len(self.person_pks), 2 + self.rng.randint(2, 6))
            )
            for position, person_pk in enumerate(chosen):
                role = PersonRoleKind.MODERATOR if position < 2 else PersonRoleKind.GUEST
                org = self.rng.choice(self.orgs)
                person_role = PersonRole(
                    forum=forum,
                    person_id=person_pk,
                    role=role,
                    organization_id=org.pk,
                    position=self.rng.choice(POSITIONS),
                    order=position,
                )
                person_role._sessions = (
                    self.rng.sample(forum._sessions, min(2, len(forum._sessions)))
                    if role == PersonRoleKind.MODERATOR
                    else []
                )
                person_roles.append(person_role)
        self.save(Talk, talks, "Talks")
        for talk in talks:
            presenter = self.rng.choice(self.companies or self.orgs)
            if talk.kind == TalkKind.SHOWCASE and self.chance(0.5):
                speakers.append(TalkSpeaker(talk=talk, organization_id=presenter.pk, order=0))
                continue
            people = self.rng.sample(
                self.person_pks, min(len(self.person_pks), 2 if self.chance(0.12) else 1)
            )
            for order, person_pk in enumerate(people):
                org = self.rng.choice(self.experts)
                speakers.append(
                    TalkSpeaker(
                        talk=talk,
                        person_id=person_pk,
                        organization_id=org.pk,
                        position=self.rng.choice(POSITIONS),
                        order=order,
                    )
                )
        self.talk_pks = [t.pk for t in talks]
        self.save(TalkSpeaker, speakers, "Talk speakers")
        self.save(PersonRole, person_roles, "Person roles")
        for person_role in person_roles:
            moderator_sessions.extend((person_role.pk, s.pk) for s in person_role._sessions)
        self.save_links(
            Session.organizations.through,
            session_orgs,
            ["session_id", "organization_id"],
            "Session organizations",
        )
        self.save_links(
            PersonRole.sessions.through,
            moderator_sessions,
            ["personrole_id", "session_id"],
            "Moderated sessions",
        )

    def talk(self, forum: Forum, session: Session | None, kind: str, order: int) -> Talk:
        if kind == TalkKind.OPENING_REMARKS:
            title, native = "Opening remarks", "致辞"
        elif kind == TalkKind.SHOWCASE:
            title, native = self.rng.choice(SHOWCASE)
        else:
            title, native = self.rng.choice(TOPICS)
        return Talk(
            forum=forum,
            session=session,
            title=title,
            native_title=self.native(native, NATIVE_NAME_SHARE["titles"]),
            kind=kind,
            summary=f"{title}, presented at the {forum.title}." if self.chance(0.4) else "",
            order=order,
        )

    def committees(self) -> None:
        committees = []
        n = self.counts["committees"]
        tc_number = 200
        for index in range(1, n + 1):
            topic, topic_cn = self.rng.choice(COMMITTEE_TOPICS)
            kind = [
                CommitteeKind.TECHNICAL_COMMITTEE,
                CommitteeKind.SUBCOMMITTEE,
                CommitteeKind.WORKING_GROUP,
                CommitteeKind.WORKING_GROUP,
            ][index % 4]
            tc_number += self.rng.randint(1, 30)
            if kind == CommitteeKind.TECHNICAL_COMMITTEE:
                code, name, native = (
                    f"SAC/TC {tc_number}",
                    f"National Technical Committee on {topic}",
                    f"全国{topic_cn}标准化技术委员会",
                )
            elif kind == CommitteeKind.SUBCOMMITTEE:
                code, name, native = (
                    f"SAC/TC {tc_number}/SC {self.rng.randint(1, 12)}",
                    f"Subcommittee on {topic}",
                    f"{topic_cn}分技术委员会",
                )
            else:
                prefix = self.rng.choice(ASSOCIATION_PREFIXES)
                code, name, native = (
                    f"{prefix}/WG {self.rng.randint(1, 30)}",
                    f"Working Group on {topic}",
                    f"{topic_cn}工作组",
                )
            committees.append(
                Committee(
                    name=name,
                    native_name=self.native(native, NATIVE_NAME_SHARE["titles"]),
                    code=code,
                    slug=f"{SYNTHETIC_PREFIX}committee-{slugify(code)}-{index}",
                    kind=kind,
                    organization_id=self.rng.choice(self.bodies).pk,
                    description=f"Drafts and reviews standards on {topic.lower()}.",
                    source=self.source,
                )
            )
        self.committee_objs = self.save(Committee, committees)
        meetings = []
        for session_pk in self.wg_sessions:
            meetings.append((self.rng.choice(self.committee_objs).pk, session_pk))
        self.save_links(
            Committee.meetings.through,
            meetings,
            ["committee_id", "session_id"],
            "Committee meetings",
        )

    def standard_code(self, level: str, year: int, issuer: OrgInfo | None, taken: set[str]) -> str:
        for _ in range(50):
            if level == StandardLevel.GROUP:
                prefix = self.association_prefix.get(issuer.pk) if issuer else None
                prefix = prefix or self.rng.choice(ASSOCIATION_PREFIXES)
                slash = "／" if self.chance(0.03) else "/"
                dash = "—" if self.chance(0.7) else "-"
                code = f"T{slash}{prefix} {self.rng.randint(1, 9999):04d}{dash}{year}"
            elif level == StandardLevel.NATIONAL:
                kind = self.weighted([("GB/T", 80), ("GB", 10), ("GB/Z", 10)])
                code = f"{kind} {self.rng.randint(10000, 45999)}-{year}"
                if self.chance(0.2):
                    code = (
                        f"{kind} {self.rng.randint(10000, 45999)}.{self.rng.randint(1, 6)}-{year}"
                    )
            elif level == StandardLevel.INDUSTRY:
                code = f"{self.rng.choice(INDUSTRY_PREFIXES)} {self.rng.randint(1000, 9999)}-{year}"
            elif level == StandardLevel.INTERNATIONAL:
                body = self.rng.choice(["IEC", "IEC", "ISO"])
                code = f"{body} {self.rng.randint(60000, 63999)}-{self.rng.randint(1, 5)}:{year}"
            elif level == StandardLevel.LOCAL:
                code = f"{self.rng.choice(PROVINCE_CODES)} {self.rng.randint(1000, 4999)}-{year}"
            else:
                letters = (
                    "".join(c for c in (issuer.brand if issuer else "ZX").upper() if c.isalpha())[
                        :4
                    ]
                    or "ZX"
                )
                code = f"Q/{letters} {self.rng.randint(1, 999):03d}-{year}"
            normalized = normalize_code(code)
            if normalized not in taken:
                taken.add(normalized)
                return code
        return ""

    def standards(self) -> None:
        taken = set(
            Standard.objects.exclude(code_normalized="").values_list("code_normalized", flat=True)
        )
        associations = self.by_kind.get(K.ASSOCIATION, []) or self.bodies
        agencies = self.by_kind.get(K.GOVERNMENT_AGENCY, []) or self.bodies
        standards = []
        for index in range(1, self.counts["standards"] + 1):
            level = self.weighted(LEVEL_WEIGHTS)
            status = self.weighted(STATUS_WEIGHTS)
            issuer = {
                StandardLevel.GROUP: associations,
                StandardLevel.ENTERPRISE: self.companies or self.orgs,
                StandardLevel.INTERNATIONAL: associations,
            }.get(level, agencies)
            issuer = self.rng.choice(issuer)
            # The timeline: a start, then one step every few months up to the status.
            steps = (
                LIFECYCLE[: LIFECYCLE.index(status) + 1]
                if status in LIFECYCLE
                else [*LIFECYCLE, status]
            )
            gaps = [self.rng.randint(60, 240) for _ in steps]
            start = self.today - datetime.timedelta(
                days=sum(gaps) + self.rng.randint(0, 3650 if status not in LIFECYCLE[:6] else 400)
            )
            if status == S.PUBLISHED:  # published, most with the effective date ahead
                start = self.today - datetime.timedelta(
                    days=sum(gaps[:-1]) + self.rng.randint(0, 40)
                )
            timeline, day = [], start
            for step, gap in zip(steps, gaps, strict=True):
                timeline.append((step, day))
                day += datetime.timedelta(days=gap)
            dates = dict(timeline)
            published_on = dates.get(S.PUBLISHED)
            effective_on = dates.get(S.IN_FORCE)
            if published_on and not effective_on:
                effective_on = published_on + datetime.timedelta(
                    days=self.rng.choice([90, 120, 180])
                )
            has_code = status not in LIFECYCLE[:6] or self.chance(0.4)
            year = (published_on or timeline[-1][1]).year
            code = self.standard_code(level, year, issuer, taken) if has_code else ""
            product, product_cn = self.rng.choice(PRODUCTS)
            aspect, aspect_cn = self.rng.choice(ASPECTS)
            part = f"Part {self.rng.randint(1, 4)}: " if self.chance(0.15) else ""
            title = f"{product} — {part}{aspect}"
            standard = Standard(
                code=code,
                code_normalized=normalize_code(code),
                title=title,
                native_title=self.native(f"{product_cn} {aspect_cn}", NATIVE_NAME_SHARE["titles"]),
                slug=f"{SYNTHETIC_PREFIX}{slugify(code or 'draft')[:80]}-{slugify(product)[:60]}-{index}",
                level=level,
                status=status,
                iso_stage=ISO_STAGE[status] if level == StandardLevel.INTERNATIONAL else "",
                issuing_body_id=issuer.pk if has_code else None,
                committee=self.rng.choice(self.committee_objs)
                if level != StandardLevel.ENTERPRISE and self.chance(0.5)
                else None,
                published_on=published_on,
                effective_on=effective_on,
                withdrawn_on=dates.get(S.WITHDRAWN),
                scope=(
                    f"This document specifies the {aspect.lower()} for {product[0].lower() + product[1:]}. "
                    "It applies to their design, production, testing and acceptance."
                ),
                source=self.source,
                **self.publication(PUBLISHED_SHARE["standards"], start),
            )
            standard._timeline = timeline
            standards.append(standard)
        self.standard_objs = self.save(Standard, standards)

    def standard_children(self) -> None:
        drafting, milestones, replaces, discussed_sessions, discussed_talks = [], [], [], [], []
        drafter_pool = [o for o in self.orgs if o.kind != K.GOVERNMENT_AGENCY] or self.orgs
        in_force_by_level: dict[str, list[Standard]] = {}
        for standard in self.standard_objs:
            if standard.status == S.IN_FORCE:
                in_force_by_level.setdefault(standard.level, []).append(standard)
        for standard in self.standard_objs:
            count = (
                self.rng.choice([2, 3, 3, 4, 5])
                if not self.chance(0.08)
                else self.rng.randint(8, 15)
            )
            for order, org in enumerate(
                self.rng.sample(drafter_pool, min(count, len(drafter_pool)))
            ):
                drafting.append(
                    DraftingRole(
                        standard=standard, organization_id=org.pk, is_lead=order == 0, order=order
                    )
                )
            last = len(standard._timeline) - 1
            for position, (status, day) in enumerate(standard._timeline):
                if position != last and not self.chance(0.75):
                    continue  # sources don't record every step
                milestones.append(
                    StatusMilestone(
                        standard=standard,
                        status=status,
                        date=day,
                        iso_stage=ISO_STAGE[status]
                        if standard.level == StandardLevel.INTERNATIONAL
                        else "",
                        note="Announced by the issuing body." if self.chance(0.2) else "",
                        source=self.source,
                    )
                )
            if standard.status == S.SUPERSEDED and in_force_by_level.get(standard.level):
                newer = self.rng.choice(in_force_by_level[standard.level])
                replaces.append((newer.pk, standard.pk))
        self.save(DraftingRole, drafting, "Drafting roles")
        self.save(StatusMilestone, milestones, "Status milestones")
        self.save_links(
            Standard.replaces.through,
            replaces,
            ["from_standard_id", "to_standard_id"],
            "Replacements",
        )
        in_progress = [
            s for s in self.standard_objs if s.status in LIFECYCLE[1:6]
        ] or self.standard_objs
        for session_pk in self.discussion_sessions:
            for standard in self.rng.sample(in_progress, min(3, len(in_progress))):
                discussed_sessions.append((standard.pk, session_pk))
        for talk_pk in self.talk_pks:
            if self.chance(0.1):
                discussed_talks.append((self.rng.choice(self.standard_objs).pk, talk_pk))
        self.save_links(
            Standard.discussed_at_sessions.through,
            discussed_sessions,
            ["standard_id", "session_id"],
            "Standards discussed",
        )
        self.save_links(
            Standard.discussed_in_talks.through,
            discussed_talks,
            ["standard_id", "talk_id"],
            "Standards in talks",
        )

    def programs_and_batches(self) -> None:
        laboratories = self.by_kind.get(K.LABORATORY, []) or self.not_companies
        operators = self.by_kind.get(K.ASSOCIATION, []) or self.bodies
        basis = [
            s for s in self.standard_objs if s.status == S.IN_FORCE and s.is_public
        ] or self.standard_objs
        programs = []
        names = [(t, s) for s in EVALUATION_SUBJECTS for t in EVALUATION_TYPES]
        for index in range(1, self.counts["programs"] + 1):
            (kind, kind_cn), (subject, subject_cn) = names[(index - 1) % len(names)]
            name = f"{kind} {subject}"
            if index > len(names):
                name += f" ({(index - 1) // len(names) + 1})"
            programs.append(
                EvaluationProgram(
                    name=name,
                    native_name=self.native(f"{subject_cn}{kind_cn}", NATIVE_NAME_SHARE["titles"]),
                    slug=f"{SYNTHETIC_PREFIX}{slugify(name)[:150]}-{index}",
                    description=f"{kind} {subject}, run in numbered batches against its basis standard.",
                    basis_standard=self.rng.choice(basis),
                    operator_id=self.rng.choice(operators).pk,
                    laboratory_id=self.rng.choice(laboratories).pk,
                    source=self.source,
                )
            )
        self.save(EvaluationProgram, programs, "Evaluation programs")
        n_batches = self.counts["batches"]
        per_program = [
            n_batches // len(programs) + (1 if i < n_batches % len(programs) else 0)
            for i in range(len(programs))
        ]
        forums_by_date = sorted(self.forum_objs, key=lambda f: f.start_date)
        batches = []
        for program, count in zip(programs, per_program, strict=True):
            # Every two months or so, the latest announced recently.
            day = self.today - datetime.timedelta(days=count * 60 + self.rng.randint(30, 90))
            for number in range(1, count + 1):
                day += datetime.timedelta(days=self.rng.randint(40, 75))
                announced_at = None
                if self.chance(0.35) and forums_by_date:
                    announced_at = min(
                        forums_by_date, key=lambda f, d=day: abs((f.start_date - d).days)
                    )
                    day = announced_at.start_date
                batches.append(
                    EvaluationBatch(
                        program=program,
                        number=number,
                        slug=f"{program.slug}-batch-{number}",
                        announced_on=day,
                        announced_at=announced_at,
                        basis_standard=self.rng.choice(basis) if self.chance(0.2) else None,
                        notes="Results as announced, in the announcement's order."
                        if self.chance(0.2)
                        else "",
                        source=self.source,
                        **self.publication(PUBLISHED_SHARE["batches"], day),
                    )
                )
        self.batch_objs = self.save(EvaluationBatch, batches, "Evaluation batches")

    def results(self) -> None:
        pool = (
            self.companies + self.by_kind.get(K.RESEARCH_INSTITUTE, [])
            if self.companies
            else self.orgs
        )
        # A few companies take part in many batches, most in a few: at scale 1 the
        # busiest has about 200 results, the typical one about 20.
        weights = [1 / (rank + 300) for rank in range(len(pool))]
        cumulative, total = [], 0.0
        for weight in weights:
            total += weight
            cumulative.append(total)
        per_batch = self.counts["results_per_batch"]
        self.bar.set_description("Evaluation results")
        pending = []
        for batch in self.batch_objs:
            seen: set[tuple[int, str]] = set()
            picks = self.rng.choices(pool, cum_weights=cumulative, k=per_batch)
            for order, org in enumerate(picks, start=1):
                product = ""
                if self.chance(0.6):
                    product = f"{org.brand[:2].upper()}-{self.rng.choice(CHEMISTRIES)}-{self.rng.choice([10, 20, 50, 100, 160, 200, 280])}Ah"
                if (org.pk, product) in seen:
                    product = f"{product or org.brand[:2].upper()}-{order}"
                seen.add((org.pk, product))
                withdrawn_on, reason = None, ""
                if self.chance(0.005) and batch.announced_on:
                    withdrawn_on = batch.announced_on + datetime.timedelta(
                        days=self.rng.randint(30, 300)
                    )
                    reason = self.rng.choice(WITHDRAWAL_REASONS)
                pending.append(
                    EvaluationResult(
                        batch_id=batch.pk,
                        organization_id=org.pk,
                        product=product,
                        outcome=self.weighted(OUTCOME_WEIGHTS),
                        withdrawn_on=withdrawn_on,
                        withdrawal_reason=reason,
                        notes="Sample tested at the laboratory's low-temperature chamber."
                        if self.chance(0.03)
                        else "",
                        order=order,
                        source=self.source,
                    )
                )
            if len(pending) >= RESULT_CHUNK:
                self.save(EvaluationResult, pending, "Evaluation results")
                pending = []
        self.save(EvaluationResult, pending, "Evaluation results")


class Command(BaseCommand):
    help = (
        "Generate realistic synthetic data (scale 1: 10,000 organizations, 200,000 results), "
        "marked so that --remove deletes exactly it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=float, default=1.0, help="1 is the full size; 0.01 a hundredth."
        )
        parser.add_argument(
            "--seed", type=int, default=2025, help="The same seed gives the same data."
        )
        parser.add_argument(
            "--remove", action="store_true", help="Delete all synthetic rows and nothing else."
        )

    def handle(self, *args, scale: float, seed: int, remove: bool, **options):
        if remove:
            self.remove()
            return
        try:
            counts = plan(scale)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if self.has_synthetic_rows():
            raise CommandError(
                "The database already has synthetic data: run `manage.py generate_data --remove` first."
            )
        estimate = self.estimated_rows(counts)
        started = timezone.now()
        with (
            tqdm(
                total=estimate,
                unit=" rows",
                unit_scale=True,
                file=self.stderr._out,
                disable=options["verbosity"] == 0,
                dynamic_ncols=True,
            ) as bar,
            transaction.atomic(),
            # bulk_create sends no signals: one content-version bump at the end retires
            # the cached pages.
            bulk_change(),
            # Synthetic rows get no history entries (bulk_create makes none either).
            override_settings(SIMPLE_HISTORY_ENABLED=False),
        ):
            source = Source.objects.create(
                title=SYNTHETIC_SOURCE_TITLE,
                publication=SYNTHETIC_SOURCE_PUBLICATION,
                published_on=timezone.localdate(),
            )
            created = Generator(scale, seed, bar, source).run()
            bar.total = bar.n
            bar.set_description("Done")
            bar.refresh()
        seconds = (timezone.now() - started).total_seconds()
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {sum(created.values()):,} synthetic rows at scale {scale:g} in {seconds:.1f} s:"
            )
        )
        for label, count in created.items():
            self.stdout.write(f"  {label}: {count:,}")

    @staticmethod
    def estimated_rows(counts: dict[str, int]) -> int:
        forums, standards = counts["forums"], counts["standards"]
        # Per forum: roles, sessions, talks, speakers and links; per standard: drafters,
        # milestones and links (what a run at scale 1 makes, give or take a few per cent).
        forum_children = forums * 70
        standard_children = standards * 9.3
        headline = sum(v for k, v in counts.items() if k != "results_per_batch")
        return int(headline + forum_children + standard_children)

    @staticmethod
    def has_synthetic_rows() -> bool:
        source = synthetic_source()
        if source is not None:
            return True
        return any(
            model.objects.filter(slug__startswith=SYNTHETIC_PREFIX).exists()
            for model in (
                Organization,
                Person,
                ForumSeries,
                Forum,
                Committee,
                Standard,
                EvaluationProgram,
                EvaluationBatch,
            )
        )

    def remove(self) -> None:
        source = synthetic_source()
        deleted: Counter = Counter()
        try:
            # Removing synthetic rows is not an edit worth a history entry each, nor a
            # cache-retiring bump each: one at the end.
            with (
                transaction.atomic(),
                bulk_change(),
                override_settings(SIMPLE_HISTORY_ENABLED=False),
            ):
                for model, condition in synthetic_rows(source):
                    deleted.update(delete_rows(model.objects.filter(condition)))
                    history = history_model(model)
                    if history is not None:  # earlier versions of synthetic records
                        deleted.update(delete_rows(history.objects.filter(condition)))
                if source is not None:
                    deleted.update(delete_rows(Source.objects.filter(pk=source.pk)))
                    history = history_model(Source)
                    if history is not None:
                        deleted.update(delete_rows(history.objects.filter(id=source.pk)))
        except ProtectedError as error:
            blockers = sorted(
                {f"{obj._meta.label} #{obj.pk}" for obj in list(error.protected_objects)[:5]}
            )
            raise CommandError(
                "Real records refer to synthetic ones, so nothing was removed: "
                + ", ".join(blockers)
            ) from error
        total = sum(deleted.values())
        if not total:
            self.stdout.write("No synthetic data to remove.")
            return
        self.stdout.write(self.style.SUCCESS(f"Removed {total:,} synthetic rows:"))
        for label, count in sorted(deleted.items()):
            if count:
                self.stdout.write(f"  {label}: {count:,}")
