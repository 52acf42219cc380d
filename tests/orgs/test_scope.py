"""Data scope: a user of one district cannot read, list, export or act on another district's records."""
from io import BytesIO

import pytest
from openpyxl import load_workbook

from ipenforce.core.workitems import work_item_open
from ipenforce.orgs import selectors
from ipenforce.orgs.selectors import work_queue
from tests.conftest import CITY, FUTIAN, NANSHAN

pytestmark = pytest.mark.django_db


def _names(response):
    return {item["name"] for item in response.json()["items"]}


def test_district_officer_lists_only_own_subtree(demo):
    names = _names(demo.api("ft_officer1").get("/api/v1/agencies", limit=100))
    assert FUTIAN in names and "福田监管局华强北市场监管所" in names
    assert NANSHAN not in names and CITY not in names and "深圳市公安局" not in names


def test_other_district_agency_and_user_are_not_found(demo):
    client = demo.api("ft_admin")
    nanshan, ns_officer = demo.agency(NANSHAN), demo.user("ns_officer1")
    assert client.get(f"/api/v1/agencies/{nanshan.pk}").status_code == 404
    assert client.get(f"/api/v1/users/{ns_officer.pk}").status_code == 404
    assert client.patch(f"/api/v1/agencies/{nanshan.pk}", {"name": "x"}).status_code == 404
    assert client.patch(f"/api/v1/users/{ns_officer.pk}", {"is_active": False}).status_code == 404
    assert client.post(f"/api/v1/users/{ns_officer.pk}/password", {"password": "Another-long-pw-1"}).status_code == 404
    usernames = {u["username"] for u in client.get("/api/v1/users", limit=500).json()["items"]}
    assert "ft_officer1" in usernames and "ns_officer1" not in usernames and "sz_head" not in usernames
    assert demo.user("ns_officer1").is_active


def test_other_district_pages_are_not_found(demo):
    client = demo.client("ft_admin")
    assert client.get(f"/agencies/{demo.agency(NANSHAN).pk}/edit/").status_code == 404
    assert client.get(f"/users/{demo.user('ns_officer1').pk}/edit/").status_code == 404
    assert client.post(f"/users/{demo.user('ns_officer1').pk}/edit/", {"full_name": "x"}).status_code == 404
    page = client.get("/agencies/").content.decode()
    assert FUTIAN in page and NANSHAN not in page


def test_exports_respect_scope(demo):
    client = demo.client("ft_officer1")
    for url, own, other in (("/agencies/export.xlsx", FUTIAN, NANSHAN),
                            ("/users/export.xlsx", "ft_officer1", "ns_officer1")):
        response = client.get(url)
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        cells = {c for row in load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True) for c in row}
        assert own in cells and other not in cells


def test_officer_cannot_administer_own_district(demo):
    client = demo.api("ft_officer1")
    assert client.patch(f"/api/v1/agencies/{demo.agency(FUTIAN).pk}", {"short_name": "x"}).status_code == 403
    assert demo.client("ft_officer1").get("/agencies/new/").status_code == 404


def test_city_supervisor_and_oversight_bodies_see_the_jurisdiction(demo):
    for username in ("sz_supervisor", "sz_procurator", "sz_commission", "sz_justice"):
        names = _names(demo.api(username).get("/api/v1/agencies", limit=100))
        assert {CITY, FUTIAN, NANSHAN, "深圳市公安局"} <= names, username


def test_police_see_own_tree_and_the_bureaus_of_their_jurisdiction(demo):
    names = _names(demo.api("ft_police").get("/api/v1/agencies", limit=100))
    assert {"深圳市公安局福田分局", FUTIAN} <= names
    assert NANSHAN not in names and "深圳市公安局南山分局" not in names
    users = selectors.visible_users(demo.user("ft_police"))
    assert not users.filter(username="ft_officer1").exists()


def test_work_items_of_another_district_are_not_in_the_queue(demo):
    work_item_open(kind="test", title="福田事项", target=demo.agency(FUTIAN), assignee_agency=demo.agency(FUTIAN),
                   eligible_role="case_officer")
    assert work_queue(demo.user("ft_officer1")).count() == 1
    assert work_queue(demo.user("ns_officer1")).count() == 0
    titles = {i["title"] for i in demo.api("ns_officer1").get("/api/v1/work-items").json()["items"]}
    assert "福田事项" not in titles


def test_superuser_sees_everything(demo):
    everything = selectors.visible_agencies(demo.user("admin")).model.objects.count()
    assert selectors.visible_agencies(demo.user("admin")).count() == everything
