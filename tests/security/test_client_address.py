"""The client's address behind our proxies, and the login lock that falls on it."""

import pytest
from axes.models import AccessAttempt

from core.middleware import client_address

PROXY = "10.0.0.2"  # the TLS proxy: every request's TCP peer
ATTACKER = "198.51.100.66"
OWNER = "203.0.113.9"  # where root really signs in from


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "", PROXY),
        (0, ATTACKER, PROXY),  # no trusted proxy: the header is anybody's claim
        (1, "", PROXY),  # reached the app without passing the proxy
        (1, ATTACKER, ATTACKER),
        (1, f"{OWNER}, {ATTACKER}", ATTACKER),  # the left entry is the client's own
        (1, f"1.1.1.1,{OWNER} ,  {ATTACKER}", ATTACKER),
        (2, f"{OWNER}, {ATTACKER}, 10.0.0.1", ATTACKER),
        (2, ATTACKER, ATTACKER),  # fewer entries than proxies: all written by ours
        (1, "2001:db8::1", "2001:db8::1"),
        (1, "not-an-address", PROXY),
        (1, f"{OWNER}, ", PROXY),
    ],
)
def test_client_address_is_the_nth_entry_from_the_right(count, forwarded, expected):
    meta = {"REMOTE_ADDR": PROXY}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_address(meta, count) == expected


def throttled(settings, proxies: int) -> None:
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    settings.TRUSTED_PROXY_COUNT = proxies


@pytest.fixture
def root(django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.com", "root-password")


def sign_in(client, password, *, forwarded=None, peer=PROXY):
    headers = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(
        "/admin/login/?next=/admin/", {"username": "root", "password": password}, **headers
    )


def assert_signs_in(client, **where):
    response = sign_in(client, "root-password", **where)
    assert response.status_code == 302, response.status_code
    assert response["Location"] == "/admin/"
    client.logout()


def locked_addresses() -> set[str]:
    return set(AccessAttempt.objects.filter(username="root").values_list("ip_address", flat=True))


@pytest.mark.django_db
class TestBehindOneProxy:
    @pytest.fixture(autouse=True)
    def _one_proxy(self, settings):
        throttled(settings, proxies=1)

    def test_the_attacker_is_locked_and_the_owner_still_signs_in(self, client, root):
        for _ in range(4):
            assert sign_in(client, "guess", forwarded=ATTACKER).status_code == 200
        assert sign_in(client, "guess", forwarded=ATTACKER).status_code == 429
        # Locked for the attacker, even with the right password ...
        assert sign_in(client, "root-password", forwarded=ATTACKER).status_code == 429
        assert locked_addresses() == {ATTACKER}
        # ... and root, through the same proxy from another address, signs in.
        assert_signs_in(client, forwarded=OWNER)

    def test_a_forged_entry_on_the_left_neither_frees_the_attacker_nor_moves_the_lock(
        self, client, root
    ):
        for n in range(5):
            # A fresh made-up address each time, and then the owner's, to frame them.
            forged = f"192.0.2.{n}, {OWNER}"
            response = sign_in(client, "guess", forwarded=f"{forged}, {ATTACKER}")
        assert response.status_code == 429
        assert locked_addresses() == {ATTACKER}
        assert sign_in(client, "root-password", forwarded=f"{OWNER}, {ATTACKER}").status_code == 429
        assert_signs_in(client, forwarded=OWNER)


@pytest.mark.django_db
def test_without_trusted_proxies_x_forwarded_for_is_ignored(client, root, settings):
    throttled(settings, proxies=0)
    for n in range(5):
        response = sign_in(client, "guess", forwarded=f"192.0.2.{n}", peer=ATTACKER)
    assert response.status_code == 429
    assert locked_addresses() == {ATTACKER}
    # Claiming to be somebody else changes nothing ...
    assert sign_in(client, "root-password", forwarded=OWNER, peer=ATTACKER).status_code == 429
    # ... while root from another address signs in.
    assert_signs_in(client, peer=OWNER)
