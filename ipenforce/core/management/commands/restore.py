"""Restore a backup into an empty database and media directory, then verify the audit chain, evidence files
and documents; exits non-zero when anything does not verify."""
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from ipenforce.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore a backup made by `backup` into the configured (empty) database and media directory, and verify it."

    def add_arguments(self, parser):
        parser.add_argument("source", help="the backup directory")

    def handle(self, *args, **options):
        try:
            restored = backup_restore(Path(options["source"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"restored database {restored.database} and {restored.files} files")
        call_command("migrate", "--check", verbosity=0)  # the backup is of this version's schema
        for command in ("verify_audit", "verify_evidence", "verify_documents"):
            call_command(command, stdout=self.stdout, stderr=self.stderr)
        self.stdout.write("restore verified")
