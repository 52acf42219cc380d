"""Re-hash every stored evidence file; exit non-zero naming each file that is missing or was changed."""
from django.core.management.base import BaseCommand, CommandError

from ipenforce.evidence.files import verify_all
from ipenforce.evidence.integrity import registered_checks


class Command(BaseCommand):
    help = "Re-hash every evidence file and record the result; fails when any file is missing or altered."

    def handle(self, *args, **options):
        checked, failures = verify_all()
        self.stdout.write(f"{checked} evidence files checked")
        for stored in failures:
            self.stderr.write(f"  {stored.sha256} ({stored.storage_name}): {stored.check_note}")
        problems = self._registered_checks()
        if failures or problems:
            raise CommandError(f"{len(failures)} evidence file(s) and {problems} other stored file(s) "
                               "missing or altered")

    def _registered_checks(self) -> int:
        """The checks other apps register (generated documents, templates, case files): how many problems."""
        count = 0
        for check in registered_checks():
            label, checked, problems = check()
            self.stdout.write(f"{checked} {label} checked")
            for problem in problems:
                self.stderr.write(f"  {problem}")
            count += len(problems)
        return count
