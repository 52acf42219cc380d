"""Recompute the audit hash chain; exit non-zero naming the first event that does not match."""
from django.core.management.base import BaseCommand, CommandError

from ipenforce.core.audit import verify_chain


class Command(BaseCommand):
    help = "Verify the SHA-256 hash chain of the audit log."

    def handle(self, *args, **options):
        report = verify_chain()
        if not report.ok:
            raise CommandError(f"audit chain broken after checking {report.checked} events: {report.problem}")
        self.stdout.write(f"audit chain intact: {report.checked} events checked")
