"""What is measured: the public pages, the admin pages, and their query counts.

The URLs come from the data of the database Django is connected to (harness.use_database):
real slugs, the busiest records and the last page of each filtered list, so that the
same named page is measured at every scale.
"""

import inspect
import math
import re
import secrets
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.cookies import SimpleCookie

# Paths the URL contract (DESIGN.md) names that pages_to_measure() has no record for.
CONTRACT_PATHS = ["/people/", "/api/", "/api/openapi.json"]


@dataclass
class Page:
    name: str  # the same at every scale: results are matched by it
    path: str
    note: str = ""


def query_names(view_class) -> list[str]:
    """The query parameters a list reads, in its canonical order (the view says which:
    in some versions from its class, in others from a filterset's form)."""
    from django.http import QueryDict

    view = view_class()
    filterset = view_class.filterset_class(QueryDict(), queryset=view.get_queryset())
    method = getattr(view, "query_parameters", None)
    if method is None:
        return [*filterset.form.fields, "page"]
    if "filterset" in inspect.signature(method).parameters:
        return method(filterset)
    return method()


def canonical_form(query, names, implied=None) -> str:
    """The query string in the form the page answers 200 to (any other form redirects):
    `implied` holds the values a list applies when a parameter is absent (its default
    sort), which the canonical form leaves out."""
    try:
        from core.page_cache import canonical_query
    except ImportError:  # code from before canonical URLs: any order answers 200
        pairs = [(name, query[name].strip()) for name in names if query.get(name, "").strip()]
        return urllib.parse.urlencode(pairs)
    return canonical_query(query, names, implied)


def implied_values(view_class) -> dict[str, str]:
    """The values a list applies when a parameter is absent (none in code without them)."""
    from django.http import QueryDict

    try:
        from core.listing import implied_values as implied_by_form
    except ImportError:
        return {}
    view = view_class()
    return implied_by_form(
        view_class.filterset_class(QueryDict(), queryset=view.get_queryset()).form
    )


def list_url(view_name: str, **params) -> str:
    """A list's URL in its one canonical form."""
    from django.http import QueryDict
    from django.urls import resolve, reverse

    path = reverse(view_name)
    query = QueryDict(mutable=True)
    for name, value in params.items():
        if not (name == "page" and value == 1):  # the first page has no number
            query[name] = str(value)
    view_class = resolve(path).func.view_class
    canonical = canonical_form(query, query_names(view_class), implied_values(view_class))
    return f"{path}?{canonical}" if canonical else path


def search_url(text: str) -> str:
    from django.conf import settings
    from django.http import QueryDict

    names = getattr(settings, "PAGE_CACHE_QUERY_PARAMETERS", {}).get("core:search", ["q"])
    query = QueryDict(mutable=True)
    query["q"] = text
    return "/search/?" + canonical_form(query, names)


def last_page(count: int, per_page: int | None = None) -> int:
    """The last page a list answers 200 for: its rows' last page, or the bound on how
    deep a list pages (core.pagination.MAX_PAGES) in code that has one."""
    from core.listing import FilteredListView

    try:
        from core.pagination import MAX_PAGES
    except ImportError:
        MAX_PAGES = math.inf
    per_page = per_page or FilteredListView.paginate_by
    return max(1, min(MAX_PAGES, math.ceil(count / per_page)))


def _busiest_records():
    """The synthetic forum, standard, batch, organization and person with the most to show."""
    from django.db.models import Count, Q

    from directory.models import Organization, Person
    from evaluations.models import EvaluationBatch, EvaluationResult
    from forums.models import Forum, Talk
    from sampledata.synthetic import SYNTHETIC_PREFIX
    from standards.models import Standard

    synthetic = Q(slug__startswith=SYNTHETIC_PREFIX)
    public_results = EvaluationResult.public_condition("evaluation_results__")
    public_talks = Talk.public_condition("talk_credits__talk__")
    return {
        "forum": Forum.objects.public()
        .filter(synthetic)
        .annotate(n=Count("talks"))
        .order_by("-n", "pk")
        .first(),
        "standard": Standard.objects.public()
        .filter(synthetic)
        .annotate(n=Count("drafting_roles", distinct=True) + Count("milestones", distinct=True))
        .order_by("-n", "pk")
        .first(),
        "batch": EvaluationBatch.objects.public()
        .filter(synthetic)
        .annotate(n=Count("results"))
        .order_by("-announced_on_effective", "pk")
        .first(),
        "organization": Organization.objects.filter(synthetic)
        .annotate(n=Count("evaluation_results", filter=public_results))
        .order_by("-n", "pk")
        .first(),
        "person": Person.objects.filter(synthetic)
        .annotate(n=Count("talk_credits", filter=public_talks))
        .order_by("-n", "pk")
        .first(),
    }


def _code_query() -> str:
    """A group standard's code as a reader types it: `1006-2025` for `T/CNESA 1006—2025`."""
    from sampledata.synthetic import SYNTHETIC_PREFIX
    from standards.models import Standard

    code = (
        Standard.objects.public()
        .filter(slug__startswith=SYNTHETIC_PREFIX, code__startswith="T/")
        .values_list("code", flat=True)
        .first()
        or "T/CNESA"
    )
    number = code.split(" ", 1)[1] if " " in code else code
    return re.sub(r"[—–]", "-", number)


def _list_pages(program_slug: str) -> list[Page]:
    from directory.models import Organization
    from evaluations.models import EvaluationBatch, EvaluationResult
    from forums.models import Forum
    from standards.models import Standard

    forums_last = last_page(Forum.objects.public().count())
    standards_last = last_page(Standard.objects.public().filter(level="group").count())
    batches_last = last_page(EvaluationBatch.objects.public().count())
    passed_last = last_page(EvaluationResult.objects.public().filter(outcome="passed").count())
    companies_last = last_page(Organization.objects.filter(kind="company").count())
    return [
        Page("Forums, first page", list_url("forums:forum_list")),
        Page(
            "Forums, last page by title",
            list_url("forums:forum_list", sort="title", page=forums_last),
        ),
        Page("Standards, first page", list_url("standards:standard_list")),
        Page(
            "Standards, group, last page",
            list_url("standards:standard_list", level="group", page=standards_last),
        ),
        Page("Standards, search", list_url("standards:standard_list", q="sodium")),
        Page("Batches, first page", list_url("evaluations:batch_list")),
        Page(
            "Batches, last page by program",
            list_url("evaluations:batch_list", sort="program", page=batches_last),
        ),
        Page("Results, first page", list_url("evaluations:result_list")),
        Page(
            "Results, passed, last page",
            list_url("evaluations:result_list", outcome="passed", page=passed_last),
        ),
        Page(
            "Results, one program, passed",
            list_url("evaluations:result_list", program=program_slug, outcome="passed"),
        ),
        Page("Results, search", list_url("evaluations:result_list", q="energy")),
        Page("Organizations, first page", list_url("directory:organization_list")),
        Page(
            "Organizations, companies, last page",
            list_url("directory:organization_list", kind="company", page=companies_last),
        ),
    ]


def pages_to_measure() -> list[Page]:
    """Every public page: the home page, each list (first page, a deep filtered page, a
    search), each detail page, search, the lifecycle page, the sitemap and robots.txt."""
    from evaluations.models import EvaluationProgram

    records = _busiest_records()
    program = EvaluationProgram.objects.order_by("pk").values_list("slug", flat=True).first()
    pages = [
        Page("Health check (floor)", "/healthz"),
        Page("Home", "/"),
        *_list_pages(program or ""),
        Page("Standard lifecycle", "/standards/lifecycle/"),
    ]
    notes = {
        "forum": "{} talks",
        "standard": "{} drafters and milestones",
        "batch": "{} results",
        "organization": "{} results",
        "person": "{} talks",
    }
    for kind, record in records.items():
        if record is not None:
            pages.append(
                Page(
                    f"{kind.capitalize()} detail",
                    record.get_absolute_url(),
                    notes[kind].format(record.n),
                )
            )
    pages += _api_pages(records)
    pages += [
        Page("Search, words", search_url("sodium battery")),
        Page("Search, standard code", search_url(_code_query())),
        Page("Sitemap", "/sitemap.xml"),
        *_sitemap_sections(),
        Page("robots.txt", "/robots.txt"),
    ]
    return pages


def _api_pages(records: dict) -> list[Page]:
    """The JSON API's lists (first page, a filtered one, the largest page size) and its
    records, the busiest ones (none in code from before the API)."""
    from django.urls import NoReverseMatch, reverse

    try:
        reverse("api:root")
    except NoReverseMatch:
        return []
    pages = [
        Page("API root", "/api/"),
        Page("API forums", "/api/forums/"),
        Page("API standards, group", "/api/standards/?level=group"),
        Page("API results, passed, 100 a page", "/api/results/?outcome=passed&page_size=100"),
        Page("API organizations", "/api/organizations/"),
    ]
    details = {
        "forum": "forum",
        "standard": "standard",
        "batch": "batch",
        "organization": "organization",
        "person": "person",
    }
    for kind, basename in details.items():
        if (record := records.get(kind)) is not None:
            path = reverse(f"api:{basename}-detail", kwargs={"slug": record.slug})
            pages.append(Page(f"API {kind}", path))
    return pages


def _sitemap_sections() -> list[Page]:
    """The organizations' section (the biggest) when the sitemap is an index of sections."""
    from django.test import Client
    from traffic import sitemap_locations

    response = Client(SERVER_NAME="127.0.0.1").get("/sitemap.xml")
    is_index, sections = sitemap_locations(response.content.decode())
    if response.status_code != 200 or not is_index or not sections:
        return []
    biggest = next((path for path in sections if "organization" in path), sections[-1])
    return [Page("Sitemap, organizations section", biggest)]


# --- The admin ----------------------------------------------------------------------------


def admin_pages() -> list[Page]:
    """The results changelist as editors use it (plain, searched, filtered, deep), other
    changelists, and a batch's change form with its results inline."""
    from django.contrib import admin
    from django.db.models import Count

    from directory.models import Organization
    from evaluations.models import EvaluationBatch, EvaluationProgram, EvaluationResult

    results = "/admin/evaluations/evaluationresult/"
    per_page = admin.site.get_model_admin(EvaluationResult).list_per_page
    # The last page the changelist answers (200 pages deep in code that bounds it).
    last = last_page(EvaluationResult.objects.count(), per_page)
    name = Organization.objects.order_by("pk").values_list("name", flat=True).first() or "Battery"
    word = max(name.split(), key=len)
    program = EvaluationProgram.objects.order_by("pk").values_list("pk", flat=True).first()
    batch = (
        EvaluationBatch.objects.annotate(n=Count("results"))
        .filter(n__gte=100)
        .order_by("n", "pk")
        .first()
    ) or EvaluationBatch.objects.annotate(n=Count("results")).order_by("-n", "pk").first()
    filters = urllib.parse.urlencode(
        {
            "batch__program__id__exact": program,
            "organization__kind__exact": "company",
            "outcome__exact": "passed",
        }
    )
    pages = [
        Page("Results changelist", results),
        Page("Results changelist, search", f"{results}?{urllib.parse.urlencode({'q': word})}"),
        Page("Results changelist, three filters", f"{results}?{filters}"),
        Page("Results changelist, last page", f"{results}?p={last}"),
        Page("Batches changelist", "/admin/evaluations/evaluationbatch/"),
        Page("Standards changelist", "/admin/standards/standard/"),
        Page("Organizations changelist", "/admin/directory/organization/"),
    ]
    if batch is not None:
        pages.append(
            Page(
                "Batch change form",
                f"/admin/evaluations/evaluationbatch/{batch.pk}/change/",
                f"{batch.n} results",
            )
        )
    return pages


def create_superuser():
    """A superuser for this run only, with a random password made now (never stored)."""
    from django.contrib.auth import get_user_model

    password = secrets.token_urlsafe(24)
    user = get_user_model().objects.create_superuser(
        username=f"bench-{secrets.token_hex(6)}", email="", password=password
    )
    return user, password


def remove_superuser(user, session_key: str) -> None:
    from django.contrib.sessions.models import Session

    if session_key:
        Session.objects.filter(session_key=session_key).delete()
    user.delete()


def _cookies(headers) -> dict[str, str]:
    jar = SimpleCookie()
    for header in headers.get_all("Set-Cookie") or []:
        jar.load(header)
    return {name: morsel.value for name, morsel in jar.items()}


def sign_in(base: str, username: str, password: str) -> str:
    """Sign in through the admin's login form over HTTP; the session cookie's value.

    The cookies are carried by hand: in production they are Secure, which a cookie jar
    would not send back over the bench's plain HTTP on loopback.
    """
    from django.conf import settings

    opener = urllib.request.build_opener(_NoRedirectHandler())
    login = f"{base}/admin/login/"
    with opener.open(login, timeout=60) as response:
        body, cookies = response.read(), _cookies(response.headers)
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if match is None or settings.CSRF_COOKIE_NAME not in cookies:
        raise RuntimeError("the admin login page gave no CSRF token")
    form = {"username": username, "password": password, "next": "/admin/"}
    form["csrfmiddlewaretoken"] = match.group(1).decode()
    request = urllib.request.Request(  # noqa: S310 -- http on loopback
        login,
        data=urllib.parse.urlencode(form).encode(),
        headers={
            "Cookie": f"{settings.CSRF_COOKIE_NAME}={cookies[settings.CSRF_COOKIE_NAME]}",
            "Referer": login,
        },
    )
    try:
        opener.open(request, timeout=60).close()
        raise RuntimeError("signing in did not redirect (wrong password or locked out?)")
    except urllib.error.HTTPError as error:  # the 302 to /admin/ on success
        if error.code != 302:
            raise RuntimeError(f"signing in answered {error.code}") from error
        session = _cookies(error.headers).get(settings.SESSION_COOKIE_NAME)
    if not session:
        raise RuntimeError("signing in set no session cookie")
    return session


class _NoRedirectHandler(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


# --- Query counts ---------------------------------------------------------------------------


def count_queries(path: str, user=None) -> tuple[int, int]:
    """The status and number of queries of one request through Django's test client, in
    this process (page cache off), signed in as `user` when given."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(SERVER_NAME="127.0.0.1")  # the one allowed host
    if user is not None:
        client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
        if response.streaming:
            for _chunk in response.streaming_content:
                pass
    return response.status_code, len(captured)
