"""Re-hash every stored evidence file, and run the checks other apps registered for what they sealed (signed
on-site records: content, signature images, sealed document); exit non-zero naming each thing missing or changed."""
from django.core.management.base import BaseCommand, CommandError

from ipenforce.evidence.files import verify_all
from ipenforce.evidence.integrity import run_checks


class Command(BaseCommand):
    help = ("Re-hash every evidence file and record the result, and check every sealed record against its seal; "
            "fails when anything is missing or altered.")

    def handle(self, *args, **options):
        failed = self._files() + self._sealed()
        if failed:
            raise CommandError(f"{failed} evidence file(s) or sealed item(s) missing or altered")

    def _files(self) -> int:
        checked, failures = verify_all()
        self.stdout.write(f"{checked} evidence files checked")
        for stored in failures:
            self.stderr.write(f"  {stored.sha256} ({stored.storage_name}): {stored.check_note}")
        return len(failures)

    def _sealed(self) -> int:
        """What other apps sealed (registered in evidence.integrity), each with its own count and problems."""
        failed = 0
        for label, checked, problems in run_checks():
            self.stdout.write(f"{checked} {label} checked")
            for problem in problems:
                self.stderr.write(f"  {problem}")
            failed += len(problems)
        return failed
