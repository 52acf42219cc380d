"""Back up the database, the media files and the audit anchors into one directory with a signed manifest."""
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ipenforce.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Write a backup (database, media, audit anchors, signed manifest) into a new directory."

    def add_arguments(self, parser):
        parser.add_argument("output", help="a new or empty directory")

    def handle(self, *args, **options):
        try:
            manifest = backup_create(Path(options["output"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"backup written: {', '.join(manifest['files'])}; audit head #{manifest['head']['seq']}")
