"""Write the audit chain's head, signed, to the anchor file outside the database; run it from cron (see README)."""
from django.core.management.base import BaseCommand

from ipenforce.core.tasks import anchor_audit


class Command(BaseCommand):
    help = "Append the audit chain's current head to the signed anchor file (IPENFORCE_AUDIT_ANCHOR_DIR)."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="queue it for the task worker instead")

    def handle(self, *args, **options):
        if options["enqueue"]:
            self.stdout.write(f"enqueued task {anchor_audit.enqueue().id}")
            return
        result = anchor_audit.call()
        self.stdout.write(f"anchored event #{result['seq']}" if result["seq"] else "nothing new to anchor")
