"""API routes of the workbench: the caller's work queue, notifications and e-mail preferences."""
from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from ipenforce.core.pagination import LimitOffset
from ipenforce.core.schemas import DbId
from ipenforce.orgs.selectors import work_queue
from ipenforce.workbench import selectors, services

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
