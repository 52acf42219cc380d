"""Pages: login and lock-out, navigation by role, agency and user administration, profile tokens, language switch."""
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ipenforce.orgs.models import Agency, ApiToken, User
from tests.conftest import FUTIAN

pytestmark = pytest.mark.django_db


def test_login_redirects_to_the_workbench(demo):
    client = Client()
    response = client.post("/accounts/login/", {"username": "ft_officer1", "password": demo.password}, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "我的待办" in response.content.decode()


def test_anonymous_is_sent_to_login(db):
    assert Client().get("/agencies/")["Location"].startswith("/accounts/login/")


def test_wrong_password_page_and_lockout(demo, settings):
    client = Client()
    response = client.post("/accounts/login/", {"username": "ft_officer1", "password": "nope"})
    assert "用户名或密码错误" in response.content.decode()
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        response = client.post("/accounts/login/", {"username": "ft_officer1", "password": "nope"})
    assert response.status_code == 429 and "暂时锁定" in response.content.decode()


def test_navigation_shows_only_what_the_role_may_open(demo):
    officer = demo.client("ft_officer1").get("/").content.decode()
    admin = demo.client("ft_admin").get("/").content.decode()
    assert 'href="/users/"' not in officer and 'href="/users/"' in admin
    assert "系统后台" not in admin and "系统后台" in demo.client("admin").get("/").content.decode()


def test_create_agency_through_the_form(demo):
    client = demo.client("ft_admin")
    futian = demo.agency(FUTIAN)
    data = {"parent": futian.pk, "name": "福田监管局园岭市场监管所", "short_name": "深福园岭市监",
            "kind": "market_regulation",
            "level": "office", "region_code": "440303", "is_active": "on"}
    page = client.post("/agencies/new/", data).content.decode()
    assert "行政区划代码必须在上级单位辖区" in page and not Agency.objects.filter(name=data["name"]).exists()
    data["region_code"] = "440304"
    assert client.post("/agencies/new/", data).status_code == 302
    assert Agency.objects.get(name=data["name"]).parent == futian


def test_create_and_edit_user_through_the_form(demo):
    client = demo.client("ft_admin")
    data = {"username": "ft_clerk", "password": "Clerk-password-2026", "full_name": "文员",
            "agency": demo.agency(FUTIAN).pk,
            "roles": ["statistician"]}
    assert client.post("/users/new/", data).status_code == 302
    user = User.objects.get(username="ft_clerk")
    page = client.post(f"/users/{user.pk}/edit/", {**data, "roles": ["court_liaison"],
                                                   "is_active": "on"}).content.decode()
    assert "不能担任" in page and demo.user("ft_clerk").role_set == {"statistician"}


def test_profile_issues_and_revokes_tokens(demo):
    client = demo.client("ft_officer1")
    page = client.post("/profile/", {"name": "外部系统", "days": 30}).content.decode()
    token = ApiToken.objects.get(user__username="ft_officer1")
    assert 'data-testid="new-token"' in page and f"ipe_{token.prefix}_" in page
    assert f"ipe_{token.prefix}_" not in client.get("/profile/").content.decode()  # shown once only
    client.post(f"/profile/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_english_switch(demo):
    client = demo.client("ft_admin")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert "My work" in page and "我的待办" not in page
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "我的待办" in client.get("/").content.decode()


def test_rules_page_marks_unverified_values(demo):
    page = demo.client("ft_officer1").get("/rules/").content.decode()
    assert "行政处罚法" in page and 'data-testid="unverified"' in page
    assert "刑事立案追诉标准" in page and "销售侵权复制品罪" in page and "商标法》（2019）第六十条" in page
    result = demo.client("ft_officer1").get("/rules/", {"rule": "admin.lead_verification", "start": "2026-09-25",
                                                         "extensions_granted": 0}).content.decode()
    assert "2026-10-22" in result


def test_calendar_page_and_admin_year(demo):
    page = demo.client("ft_officer1").get("/calendar/?year=2026").content.decode()
    assert "春节" in page and "国庆节调休" in page
    client = demo.client("sz_admin")
    client.post("/calendar/years/", {"year": 2031})
    client.post("/calendar/days/", {"date": "2031-10-01", "is_working_day": "0", "name": "国庆节"})
    assert "国庆节" in client.get("/calendar/?year=2031").content.decode()
    assert demo.client("ft_admin").post("/calendar/years/", {"year": 2032}).status_code == 404


@pytest.mark.parametrize("url", ["/agencies/", "/users/", "/"])
def test_list_pages_run_a_bounded_number_of_queries(demo, url):
    client = demo.client("sz_supervisor")
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    with CaptureQueriesContext(connection) as again:
        client.get(url + "?page=1")
    assert len(first) <= 12 and len(again) == len(first)
