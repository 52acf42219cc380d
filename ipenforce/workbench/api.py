"""API routes of the workbench: the caller's work queue, notifications and e-mail preferences, the command view."""
from datetime import datetime
from typing import Literal

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate

from ipenforce.core.errors import NotFound, PermissionDenied
from ipenforce.core.pagination import CappedLimitOffset, LimitOffset
from ipenforce.core.schemas import DbId
from ipenforce.orgs.selectors import work_queue
from ipenforce.workbench import selectors, services
from ipenforce.workbench.command import FIGURES, board, command_root, unit_work_items
from ipenforce.workbench.permissions import may_command
from ipenforce.workflow.selectors import approval_queue

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
@paginate(CappedLimitOffset)
def work_item_list(request, approvals: bool = False):
    """The caller's open work items; `approvals=true`: only the approvals waiting on them (待我审批). `count` stops
    at 1,000 (`capped`: there are more)."""
    return approval_queue(request.auth) if approvals else work_queue(request.auth)


class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    url: str
    item_id: int
    item_state: str
    due_at: datetime | None
    created_at: datetime
    read_at: datetime | None

    @staticmethod
    def resolve_title(obj) -> str:
        return obj.item.title

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.item.url

    @staticmethod
    def resolve_item_state(obj) -> str:
        return obj.item.state

    @staticmethod
    def resolve_due_at(obj):
        return obj.item.due_at


class PreferenceIO(Schema):
    email_new: bool
    email_due_soon: bool
    email_overdue: bool


class ReadAllOut(Schema):
    read: int


@router.get("/notifications", response=list[NotificationOut],
            summary="我的消息（新待办、即将到期、已逾期；unread=true 只看未读）")
@paginate(LimitOffset)
def notification_list(request, unread: bool = False):
    return selectors.inbox(request.auth, unread_only=unread)


@router.post("/notifications/{notification_id}/read", response=NotificationOut, summary="标为已读")
def notification_read(request, notification_id: DbId):
    notification = get_object_or_404(selectors.inbox(request.auth), pk=notification_id)
    return services.notification_read(user=request.auth, notification=notification)


@router.post("/notifications/read-all", response=ReadAllOut, summary="全部标为已读")
def notifications_read_all(request):
    return {"read": services.notifications_read_all(user=request.auth)}


@router.get("/notification-preferences", response=PreferenceIO, summary="我的邮件提醒设置")
def preference_get(request):
    return selectors.preference(request.auth)


@router.put("/notification-preferences", response=PreferenceIO, summary="修改我的邮件提醒设置")
def preference_put(request, payload: PreferenceIO):
    return services.preference_save(user=request.auth, **payload.dict())


class TallyOut(Schema):
    total: int
    attention: int
    late: int
    light: str
    url: str
    late_url: str


class FigureOut(Schema):
    key: str
    title: str
    meaning: str


class CommandRowOut(Schema):
    unit_id: int
    name: str
    depth: int
    has_units: bool
    figures: dict[str, TallyOut]


class CommandOut(Schema):
    unit_id: int
    name: str
    figures: list[FigureOut]
    rows: list[CommandRowOut]


def _command_unit(request, unit_id: int | None):
    if not may_command(request.auth):
        raise PermissionDenied(_("指挥调度仅供机关负责人、办案机构负责人和执法监督人员使用。"), code="not_commander")
    root = command_root(request.auth, unit_id)
    if root is None:
        raise NotFound(_("该单位不存在或不在您的管辖范围内。"), code="unit_not_found", field="unit")
    return root


@router.get("/command", response=CommandOut,
            summary="指挥调度：本单位及下属单位的在办案件、待办、超期和待移送（红黄绿灯，含下属单位合计）")
def command(request, unit: DbId | None = None):
    root = _command_unit(request, unit)
    rows = board(request.auth, root, timezone.now())
    return {
        "unit_id": root.pk, "name": root.name,
        "figures": [{"key": f.key, "title": str(f.title), "meaning": str(f.meaning)} for f in FIGURES],
        "rows": [{"unit_id": row.unit.pk, "name": row.unit.name, "depth": row.depth, "has_units": row.has_units,
                  "figures": {figure.key: {"total": tally.total, "attention": tally.attention, "late": tally.late,
                                           "light": tally.light, "url": url, "late_url": late_url}
                              for figure, tally, url, late_url in row.cells()}}
                 for row in rows],
    }


@router.get("/command/units/{unit_id}/work-items", response=list[WorkItemOut],
            summary="指挥调度：某单位及其下属单位等待办理的事项（figure=work|crime_alerts；due=overdue 只看已逾期）")
@paginate(CappedLimitOffset)
def unit_work_list(request, unit_id: DbId, figure: Literal["work", "crime_alerts"] = "work",
                   due: Literal["overdue"] | None = None):
    root = _command_unit(request, unit_id)
    return unit_work_items(request.auth, root, figure, overdue=due == "overdue", now=timezone.now())
