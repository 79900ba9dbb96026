"""`./dev backup` and `./dev restore`: the demo newsroom, confidential records and pictures
included, comes back identical in a fresh database; a database with content is not
overwritten unless asked.

These tests need the PostgreSQL client programs (pg_dump, pg_restore, psql), which ./dev
installs with the cluster; without them they are skipped with the reason shown (-ra).
They are transactional: pg_dump reads through its own connection, which cannot see rows a
test transaction has not committed.
"""

import hashlib
import uuid
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from psycopg import sql

from articles.workflow.permissions import ensure_role_groups
from demo.loader import load_demo
from newsroom.ops.backup import BackupError, Database, pg_tool, restore_backup

MISSING = [name for name in ("pg_dump", "pg_restore", "psql") if pg_tool(name) is None]
pytestmark = [
    pytest.mark.skipif(bool(MISSING), reason=f"needs the PostgreSQL client programs {MISSING}"),
    pytest.mark.django_db(transaction=True),
]


def table_fingerprints(database: Database) -> dict[str, tuple[int, str]]:
    """Every table's row count and a checksum of all its rows, in a stable order."""
    with database.connect() as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_tables "
                "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
            )
        ]
        return {
            table: conn.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "
                f"FROM {table} t"
            ).fetchone()
            for table in tables
        }


def media_fingerprints(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def fresh_database():
    """An empty database on the same server, dropped afterwards."""
    current = Database.from_connection()
    name = f"test_faults_restore_{uuid.uuid4().hex[:12]}"
    server = Database(params={**current.params, "dbname": "postgres"}, password=current.password)
    with server.connect() as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield Database(params={**current.params, "dbname": name}, password=current.password)
    finally:
        with server.connect() as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@pytest.fixture
def demo_newsroom(small_renditions):
    ensure_role_groups()  # transactional tests flush the migration's groups
    load_demo()


def confidential_tables() -> list[str]:
    """The tables of every "...Confidential" model (identities, grants of anonymity, ...)."""
    return [
        model._meta.db_table
        for model in apps.get_models()
        if model._meta.model_name.endswith("confidential")
    ]


def test_backup_round_trips_the_demo_newsroom_into_a_fresh_database(
    demo_newsroom, fresh_database, tmp_path
):
    source = Database.from_connection()
    before = table_fingerprints(source)
    media_before = media_fingerprints(Path(settings.MEDIA_ROOT))
    # The backup must carry what matters: confidential records and pictures.
    secret_tables = confidential_tables()
    assert len(secret_tables) >= 1
    for table in secret_tables:
        assert before[f"public.{table}"][0] > 0, f"the demo has no rows in {table}"
    assert len(media_before) >= 12

    archive = tmp_path / "newsroom.tar.gz"
    call_command("backup", str(archive))
    restored_media = tmp_path / "restored-media"
    manifest = restore_backup(archive, database=fresh_database, media_root=restored_media)

    after = table_fingerprints(fresh_database)
    assert after == before
    assert media_fingerprints(restored_media) == media_before
    assert manifest["tables"] == {table: count for table, (count, _) in before.items()}
    assert any(head.startswith("sources.") for head in manifest["migration_heads"])
    assert manifest["media_files"] == len(media_before)


def test_restore_refuses_a_database_with_content_unless_forced(
    demo_newsroom, fresh_database, tmp_path
):
    archive = tmp_path / "newsroom.tar.gz"
    call_command("backup", str(archive))
    source = Database.from_connection()
    before = table_fingerprints(source)

    # Into the project's own database, which has the demo in it: refused, nothing changed.
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(archive))
    assert "is not empty" in str(refused.value) and "--force" in str(refused.value)
    assert "Nothing was changed" in str(refused.value)
    assert table_fingerprints(source) == before

    media = tmp_path / "media"
    restore_backup(archive, database=fresh_database, media_root=media)
    # Someone works in the restored copy; restoring over it is refused, then forced.
    with fresh_database.connect() as conn:
        conn.execute(f"TRUNCATE {', '.join(confidential_tables())} CASCADE")
    with pytest.raises(BackupError, match="not empty"):
        restore_backup(archive, database=fresh_database, media_root=media)
    restore_backup(archive, database=fresh_database, media_root=media, force=True)
    assert table_fingerprints(fresh_database) == before


def test_restore_explains_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "holiday.tar.gz"
    bogus.write_bytes(b"not an archive at all")
    with pytest.raises(CommandError, match="not a readable backup archive"):
        call_command("restore", str(bogus))
    with pytest.raises(CommandError, match="no such file"):
        call_command("restore", str(tmp_path / "missing.tar.gz"))
