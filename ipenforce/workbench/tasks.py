"""Background tasks: another way in, calling the services; run by `manage.py db_worker`."""
from django_tasks import task

from ipenforce.core.workitems import work_items_refresh_due
from ipenforce.orgs.reminders import certificate_reminders_refresh


@task()
def refresh_work_items() -> dict:
    """Open certificate reminders and mark open work items due-soon or overdue."""
    reminders = certificate_reminders_refresh()
    changed = work_items_refresh_due()
    return {"certificate_reminders": reminders, **changed}
