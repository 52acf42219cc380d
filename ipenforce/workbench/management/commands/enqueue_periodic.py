"""Queue the periodic refresh for the task worker; call it from cron or a systemd timer (see README)."""
from django.core.management.base import BaseCommand

from ipenforce.workbench.tasks import refresh_work_items


class Command(BaseCommand):
    help = "Enqueue the periodic work-item refresh (certificate reminders, due-soon and overdue marks)."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="run it in this process instead of queueing it")

    def handle(self, *args, **options):
        if options["now"]:
            result = refresh_work_items.call()
            self.stdout.write(f"refreshed: {result}")
        else:
            result = refresh_work_items.enqueue()
            self.stdout.write(f"enqueued task {result.id}")
