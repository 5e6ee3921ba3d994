"""The URLs of the realistic run: what readers and crawlers ask for, thousands of them.

A sample of the sitemap (every kind of detail page), the lists with combinations of
their filters, sorts and pages, and global searches, each in its one canonical form
(a page answers any other form with a redirect, which is not what readers end on).
Everything is drawn with one seeded random generator: the same seed and data give
the same URLs.
"""

import random
import re
import urllib.parse

from pages import canonical_form, implied_values, last_page, query_names, search_url

LIST_VIEWS = [
    "forums:forum_list",
    "standards:standard_list",
    "evaluations:batch_list",
    "evaluations:result_list",
    "directory:organization_list",
]
# Pages every reader passes through, always in the set.
FIXED_PATHS = ["/", "/standards/lifecycle/", "/robots.txt", "/sitemap.xml"]
# Shares of the URL set: detail pages from the sitemap, list pages, searches.
SHARES = {"sitemap": 0.45, "lists": 0.40, "search": 0.15}
# Most readers stay on a list's first page; some page on, a few jump deep.
MORE_PAGES = [0, 0, 1, 1, 2]


def sitemap_locations(xml: str) -> tuple[bool, list[str]]:
    """Whether the sitemap is an index of others, and the path (and query) of every <loc>."""
    paths = []
    for loc in re.findall(r"<loc>\s*([^<\s]+)\s*</loc>", xml):
        parts = urllib.parse.urlsplit(loc.replace("&amp;", "&"))
        paths.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return "<sitemapindex" in xml, paths


def sitemap_paths(fetch, path: str = "/sitemap.xml") -> list[str]:
    """Every page the sitemap lists, following an index to its sections; `fetch(path)`
    gives a status and the text."""
    status, xml = fetch(path)
    if status != 200:
        return []
    is_index, paths = sitemap_locations(xml)
    if not is_index:
        return paths
    found = []
    for section in paths:
        status, xml = fetch(section)
        if status == 200:
            found += sitemap_locations(xml)[1]
    return found


def search_words(rng: random.Random, count: int = 300) -> list[str]:
    """Words readers search for: from names, titles and codes in the data."""
    from directory.models import Organization
    from standards.models import Standard

    names = _sample(Organization.objects.values_list("name", "native_name"), count, rng)
    standards = _sample(Standard.objects.public().values_list("title", "code"), count, rng)
    words = set()
    for name, native in names:
        words.update(word for word in re.findall(r"\w{4,}", name))
        if native:
            words.add(native[:2])
    for title, code in standards:
        words.update(word.lower() for word in re.findall(r"[A-Za-z]{5,}", title))
        if " " in code:
            words.add(re.sub(r"[—–]", "-", code.split(" ", 1)[1]))
    return sorted(words) or ["sodium"]


def _sample(queryset, count: int, rng: random.Random) -> list:
    """`count` rows drawn by the seeded generator (not ORDER BY random(): reproducible)."""
    rows = list(queryset.order_by("pk"))
    return rng.sample(rows, k=min(count, len(rows)))


def search_urls(count: int, words: list[str], rng: random.Random) -> set[str]:
    urls: set[str] = set()
    for _ in range(count * 5):
        if len(urls) >= count:
            break
        urls.add(search_url(" ".join(rng.sample(words, k=min(len(words), rng.choice([1, 1, 2]))))))
    return urls


def _years() -> list[str]:
    import datetime

    this_year = datetime.date.today().year
    return [str(year) for year in range(this_year - 9, this_year + 1)]


def _organization_slugs(rng: random.Random) -> list[str]:
    from directory.models import Organization

    return _sample(Organization.objects.values_list("slug", flat=True), 200, rng)


def value_pools(form, words: list[str], rng: random.Random) -> dict[str, list[str]]:
    """For each field of a list's filter form, values a reader could choose.

    Choices come from the form itself; free fields get words (search boxes), years,
    small numbers or organization slugs; a field of another kind is left out.
    """
    from django import forms

    pools = {}
    for name, field in form.fields.items():
        if hasattr(field, "choices"):
            pools[name] = [str(value) for value, _label in field.choices if str(value)]
        elif isinstance(field, forms.NullBooleanField):
            pools[name] = ["true", "false"]
        elif name == "q":
            pools[name] = words
        elif isinstance(field, forms.DecimalField | forms.IntegerField):
            is_year = (field.min_value or 0) >= 1900
            pools[name] = _years() if is_year else [str(n) for n in range(1, 11)]
        elif name == "organization":
            pools[name] = _organization_slugs(rng)
    return {name: values for name, values in pools.items() if values}


def _choose(pools: dict[str, list[str]], rng: random.Random) -> dict[str, str]:
    """None, one or two filters, and a sort half of the time."""
    filters = [name for name in pools if name != "sort"]
    data = {
        name: rng.choice(pools[name])
        for name in rng.sample(filters, k=min(len(filters), rng.choice([0, 1, 1, 2])))
    }
    if "sort" in pools and rng.random() < 0.5:
        data["sort"] = rng.choice(pools["sort"])
    return data


def list_urls(view_name: str, count: int, words: list[str], rng: random.Random) -> set[str]:
    """`count` canonical URLs of one list: filter combinations and some of their pages
    (the last page counted from the filtered rows, so that no page is past the end)."""
    from django.http import QueryDict
    from django.urls import resolve, reverse

    path = reverse(view_name)
    view_class = resolve(path).func.view_class
    names, implied = query_names(view_class), implied_values(view_class)
    queryset = view_class().get_queryset()
    form = view_class.filterset_class(QueryDict(), queryset=queryset).form
    pools = value_pools(form, words, rng)
    urls: set[str] = set()
    for _ in range(count * 5):
        if len(urls) >= count:
            break
        data = _choose(pools, rng)
        query = QueryDict(mutable=True)
        query.update(data)
        filterset = view_class.filterset_class(query, queryset=view_class().get_queryset())
        if not filterset.is_valid():
            continue
        last = last_page(filterset.qs.count())
        pages = {1} | {rng.randint(2, last) for _ in range(rng.choice(MORE_PAGES)) if last > 1}
        for page in pages:
            query.pop("page", None)
            if page > 1:
                query["page"] = str(page)
            canonical = canonical_form(query, names, implied)
            urls.add(f"{path}?{canonical}" if canonical else path)
    return urls


def realistic_urls(total: int, sitemap: list[str], seed: int) -> tuple[list[str], dict]:
    """About `total` distinct URLs (at least that many when the data allows), shuffled,
    and how many of each kind."""
    rng = random.Random(seed)  # noqa: S311 -- a reproducible sample, not a secret
    words = search_words(rng)
    chosen = {
        "fixed pages": set(FIXED_PATHS),
        "detail pages (sitemap sample)": set(
            rng.sample(sitemap, k=min(len(sitemap), round(total * SHARES["sitemap"])))
        ),
        "list pages (filters, sorts, pages)": set(),
    }
    per_list = round(total * SHARES["lists"] / len(LIST_VIEWS))
    for view_name in LIST_VIEWS:
        chosen["list pages (filters, sorts, pages)"] |= list_urls(view_name, per_list, words, rng)
    taken = set().union(*chosen.values())
    chosen["searches"] = search_urls(max(0, total - len(taken)), words, rng) - taken
    urls = sorted(taken | chosen["searches"])
    rng.shuffle(urls)
    return urls, {kind: len(found) for kind, found in chosen.items()}
