"""API route for the caller's work queue."""
from datetime import datetime

from ninja import Router, Schema
from ninja.pagination import paginate

from ipenforce.core.pagination import LimitOffset
from ipenforce.orgs.selectors import work_queue

router = Router(tags=["workbench"])


class WorkItemOut(Schema):
    id: int
    kind: str
    title: str
    target_type: str
    target_id: str
    url: str
    assignee_agency_id: int | None
    eligible_role: str
    due_at: datetime | None
    due_status: str
    created_at: datetime


@router.get("/work-items", response=list[WorkItemOut], summary="我的待办（按期限排序）")
@paginate(LimitOffset)
def work_item_list(request):
    return work_queue(request.auth)
