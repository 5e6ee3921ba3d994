"""The organizations admin: found by native name and alias."""

import pytest

from directory.models import Organization
from tests.admin_support import AdminSearch
from tests.directory.factories import make_organization

pytestmark = pytest.mark.django_db


class TestSearch(AdminSearch):
    def test_organizations_by_native_name_and_alias(self, client, content, editor):
        client.force_login(editor)
        organization = make_organization(
            name="Weihai Sodium Co., Ltd.", native_name="威海钠电有限公司", aliases="WSC\nWeiNa"
        )
        assert self.search(client, Organization, "威海钠电") == [organization]
        assert self.search(client, Organization, "WeiNa") == [organization]
        lab = Organization.objects.get(slug="sai-laboratory")
        assert lab in self.search(client, Organization, "SAI Laboratory")
