"""Production password hashing and Django's own createsuperuser."""
import pytest
from django.core.management import call_command

from ipenforce.orgs.models import User
from ipenforce.orgs.permissions import can_administer
from ipenforce.orgs.selectors import visible_agencies


@pytest.mark.real_hasher
@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2():
    user = User.objects.create_superuser("root", password="A-long-passphrase-2026")
    assert user.password.startswith("argon2$")
    assert user.check_password("A-long-passphrase-2026")


def test_createsuperuser_noinput_makes_an_administrator_without_agency(demo, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "A-long-passphrase-2026")
    call_command("createsuperuser", "--noinput", username="chief", email="chief@example.cn", verbosity=0)
    chief = User.objects.get(username="chief")
    assert chief.agency_id is None and chief.is_superuser
    assert can_administer(chief)
    assert visible_agencies(chief).count() == visible_agencies(demo.user("admin")).count() > 10
