import io

import pytest

# The admin tests' fixtures (content, superuser, staff), shared by every app's folder.
pytest_plugins = ["tests.admin_support"]


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache, so cached pages never leak between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo(db):
    """The demo content from the Weihai 2025 article."""
    from django.core.management import call_command

    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def editor(db, django_user_model):
    """A staff user in the Editor group, as editors are set up in production."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        "editor", "editor@example.com", "editor-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editor"))
    return user
