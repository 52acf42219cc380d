"""Re-hash every document template and generated document; exit non-zero naming each one missing or changed."""
from django.core.management.base import BaseCommand, CommandError

from ipenforce.documents.models import Document, DocumentTemplate
from ipenforce.documents.render import blob_check


class Command(BaseCommand):
    help = "Check every stored document template and generated document against the SHA-256 recorded for it."

    def handle(self, *args, **options):
        problems, checked = [], 0
        for label, model in (("template", DocumentTemplate), ("document", Document)):
            for row in model.objects.order_by("pk").iterator(chunk_size=500):
                checked += 1
                problem = blob_check(row.storage_name, row.sha256)
                if problem:
                    problems.append(f"{label} {row.pk} ({row.kind} v{row.version}): {problem}")
        self.stdout.write(f"{checked} document templates and documents checked")
        if problems:
            for problem in problems:
                self.stderr.write(f"  {problem}")
            raise CommandError(f"{len(problems)} document file(s) missing or altered")
