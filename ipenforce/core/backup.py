"""Backup and restore of the whole system: the database (pg_dump custom format, or SQLite's online backup), the
files in local media storage and the audit anchors, with a manifest of SHA-256 digests signed with the audit key.
A restore checks the manifest, loads everything into an empty database and media directory, then verifies the
audit chain, every evidence file and every document (see README, Backup and restore)."""
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from datetime import timezone as dt_timezone
from pathlib import Path

from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection
from django.utils import timezone

from ipenforce.core.audit import _mac, anchor_path, audit_anchor_write

MANIFEST = "manifest.json"


class BackupError(Exception):
    pass


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_env(db: dict) -> dict:
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _pg_args(db: dict) -> list[str]:
    args = []
    for flag, key in (("-h", "HOST"), ("-p", "PORT"), ("-U", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    return args


def _media_root() -> Path:
    if not isinstance(default_storage, FileSystemStorage):
        raise BackupError("files are in object storage: back the bucket up with its own versioning or replication")
    return Path(default_storage.location)


def _signature(files: dict, head: dict) -> str:
    return _mac(json.dumps({"files": files, "head": head}, sort_keys=True))


def backup_create(output: Path) -> dict:
    """Write a backup into `output` (a new or empty directory); returns the manifest."""
    output.mkdir(parents=True, exist_ok=True)
    if any(output.iterdir()):
        raise BackupError(f"{output} is not empty")
    audit_anchor_write()  # the head at this moment, signed, travels with the backup
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        database = output / "database.dump"
        subprocess.run(["pg_dump", "-Fc", "--no-owner", "--no-privileges", *_pg_args(db), "-f", str(database),
                        db["NAME"]], check=True, env=_pg_env(db), capture_output=True)
    elif connection.vendor == "sqlite":
        database = output / "database.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(database)
        with target:
            connection.connection.backup(target)
        target.close()
    else:
        raise BackupError(f"no backup for {connection.vendor}")
    with tarfile.open(output / "media.tar", "w") as archive:
        root = _media_root()
        if root.exists():
            archive.add(root, arcname="media")
    if anchor_path().exists():
        shutil.copy2(anchor_path(), output / "audit-anchors.jsonl")
    from ipenforce.core.models import AuditHead

    head = AuditHead.objects.filter(pk=1).values("seq", "hash").first() or {"seq": 0, "hash": ""}
    files = {path.name: _sha256(path) for path in sorted(output.iterdir())}
    manifest = {"created_at": timezone.now().astimezone(dt_timezone.utc).isoformat(), "vendor": connection.vendor,
                "files": files, "head": head, "signature": _signature(files, head)}
    (output / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
    return manifest


def manifest_check(source: Path) -> dict:
    """The manifest, after checking every file's digest and the signature (the audit key must be the same)."""
    try:
        manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"no readable {MANIFEST} in {source}") from exc
    if _signature(manifest["files"], manifest["head"]) != manifest.get("signature"):
        raise BackupError("the manifest is not signed with this installation's audit key")
    for name, digest in manifest["files"].items():
        if not (source / name).exists() or _sha256(source / name) != digest:
            raise BackupError(f"{name} is missing or differs from the manifest")
    return manifest


@dataclass
class Restored:
    database: str
    files: int


def backup_restore(source: Path) -> Restored:
    """Load a checked backup into the configured (empty) database and media directory."""
    manifest = manifest_check(source)
    db = connection.settings_dict
    if manifest["vendor"] != connection.vendor:
        raise BackupError(f"the backup is of {manifest['vendor']}, the database is {connection.vendor}")
    if connection.introspection.table_names():
        raise BackupError(f"database {db['NAME']} is not empty: restore into a new, empty database")
    root = _media_root()
    if root.exists() and any(root.iterdir()):
        raise BackupError(f"media directory {root} is not empty")
    if connection.vendor == "postgresql":
        subprocess.run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", *_pg_args(db),
                        "-d", db["NAME"], str(source / "database.dump")], check=True, env=_pg_env(db),
                       capture_output=True)
    else:
        connection.close()
        shutil.copy2(source / "database.sqlite3", db["NAME"])
    files = 0
    with tarfile.open(source / "media.tar") as archive:
        members = [m for m in archive.getmembers() if m.name.startswith("media/") and (m.isfile() or m.isdir())]
        root.mkdir(parents=True, exist_ok=True)
        for member in members:
            member.name = member.name[len("media/"):]
            if member.name:
                archive.extract(member, root, filter="data")
                files += member.isfile()
    anchors = source / "audit-anchors.jsonl"
    if anchors.exists() and not anchor_path().exists():
        anchor_path().parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(anchors, anchor_path())
    return Restored(database=str(db["NAME"]), files=files)
