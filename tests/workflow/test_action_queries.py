"""The queries of one workflow action through the API (the bench's "approval action" and its kin): a fixed
number, whatever the size of the database — the subject locked and read in one statement and reused for the
answer, work items and audit events written set-based. Each limit is below what the action took before."""
import pytest

from ipenforce.core.audit import verify_chain
from ipenforce.core.models import AuditEvent, WorkItem
from ipenforce.workflow.selectors import approval_queue

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposed(walker):
    """A case whose filing waits on 福田's unit head, then the head (the approval chain of 立案)."""
    walker.register("trademark", illegal_turnover="600000")
    walker.act("ft_unithead", "assign_officers",
               officers=[walker.demo.user(name).pk for name in ("ft_officer1", "ft_officer2")])
    walker.act("ft_officer1", "triage", procedure="ordinary", reason="罚款须按违法经营额计算")
    walker.act("ft_officer1", "file", comment="拟立案")
    walker.refresh("ft_unithead")
    return walker


def _events_since(seq: int) -> list[str]:
    return list(AuditEvent.objects.filter(seq__gt=seq).order_by("seq").values_list("action", flat=True))


def _last_seq() -> int:
    return AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first()


def test_approving_a_step(proposed, django_assert_max_num_queries):
    demo, case_id, seq = proposed.demo, proposed.case["id"], _last_seq()
    with django_assert_max_num_queries(35):  # 60 before
        answer = proposed.act("ft_unithead", "approve", comment="同意")
    assert answer["pending_approval"]["awaiting"] == "agency_head"
    assert answer["timeline"][-1]["comment"] == "同意"
    assert _events_since(seq) == ["case.file.approved_step"]
    waiting = approval_queue(demo.user("ft_head")).get(target_id=str(case_id))
    assert waiting.eligible_role == "agency_head"
    assert not approval_queue(demo.user("ft_unithead")).filter(target_id=str(case_id)).exists()
    assert demo.user("ft_head").notifications.filter(item=waiting).exists()
    assert verify_chain().ok


def test_stale_version_is_refused(proposed):
    proposed.case["version"] -= 1
    refused = proposed.act("ft_unithead", "approve", expect=409, comment="同意")
    assert refused["code"] == "stale_version"


def test_the_last_approval_files_the_case(proposed, django_assert_max_num_queries):
    proposed.act("ft_unithead", "approve", comment="同意")
    proposed.refresh("ft_head")
    seq = _last_seq()
    with django_assert_max_num_queries(67):  # 126 before
        answer = proposed.act("ft_head", "approve", comment="同意")
    assert answer["state"] == "investigating" and answer["pending_approval"] is None
    assert _events_since(seq) == ["case.file", "work_item.done", "work_item.done", "work_item.open"]
    open_kinds = set(WorkItem.objects.filter(target_id=str(proposed.case["id"]), state=WorkItem.OPEN)
                     .values_list("kind", flat=True))
    assert open_kinds == {"deadline:admin.decision_ordinary", "case.crime_alert"}  # 600,000 yuan: a crime alert
    assert verify_chain().ok


def test_proposing_and_sending_back(proposed, django_assert_max_num_queries):
    with django_assert_max_num_queries(31):  # 60 before
        answer = proposed.act("ft_unithead", "send_back", comment="补充材料")
    assert answer["pending_approval"] is None
    proposed.refresh()
    with django_assert_max_num_queries(52):  # 80 before
        answer = proposed.act("ft_officer1", "file", comment="拟立案")
    assert answer["pending_approval"]["awaiting"] == "unit_head"
    assert approval_queue(proposed.demo.user("ft_unithead")).filter(target_id=str(proposed.case["id"])).exists()
