"""Background tasks: another way in, calling the services; run by `manage.py db_worker`."""
from django_tasks import task

from ipenforce.command.services import assignments_escalate_overdue
from ipenforce.core.audit import audit_anchor_write
from ipenforce.core.workitems import work_items_refresh_due
from ipenforce.orgs.reminders import certificate_reminders_refresh


@task()
def refresh_work_items() -> dict:
    """Open certificate reminders, send overdue assignments to the assigner's head, mark open work items due-soon
    or overdue, and anchor the audit chain's head outside the database (so a cut of the chain's tail is found at
    most one run later)."""
    reminders = certificate_reminders_refresh()
    escalated = assignments_escalate_overdue()
    changed = work_items_refresh_due()
    anchor = audit_anchor_write()
    return {"certificate_reminders": reminders, "assignments_escalated": escalated, **changed,
            "audit_anchor": anchor["seq"] if anchor else None}
