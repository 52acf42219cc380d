"""Re-hash every stored evidence file; exit non-zero naming each file that is missing or was changed."""
from django.core.management.base import BaseCommand, CommandError

from ipenforce.evidence.files import verify_all


class Command(BaseCommand):
    help = "Re-hash every evidence file and record the result; fails when any file is missing or altered."

    def handle(self, *args, **options):
        checked, failures = verify_all()
        self.stdout.write(f"{checked} evidence files checked")
        if failures:
            for stored in failures:
                self.stderr.write(f"  {stored.sha256} ({stored.storage_name}): {stored.check_note}")
            raise CommandError(f"{len(failures)} evidence file(s) missing or altered")
