"""Time limits of a transfer on the clock, each owned by the agency that must act and shown in its queue."""
from datetime import datetime, time

from django.urls import reverse
from django.utils import timezone

from ipenforce.core import rules
from ipenforce.core.workitems import work_item_close, work_item_open
from ipenforce.linkage.models import Transfer, TransferDeadline
from ipenforce.linkage.workflow import ROLE_OF_OWNER
from ipenforce.orgs.choices import Role


def owner_agency(transfer: Transfer, owner: str):
    return {"bureau": transfer.bureau, "police": transfer.police, "procuratorate": transfer.procuratorate,
            "court": transfer.court}[owner]


def _as_moment(value) -> datetime:
    if isinstance(value, datetime):
        return value
    return timezone.make_aware(datetime.combine(value, time(23, 59, 59)))


def deadline_start(transfer: Transfer, rule: str, owner: str, at: datetime, actor, *,
                   started_at: datetime | None = None) -> TransferDeadline:
    at = started_at or at
    start = timezone.localtime(at)
    due, version = rules.due_for(rule, start if rules.version_on(rule, start.date()).unit == "hours" else start.date())
    deadline = TransferDeadline.objects.create(
        transfer=transfer, rule=rule, title=rules.get_rule(rule).title, owner=owner, started_at=at,
        due_at=_as_moment(due.due) if due.due else None, unit=version.unit, citation=version.citation[:300],
        verified=version.verified, warning="；".join(due.warnings)[:300])
    agency = owner_agency(transfer, owner)
    role = Role.AGENCY_HEAD if rule == "linkage.transfer_approval" else ROLE_OF_OWNER[owner]
    work_item_open(kind=f"transfer:{rule}", title=f"{transfer} · {deadline.title}", target=transfer,
                   url=reverse("linkage:detail", args=[transfer.pk]), due_at=deadline.due_at,
                   assignee_agency=agency, eligible_role=role, actor=actor)
    return deadline


def deadline_extend(transfer: Transfer, rule: str, actor) -> TransferDeadline | None:
    """Grant the rule's next extension on the running deadline, counted on from its start."""
    deadline = TransferDeadline.objects.filter(transfer=transfer, rule=rule, stopped_at__isnull=True).first()
    if deadline is None:
        return None
    start = timezone.localtime(deadline.started_at)
    due, _version = rules.due_for(rule, start if deadline.unit == "hours" else start.date(),
                                  extensions_granted=deadline.extensions + 1)
    deadline.extensions += 1
    deadline.due_at = _as_moment(due.due)
    deadline.warning = "；".join(due.warnings)[:300]
    deadline.save(update_fields=["extensions", "due_at", "warning"])
    work_item_open(kind=f"transfer:{rule}", title=f"{transfer} · {deadline.title}", target=transfer,
                   url=reverse("linkage:detail", args=[transfer.pk]), due_at=deadline.due_at,
                   assignee_agency=owner_agency(transfer, deadline.owner), eligible_role=ROLE_OF_OWNER[deadline.owner],
                   actor=actor)
    return deadline


def deadline_stop(transfer: Transfer, rule: str, at: datetime, actor) -> None:
    for deadline in TransferDeadline.objects.filter(transfer=transfer, rule=rule, stopped_at__isnull=True):
        deadline.stopped_at = at
        deadline.save(update_fields=["stopped_at"])
        work_item_close(kind=f"transfer:{rule}", target=transfer, actor=actor)


def status(deadline: TransferDeadline, now: datetime) -> str:
    if deadline.stopped_at:
        return "late" if deadline.due_at and deadline.stopped_at > deadline.due_at else "met"
    return "overdue" if deadline.due_at and deadline.due_at < now else "running"


