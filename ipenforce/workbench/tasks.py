"""Background tasks: another way in, calling the services; run by `manage.py db_worker`."""
from django_tasks import task

from ipenforce.campaigns.services import reports_open_running
from ipenforce.command.services import assignments_escalate_overdue
from ipenforce.core.audit import audit_anchor_write
from ipenforce.core.workitems import work_items_refresh_due
from ipenforce.orgs.reminders import certificate_reminders_refresh
from ipenforce.programs.services import key_enterprise_complaints_prioritise, tasks_escalate_overdue
from ipenforce.protection.services import notices_check_waiting
from ipenforce.stats.rollup import refresh_stale


@task()
def refresh_work_items() -> dict:
    """Open certificate reminders, send overdue assignments to the assigner's head and overdue ledger tasks to
    their owner's, put complaints of key enterprises first (直通车), open the campaign reports of
    the periods begun, put the platforms' "end the measures" items on their desks, mark open work items due-soon
    or overdue, anchor the audit chain's head outside the database (so a cut of the chain's tail is found at
    most one run later), and recompute the report's monthly rollup where cases changed."""
    reminders = certificate_reminders_refresh()
    escalated = assignments_escalate_overdue()
    policy_tasks = tasks_escalate_overdue()  # overdue ledger tasks to the owner's head
    priority = key_enterprise_complaints_prioritise()  # 直通车: complaints from listed enterprises first
    campaign_reports = reports_open_running()
    takedowns = notices_check_waiting()  # measures to end today (《电子商务法》第四十三条第二款)
    changed = work_items_refresh_due()
    anchor = audit_anchor_write()
    figures = refresh_stale()  # the report's monthly rollup: months changed since
    return {"certificate_reminders": reminders, "assignments_escalated": escalated,
            "policy_tasks_escalated": policy_tasks, "key_enterprise_complaints": priority,
            "campaign_reports": campaign_reports, "takedown_measures_to_end": takedowns, **changed,
            "audit_anchor": anchor["seq"] if anchor else None, "stale_figure_months": figures}
