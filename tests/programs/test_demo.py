"""The demo programs: each role has work on its desk, the ledger's sentence and the alliance figures are the
letter's."""
from datetime import date

import pytest

from ipenforce.core.models import WorkItem
from ipenforce.programs.demo import seed_demo_programs
from ipenforce.programs.models import FundingApplication, PolicyDocument
from ipenforce.programs.selectors import alliance_figures, ledger_sentence

pytestmark = pytest.mark.django_db


def test_demo_programs(demo):
    assert seed_demo_programs() is True
    assert seed_demo_programs() is False  # once
    assert set(FundingApplication.objects.values_list("state", flat=True)) == {"expert_review", "submitted"}
    framework = PolicyDocument.objects.get(title__startswith="市政府与国家知识产权局")
    expected = ("从加快推进强国建设高地合作机制、重大政策法规体系、重大工程项目、深化改革四方面"
                "20项重点任务……目前已落实6项，正在推进14项。")
    assert ledger_sentence(framework) == expected
    figures = alliance_figures(demo.user("sz_head"), date(2018, 6, 30))
    assert (figures["ip"], figures["standards"], figures["published"]) == (20, 35, 381)
    desks = {name: {i["kind"] for i in demo.api(name).get("/api/v1/work-items", limit=200).json()["items"]}
             for name in ("ft_officer1", "ft_head", "sz_head")}
    assert "funding.next_step" in desks["ft_officer1"]  # the application awaiting acceptance / expert review
    assert "policy_task.approval" in desks["ft_head"]  # a 36条 task's progress awaiting the owner
    page = demo.client("ft_officer1").get("/")
    assert page.status_code == 200 and "资助与名录" in page.content.decode()
    assert WorkItem.objects.filter(kind="funding.next_step", closed_at__isnull=True).count() == 2
    expert_desk = {i["kind"] for i in demo.api("ft_legal").get("/api/v1/work-items", limit=200).json()["items"]}
    assert "funding.score_sheet" in expert_desk  # an expert's score sheet waits


def test_demo_enterprise_applies_from_its_own_account(demo):
    from ipenforce.programs.demo import seed_demo_enterprise_application
    from ipenforce.protection.demo import RIGHTS_HOLDER, seed_outside_organisations

    seed_demo_programs()
    seed_outside_organisations()
    assert seed_demo_enterprise_application() is True
    assert seed_demo_enterprise_application() is False  # once
    own = demo.api("rights_holder").get("/api/v1/programs/applications").json()["items"]
    assert [(a["applicant_name"], a["own_account"]) for a in own] == [(RIGHTS_HOLDER, True)]
    menu = demo.client("rights_holder").get("/programs/calls/").content.decode()
    assert "资助申报" in menu
