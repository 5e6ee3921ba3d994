"""Standard codes (standards.codes): one normalized form however a code is written, and
the mandate its prefix carries."""

import pytest

from standards.codes import DASHES, Mandate, mandate_for_code, normalize_code
from tests.standards.factories import make_standard


class TestNormalizeCode:
    @pytest.mark.parametrize(
        "written",
        [
            "T/CNESA 1006—2025",  # em dash, as the article writes it
            "T/CNESA 1006–2025",  # en dash
            "T/CNESA 1006-2025",  # hyphen-minus
            "t/cnesa 1006-2025",  # lower case
            "T／CNESA 1006—2025",  # full-width slash
            "Ｔ／ＣＮＥＳＡ　１００６－２０２５",  # full-width letters, digits, dash and space
            "T/CNESA １００６—２０２５",  # full-width digits only
            "  T / CNESA 1006 — 2025 ",  # extra and moved spacing
            "T/CNESA\t1006\u00a0—\n2025",  # tabs, no-break space, newline
        ],
    )
    def test_every_way_of_writing_the_code_folds_to_one_form(self, written):
        assert normalize_code(written) == "t/cnesa1006-2025"

    @pytest.mark.parametrize("dash", list(DASHES))
    def test_every_dash_kind_becomes_a_hyphen(self, dash):
        assert normalize_code(f"GB/T 44265{dash}2024") == "gb/t44265-2024"

    def test_different_codes_stay_different(self):
        assert normalize_code("T/CNESA 1006—2025") != normalize_code("T/CNESA 1006—2024")
        assert normalize_code("GB/T 1006") != normalize_code("GB/Z 1006")

    def test_empty_code_stays_empty(self):
        assert normalize_code("") == ""
        assert normalize_code("   ") == ""


@pytest.mark.django_db
class TestMandate:
    @pytest.mark.parametrize(
        ("code", "mandate"),
        [
            ("GB 31241-2022", Mandate.MANDATORY),
            ("GB 38031—2025", Mandate.MANDATORY),
            ("GB/T 44265-2024", Mandate.RECOMMENDED),
            ("gb/t 44265-2024", Mandate.RECOMMENDED),
            ("ＧＢ／Ｔ 44265—2024", Mandate.RECOMMENDED),
            ("GB/Z 42288-2022", Mandate.GUIDANCE),
            ("T/CNESA 1006—2025", Mandate.GROUP),
            ("T／CIAPS 0012-2022", Mandate.GROUP),
            ("IEC 62660-1:2018", Mandate.INTERNATIONAL),
            ("IEC/TS 63193", Mandate.INTERNATIONAL),
            ("ISO 12405-4:2018", Mandate.INTERNATIONAL),
            ("QC/T 1234-2025", Mandate.INDUSTRY),
            ("SJ/T 11796-2022", Mandate.INDUSTRY),
            ("DB37/T 4567-2023", Mandate.LOCAL),
            ("Q/HN 001-2024", Mandate.ENTERPRISE),
            ("", ""),
            ("Draft 3", ""),
        ],
    )
    def test_mandate_follows_the_code(self, code, mandate):
        assert mandate_for_code(code) == mandate

    def test_the_standard_reports_the_mandate_of_its_code(self):
        assert make_standard(code="GB/T 44265-2024").mandate == Mandate.RECOMMENDED
        assert make_standard(code="").mandate == ""
