"""Re-hash every document template, generated document and case file; exit non-zero naming each one missing or
changed (verify_evidence runs the same check with the evidence files)."""
from django.core.management.base import BaseCommand, CommandError

from ipenforce.documents.case_file import check_generated_files


class Command(BaseCommand):
    help = "Check every stored document template, generated document and case file against its SHA-256."

    def handle(self, *args, **options):
        checked, problems = check_generated_files()
        self.stdout.write(f"{checked} case files, document templates and documents checked")
        if problems:
            for problem in problems:
                self.stderr.write(f"  {problem}")
            raise CommandError(f"{len(problems)} document file(s) missing or altered")
