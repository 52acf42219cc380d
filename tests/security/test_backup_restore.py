"""Backup and restore end to end: after `restore` into a new database and media directory, the data, the evidence
files, the generated documents and the audit chain all verify; a changed backup is refused."""
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from ipenforce.core.audit import verify_chain
from ipenforce.core.backup import backup_create
from ipenforce.core.models import AuditEvent
from tests.cases.conftest import PERSON, CaseWalker
from tests.evidence.test_evidence import PNG, _form

pytestmark = pytest.mark.django_db(transaction=True)


def _restore_env(tmp_path: Path, database_url: str) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.test_settings", "IPENFORCE_DATABASE_URL": database_url,
           "IPENFORCE_MEDIA_ROOT": str(tmp_path / "restored-media"),
           "IPENFORCE_AUDIT_ANCHOR_DIR": str(tmp_path / "restored-anchors"), "IPENFORCE_VAR_DIR": str(tmp_path)}
    env.pop("IPENFORCE_DEBUG", None)
    return env


@pytest.fixture
def restore_target(tmp_path):
    """A new, empty database of the same kind: (its URL, a function dropping it)."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    db = connection.settings_dict
    name = f"{db['NAME']}_restore"[:60]
    params = {"host": db["HOST"], "port": db["PORT"] or 5432, "user": db["USER"], "dbname": "postgres",
              "autocommit": True}
    if db.get("PASSWORD"):
        params["password"] = db["PASSWORD"]
    with psycopg.connect(**params) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' LC_CTYPE 'C.UTF-8' "
                      "LC_COLLATE 'C.UTF-8'")
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    yield f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{name}"
    with psycopg.connect(**params) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_backup_restores_and_verifies(demo, settings, tmp_path, restore_target, capsys):
    settings.MEDIA_ROOT = tmp_path / "media"
    walker = CaseWalker(demo)
    case = walker.register(party=PERSON)
    walker.to_investigation()
    api = walker.api("ft_officer1")
    upload = api.client.post(f"/api/v1/cases/{case['id']}/evidence",
                             {**_form(demo), "files": [SimpleUploadedFile("现场照片.png", PNG)]}, headers=api.headers)
    assert upload.status_code == 201, upload.content
    assert api.post(f"/api/v1/cases/{case['id']}/documents", {"kind": "crime_transfer"}).status_code == 201
    events = AuditEvent.objects.count()
    assert verify_chain().ok

    backup = tmp_path / "backup"
    manifest = backup_create(backup)
    assert set(manifest["files"]) >= {"media.tar", "audit-anchors.jsonl"} and manifest["head"]["seq"] == events

    result = subprocess.run([sys.executable, "manage.py", "restore", str(backup)], cwd=settings.BASE_DIR,
                            env=_restore_env(tmp_path, restore_target), capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert f"audit chain intact: {events} events checked, 1 anchors verified" in output
    assert "1 evidence files checked" in output and "documents checked" in output and "restore verified" in output
    with capsys.disabled():
        print(f"\nbackup and restore ({connection.vendor}): {events} audit events, files and documents verified")

    tampered = tmp_path / "tampered"
    backup.rename(tampered)
    with tarfile.open(tampered / "media.tar", "a") as archive:
        extra = tmp_path / "extra.txt"
        extra.write_text("x")
        archive.add(extra, arcname="media/extra.txt")
    refused = subprocess.run([sys.executable, "manage.py", "restore", str(tampered)], cwd=settings.BASE_DIR,
                             env=_restore_env(tmp_path / "second", restore_target), capture_output=True, text=True,
                             timeout=300)
    assert refused.returncode != 0 and "differs from the manifest" in refused.stderr
