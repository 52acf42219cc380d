"""Check every sealed on-site record against its seal: the content as stored now, its signature images and its
sealed document (the evidence files themselves are re-hashed by verify_evidence)."""
from django.core.management.base import BaseCommand, CommandError

from ipenforce.field.choices import RecordState
from ipenforce.field.models import FieldRecord
from ipenforce.field.services import record_verify


class Command(BaseCommand):
    help = "Check every sealed on-site record (笔录) against its seal."

    def handle(self, *args, **options):
        checked, broken = 0, []
        records = FieldRecord.objects.exclude(state=RecordState.DRAFT).select_related("sealed_file")
        for record in records.order_by("pk").iterator(chunk_size=200):
            checked += 1
            problems = record_verify(record)
            if problems:
                broken.append((record, problems))
        self.stdout.write(f"{checked} sealed records checked")
        if broken:
            for record, problems in broken:
                self.stderr.write(f"  record {record.pk} (case {record.case_id}): {'; '.join(problems)}")
            raise CommandError(f"{len(broken)} sealed record(s) changed since sealing")
