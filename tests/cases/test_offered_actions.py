"""Only the actions that can apply now are offered, on the page and in the API (issue 15): a standing guard of
the case procedure hides an action whose precondition does not hold, and still refuses it when performed."""
from datetime import date

import pytest

from ipenforce.cases.choices import State
from ipenforce.cases.workflow import CASE, Facts
from ipenforce.workflow.definitions import check, hidden
from tests.cases.conftest import today

pytestmark = pytest.mark.django_db


def _offered(walker, username="ft_officer1"):
    """The actions the API offers and the action forms the case page shows, for the same user."""
    api = walker.refresh(username)["available_actions"]
    page = walker.demo.client(username).get(f"/cases/{walker.case['id']}/").content.decode()
    shown = {key for key in walker.demo_keys if f'data-testid="action-{key}"' in page}
    return set(api), shown


def _to_statement(walker, proposed_fine: str):
    """A trademark case served its 告知书 proposing `proposed_fine` yuan (120000 gives a right to a hearing)."""
    walker.register("trademark", illegal_turnover="80000")
    walker.to_investigation()
    walker.act("ft_officer1", "submit_report", findings="事实清楚", proposed_fine=proposed_fine)
    walker.refresh("ft_legal")
    walker.act("ft_legal", "review_pass", opinion="同意")
    walker.refresh()
    walker.act("ft_officer1", "serve_notice", served_on=str(today()))


@pytest.fixture
def offered(walker):
    from ipenforce.cases.workflow import CASE
    walker.demo_keys = set(CASE.actions)
    return lambda username="ft_officer1": _offered(walker, username)


def test_testing_end_only_while_a_test_is_under_way(walker, offered):
    walker.register("trademark", illegal_turnover="80000")
    walker.to_investigation()
    for actions in offered():
        assert "testing_end" not in actions and "testing_start" in actions
    assert walker.act("ft_officer1", "testing_end", expect=422, ended_on=str(today()),
                      outcome="x")["code"] == "no_testing"
    walker.act("ft_officer1", "testing_start", started_on=str(today()), place="某检测院", items="样品5个")
    for actions in offered():
        assert "testing_end" in actions and "testing_start" not in actions
    walker.act("ft_officer1", "testing_end", ended_on=str(today()), outcome="系假冒产品")
    for actions in offered():
        assert "testing_end" not in actions


def test_seizure_actions_follow_the_seizure(walker, offered):
    walker.register("trademark", illegal_turnover="80000")
    walker.to_investigation()
    for actions in offered():
        assert {"seize", "preserve"} <= actions
        assert not actions & {"extend_seizure", "release_seizure", "preservation_decide"}
    walker.act("ft_officer1", "seize", items="假冒充电器1200个", place="当事人仓库")
    walker.approve_chain("ft_head")
    for actions in offered():
        assert {"extend_seizure", "release_seizure"} <= actions and "seize" not in actions
    walker.act("ft_officer1", "extend_seizure", reason="需进一步鉴定")
    walker.approve_chain("ft_head")
    for actions in offered():
        assert "extend_seizure" not in actions and "release_seizure" in actions


def test_resume_only_while_suspended(walker, offered):
    walker.register("trademark", illegal_turnover="80000")
    walker.to_investigation()
    for actions in offered():
        assert "resume" not in actions and "suspend" in actions
    walker.act("ft_officer1", "suspend", reason="等待权利人鉴定")
    walker.approve_chain("ft_head")
    for actions in offered():
        assert "resume" in actions and "suspend" not in actions


def test_no_hearing_request_without_the_right_and_no_second_publicity(walker, offered):
    _to_statement(walker, "1000")
    assert walker.state == "statement"  # a fine of 1000 yuan gives no right to a hearing
    for actions in offered():
        assert "request_hearing" not in actions and "end_statement" in actions
    walker.act("ft_officer1", "end_statement", waived=True)
    walker.to_execution("1000")
    walker.act("ft_officer1", "record_payment", amount="1000", paid_on=str(today()), receipt_no="A001")
    assert walker.state == "closing"
    for actions in offered():
        assert "publish" in actions
    walker.act("ft_officer1", "publish", published_on=str(today()))
    for actions in offered():
        assert "publish" not in actions and "close" in actions
    assert walker.act("ft_officer1", "publish", expect=422,
                      published_on=str(today()))["code"] == "already_published"


def test_hearing_offered_with_the_right_and_held_only_once_scheduled(walker, offered):
    _to_statement(walker, "120000")
    for actions in offered():
        assert "request_hearing" in actions
    walker.act("ft_officer1", "request_hearing", requested_on=str(today()))
    for actions in offered():
        assert "schedule_hearing" in actions and "hold_hearing" not in actions


def test_what_the_officers_recorded_is_shown_on_the_case(walker):
    walker.register("trademark", illegal_turnover="80000")
    walker.to_investigation()
    page_url = f"/cases/{walker.case['id']}/"
    assert 'data-testid="case-statements"' not in walker.demo.client("ft_officer1").get(page_url).content.decode()
    walker.act("ft_officer1", "submit_report", findings="事实清楚", proposed_fine="120000")
    walker.refresh("ft_legal")
    walker.act("ft_legal", "review_pass", opinion="同意")
    walker.refresh()
    walker.act("ft_officer1", "serve_notice", served_on=str(today()))
    walker.act("ft_officer1", "record_statement",
               content="当事人称系初次销售，货源来自广州某批发市场。\n经复核，当事人未能提供进货凭证，申辩不予采纳。")
    walker.act("ft_officer1", "request_hearing", requested_on=str(today()))
    statements = walker.refresh()["statements"]
    assert [s["action"] for s in statements] == ["serve_notice", "record_statement", "request_hearing"]
    recorded = statements[1]["facts"][0]
    assert recorded["label"] == "陈述申辩内容及复核意见" and recorded["text"].startswith("当事人称系初次销售")
    page = walker.demo.client("ft_officer1").get(page_url).content.decode()
    section = page.split('data-testid="case-statements"')[1].split('<ul class="nav nav-tabs"')[0]
    assert "当事人称系初次销售，货源来自广州某批发市场。<br>经复核，当事人未能提供进货凭证，申辩不予采纳。" in section
    assert "当事人申请听证" in section and "申请日期" in section and str(today()) in section


@pytest.mark.parametrize("action,facts,hide,code", [
    ("appeal_start", {"state": State.CLOSED}, True, "not_decided"),  # closed after the police took the case
    ("appeal_start", {"state": State.CLOSED, "decided_on": date(2026, 5, 1)}, False, None),
    ("appeal_end", {"state": State.EXECUTING, "decided_on": date(2026, 5, 1)}, True, "no_open_appeal"),
    ("record_destruction", {"state": State.EXECUTING, "decided_on": date(2026, 5, 1)}, True, "nothing_confiscated"),
    ("record_destruction", {"state": State.EXECUTING, "decided_on": date(2026, 5, 1), "confiscated_items": True},
     False, None),
    ("extend_decision_further", {"state": State.INVESTIGATING, "decision_extensions_allowed": 1}, True,
     "decision_extension_first"),
    ("hold_hearing", {"state": State.HEARING}, True, "hearing_not_scheduled"),
    ("hold_hearing", {"state": State.HEARING, "hearing_scheduled": True}, False, None),
])
def test_standing_guards_hide_and_still_refuse(action, facts, hide, code):
    """Hidden exactly when a standing guard refuses on the facts alone; performing it anyway gets that refusal."""
    case_facts = Facts(**{"procedure": "ordinary", "today": date(2026, 6, 1), **facts})
    assert hidden(CASE.actions[action], case_facts) is hide
    if code:
        assert check(CASE.actions[action], case_facts, {}).code == code
