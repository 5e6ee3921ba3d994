"""Standard codes as written, and the normalized form used to look them up.

Codes carry real punctuation: `T/CNESA 1006—2025` (em dash), `GB/T 36276-2018`,
full-width slashes and letters in Chinese sources. The normalized form folds all of
that away so that `t/cnesa 1006-2025`, `T／CNESA 1006–2025` or `1006-2025` all find it.
"""

import re
import unicodedata

# Every dash a source may use between number and year.
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d"
_DASH_TRANSLATION = str.maketrans(dict.fromkeys(DASHES, "-"))
_WHITESPACE = re.compile(r"\s+")


def normalize_code(code: str) -> str:
    """Fold case, width, dash kinds and spacing: the form lookups compare."""
    folded = unicodedata.normalize("NFKC", code).translate(_DASH_TRANSLATION).casefold()
    return _WHITESPACE.sub("", folded)


class Mandate:
    MANDATORY = "Mandatory national standard"
    RECOMMENDED = "Recommended national standard"
    GUIDANCE = "Guidance technical document"
    GROUP = "Group (association) standard"
    INDUSTRY = "Industry standard"
    LOCAL = "Local standard"
    ENTERPRISE = "Enterprise standard"
    INTERNATIONAL = "International standard"


# Checked in order: the longest prefix first.
MANDATE_BY_PREFIX = [
    ("gb/t", Mandate.RECOMMENDED),
    ("gb/z", Mandate.GUIDANCE),
    ("gb", Mandate.MANDATORY),
    ("t/", Mandate.GROUP),
    ("db", Mandate.LOCAL),
    ("q/", Mandate.ENTERPRISE),
    ("iec", Mandate.INTERNATIONAL),
    ("iso", Mandate.INTERNATIONAL),
]
# Chinese industry standards: two letters, optionally /T, then the number (e.g. QC/T, SJ/T).
INDUSTRY_CODE = re.compile(r"^[a-z]{2}(/t)?\d")


def mandate_for_code(code: str) -> str:
    """What the code says about the standard's force; empty when it says nothing."""
    normalized = normalize_code(code)
    if not normalized:
        return ""
    for prefix, mandate in MANDATE_BY_PREFIX:
        if normalized.startswith(prefix):
            return mandate
    if INDUSTRY_CODE.match(normalized):
        return Mandate.INDUSTRY
    return ""
