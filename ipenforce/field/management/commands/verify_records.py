"""Check every sealed on-site record against its seal: the content as stored now, its signature images and its
sealed document (`verify_evidence` runs the same check after re-hashing every evidence file)."""
from django.core.management.base import BaseCommand, CommandError

from ipenforce.field.services import records_check


class Command(BaseCommand):
    help = "Check every sealed on-site record (笔录) against its seal."

    def handle(self, *args, **options):
        checked, broken = records_check()
        self.stdout.write(f"{checked} sealed records checked")
        for line in broken:
            self.stderr.write(f"  {line}")
        if broken:
            raise CommandError(f"{len(broken)} sealed record(s) changed since sealing")
