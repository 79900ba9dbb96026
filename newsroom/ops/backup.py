"""Backing up and restoring the whole newsroom: the database and the media files, one archive.

An archive is a gzipped tar holding

- `manifest.json`: when it was made, the Django migration heads applied, and row counts
  per table (every table in the database, so models added later are counted too);
- `database.dump`: `pg_dump --format=custom` of the whole database;
- `media/...`: every file under MEDIA_ROOT (uploaded originals and renditions).

The database is dumped first and the media copied after it, so a file uploaded meanwhile
is at worst an extra file in the archive, never a row pointing at a missing one.

Restoring refuses a database that has tables unless `force` is given: it would replace
what is there. The replacement is one transaction (psql --single-transaction over
pg_restore's script, with the old tables dropped in the same transaction), so a restore
that fails half-way leaves the database as it was. The row counts are checked against the
manifest afterwards. pg_dump, pg_restore and psql come from NEWSROOM_PG_BIN (set by
./dev), else the newest /usr/lib/postgresql/*/bin, else PATH.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection as default_connection
from django.utils import timezone

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA_PREFIX = "media/"
# Connection settings libpq understands; Django adds Python-only ones (cursor_factory, ...).
LIBPQ_KEYS = (
    "dbname",
    "user",
    "host",
    "port",
    "sslmode",
    "sslrootcert",
    "sslcert",
    "sslkey",
    "options",
    "connect_timeout",
    "service",
    "passfile",
    "target_session_attrs",
)


class BackupError(Exception):
    """Something the person running the backup or restore must fix; the message says what."""


@dataclass
class Database:
    """Where pg_dump / pg_restore connect: libpq keywords plus the password (sent by env)."""

    params: dict
    password: str = ""

    @classmethod
    def from_connection(cls, connection=None) -> Database:
        connection = connection or default_connection
        raw = connection.get_connection_params()
        params = {key: raw[key] for key in LIBPQ_KEYS if raw.get(key) not in (None, "")}
        return cls(params=params, password=raw.get("password") or "")

    @property
    def name(self) -> str:
        return self.params["dbname"]

    def conninfo(self) -> str:
        from psycopg.conninfo import make_conninfo

        return make_conninfo(**{key: str(value) for key, value in self.params.items()})

    def env(self) -> dict:
        env = dict(os.environ)
        if self.password:
            env["PGPASSWORD"] = self.password
        return env

    def connect(self):
        import psycopg

        return psycopg.connect(self.conninfo(), password=self.password or None, autocommit=True)


def pg_tool(name: str) -> str | None:
    """The path of a PostgreSQL client program (pg_dump, pg_restore, psql), or None."""
    candidates = []
    if os.environ.get("NEWSROOM_PG_BIN"):
        candidates.append(Path(os.environ["NEWSROOM_PG_BIN"]) / name)
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
        reverse=True,
    )
    candidates += [directory / name for directory in versions]
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which(name)


def _tool(name: str) -> str:
    path = pg_tool(name)
    if path is None:
        raise BackupError(
            f"{name} was not found: install the PostgreSQL client programs (Debian: apt-get "
            "install postgresql-client, the same major version as the server or newer) or set "
            "NEWSROOM_PG_BIN to their directory."
        )
    return path


def _run(command: list[str], database: Database, what: str) -> None:
    result = subprocess.run(command, env=database.env(), capture_output=True, text=True)
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()[-2000:]
        raise BackupError(f"{what} failed (exit {result.returncode}): {detail}")


def table_counts(database: Database) -> dict[str, int]:
    """Rows in every ordinary table of the database's schemas (not pg_catalog's)."""
    with database.connect() as conn:
        return _table_counts(conn)


def _table_counts(conn) -> dict[str, int]:
    tables = conn.execute(
        "SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_tables "
        "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"
    ).fetchall()
    return {name: conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for (name,) in tables}


def _migration_heads(conn) -> list[str]:
    """The last migration applied in each app ("app.name"), from django_migrations."""
    if not conn.execute("SELECT to_regclass('django_migrations') IS NOT NULL").fetchone()[0]:
        return []
    rows = conn.execute(
        "SELECT DISTINCT ON (app) app, name FROM django_migrations ORDER BY app, id DESC"
    ).fetchall()
    return [f"{app}.{name}" for app, name in rows]


def media_files(media_root: Path) -> list[Path]:
    if not media_root.is_dir():
        return []
    return sorted(p for p in media_root.rglob("*") if p.is_file() and not p.is_symlink())


def create_backup(
    path: Path | str, *, database: Database | None = None, media_root: Path | str | None = None
) -> dict:
    """Write the archive to `path` (replaced only once complete); returns its manifest."""
    database = database or Database.from_connection()
    media_root = Path(media_root or settings.MEDIA_ROOT)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="newsroom-backup-") as work, database.connect() as conn:
        dump = Path(work) / DUMP
        # The manifest's counts and pg_dump read one snapshot, so they agree on a busy site.
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "database": database.name,
            "migration_heads": _migration_heads(conn),
            "tables": _table_counts(conn),
        }
        _run(
            [
                _tool("pg_dump"),
                "--format=custom",
                f"--snapshot={snapshot}",
                f"--file={dump}",
                f"--dbname={database.conninfo()}",
            ],
            database,
            "pg_dump",
        )
        conn.execute("COMMIT")
        files = media_files(media_root)
        manifest["media_files"] = len(files)
        manifest["media_bytes"] = sum(f.stat().st_size for f in files)
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(timezone.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump, arcname=DUMP)
            for file in files:
                archive.add(file, arcname=MEDIA_PREFIX + file.relative_to(media_root).as_posix())
        os.replace(partial, path)
    return manifest


def read_manifest(archive: tarfile.TarFile, path: Path) -> dict:
    try:
        member = archive.getmember(MANIFEST)
        archive.getmember(DUMP)
        manifest = json.load(archive.extractfile(member))
    except (KeyError, ValueError) as error:
        raise BackupError(
            f"{path} is not a Newsroom backup (no readable {MANIFEST} and {DUMP}): {error}"
        ) from error
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(
            f"{path} has backup format {manifest.get('format')}, not {FORMAT_VERSION}."
        )
    return manifest


def restore_backup(
    path: Path | str,
    *,
    force: bool = False,
    database: Database | None = None,
    media_root: Path | str | None = None,
) -> dict:
    """Restore the archive into the database and MEDIA_ROOT; returns its manifest.

    Refuses (BackupError, nothing changed) when the database already has tables, unless
    `force`: then they are dropped in the same transaction that restores the backup.
    Media files are written over files of the same name; other files are left alone.
    """
    database = database or Database.from_connection()
    media_root = Path(media_root or settings.MEDIA_ROOT)
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path}: no such file.")
    try:
        with (
            tarfile.open(path, "r:gz") as archive,
            tempfile.TemporaryDirectory(prefix="newsroom-restore-") as work,
        ):
            return _restore(archive, path, Path(work), force, database, media_root)
    except (tarfile.TarError, EOFError, gzip.BadGzipFile) as error:
        raise BackupError(f"{path} is not a readable backup archive: {error}") from error


def _restore(archive, path: Path, work: Path, force: bool, database: Database, media_root) -> dict:
    manifest = read_manifest(archive, path)
    existing = table_counts(database)
    if existing and not force:
        rows = sum(existing.values())
        raise BackupError(
            f"The database {database.name} is not empty ({len(existing)} tables, {rows} "
            "rows): restoring would replace everything in it. Nothing was changed. Restore "
            "into an empty database, or run again with --force to replace its contents."
        )
    archive.extract(DUMP, work, filter="data")
    script = work / "restore.sql"
    with script.open("w") as out:
        out.write("SET client_min_messages = warning;\n")
        for table in existing:  # empty unless force
            out.write(f"DROP TABLE IF EXISTS {table} CASCADE;\n")
    with script.open("a") as out:
        result = subprocess.run(
            [
                _tool("pg_restore"),
                "--no-owner",
                "--no-privileges",
                "--file=-",
                str(work / DUMP),
            ],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
        )
    if result.returncode != 0:
        raise BackupError(f"pg_restore could not read the dump: {result.stderr.strip()}")
    _run(
        [
            _tool("psql"),
            "--no-psqlrc",
            "--quiet",
            "--single-transaction",
            "--set=ON_ERROR_STOP=1",
            f"--file={script}",
            f"--dbname={database.conninfo()}",
        ],
        database,
        "Restoring the database",
    )
    restored = table_counts(database)
    if restored != manifest["tables"]:
        different = sorted(
            t
            for t in set(restored) | set(manifest["tables"])
            if restored.get(t) != manifest["tables"].get(t)
        )
        raise BackupError(f"The restored row counts differ from the backup's in: {different}")
    _extract_media(archive, media_root)
    return manifest


def _extract_media(archive: tarfile.TarFile, media_root: Path) -> None:
    media_root.mkdir(parents=True, exist_ok=True)
    members = []
    for member in archive.getmembers():
        if member.name.startswith(MEDIA_PREFIX) and member.isfile():
            member = member.replace(name=member.name[len(MEDIA_PREFIX) :], deep=False)
            # The data filter refuses absolute paths, "..", links out of media_root, devices.
            members.append(tarfile.data_filter(member, str(media_root)))
    archive.extractall(media_root, members=members, filter="fully_trusted")
