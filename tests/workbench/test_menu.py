"""The menu stays one line wide for every role: entries are grouped, a group of one shows as a plain link."""
from django.test import RequestFactory

from ipenforce.orgs.models import User
from ipenforce.workbench.navigation import navigation


def test_every_demo_user_has_a_short_menu_of_groups(demo):
    for user in User.objects.filter(is_active=True):
        request = RequestFactory().get("/")
        request.user = user
        groups = navigation(request)["nav_groups"]
        assert 1 <= len(groups) <= 6, (user.username, [label for label, *_ in groups])
        keys = [key for _label, entries, _current in groups for _url, _name, key in entries]
        assert len(keys) == len(set(keys)), user.username  # no page twice


def test_the_group_of_the_current_page_is_marked(demo):
    page = demo.client("sz_head").get("/command/").content.decode()
    assert 'dropdown-toggle active' in page and 'dropdown-item active' in page
