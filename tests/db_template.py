"""Test databases copied from a template that was migrated once (CREATE DATABASE … TEMPLATE).

Migrating an empty database takes 20-45 s on a 2-core machine, and every pytest process did it:
each xdist worker, every run. Now the first process that needs a test database migrates a
template, `<test database base name>_tpl_<hash>`, the hash taken over every migration file and
the project modules they import (a new or changed migration, or a change to the role groups a
data migration makes, makes a new template; older ones of the same base are dropped). Each test
database is then a copy of it, made in a second or two. A PostgreSQL advisory lock makes the
other workers wait while one builds the template, and the template is built under a temporary
name and renamed, so a run stopped half-way leaves nothing that looks finished.

Django's own set-up then runs on the copy as on a kept database (`keepdb`): `migrate` finds
nothing to apply, and the signals after it run as before. At the end the copy is dropped, as
before; the template stays for the next run.

NEWSROOM_TEST_DB_TEMPLATE=0 migrates every test database as before.
"""

import hashlib
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENABLED = os.environ.get("NEWSROOM_TEST_DB_TEMPLATE", "1") != "0"


IMPORT = re.compile(r"^\s*(?:from|import)\s+([\w.]+)", re.MULTILINE)


def _project_module(name: str) -> Path | None:
    """The file of a project module a migration imports (its data migrations call the
    project's code: `ensure_role_groups`), None for Django's and other packages'."""
    path = ROOT.joinpath(*name.split("."))
    for candidate in (path.with_suffix(".py"), path / "__init__.py"):
        if candidate.is_file() and ROOT in candidate.parents:
            return candidate
    return None


def migrations_hash() -> str:
    """A hash of every migration file of the project and of the installed packages' apps, of
    the project modules those import, and of Django's version: what makes a freshly migrated
    database what it is."""
    import django
    from django.apps import apps

    digest = hashlib.sha256(django.get_version().encode())
    imported = set()
    for config in sorted(apps.get_app_configs(), key=lambda c: c.label):
        folder = Path(config.path) / "migrations"
        for path in sorted(folder.glob("*.py")) if folder.is_dir() else ():
            text = path.read_bytes()
            digest.update(f"{config.label}/{path.name}".encode())
            digest.update(text)
            imported.update(IMPORT.findall(text.decode("utf-8", "replace")))
    for name in sorted(imported):
        module = _project_module(name)
        if module is not None:
            digest.update(str(module.relative_to(ROOT)).encode())
            digest.update(module.read_bytes())
    return digest.hexdigest()[:12]


def _exists(cursor, name: str) -> bool:
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
    return cursor.fetchone() is not None


def _migrate_into(connection, name: str) -> None:
    """Run migrate (as Django's create_test_db does) on database `name`, then point the
    connection back where it was."""
    from django.conf import settings
    from django.core.management import call_command

    alias = connection.alias
    old = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = settings.DATABASES[alias]["NAME"] = name
    try:
        call_command("migrate", verbosity=0, interactive=False, database=alias, run_syncdb=True)
        call_command("createcachetable", database=alias)
    finally:
        connection.close()
        connection.settings_dict["NAME"] = settings.DATABASES[alias]["NAME"] = old


def copy_test_database(connection) -> str:
    """Create the test database of `connection` (its TEST NAME, xdist suffix included) as a
    copy of the template, building the template first if no process has yet. Returns the
    test database's name."""
    quote = connection.ops.quote_name
    test_name = connection.creation._get_test_db_name()
    base = connection.settings_dict["TEST"].get("NAME") or test_name
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker and base.endswith(f"_{worker}"):
        base = base[: -len(worker) - 1]
    template = f"{base}_tpl_{migrations_hash()}"
    building = f"{base}_tpl_building"
    with connection._nodb_cursor() as cursor:
        # Held until this block ends: one builder at a time, the others wait here.
        cursor.execute("SELECT pg_advisory_lock(hashtext(%s))", [f"{base}_tpl"])
        try:
            if not _exists(cursor, template):
                cursor.execute(
                    "SELECT datname FROM pg_database WHERE datname LIKE %s",
                    [f"{base}\\_tpl\\_%"],
                )
                for (stale,) in cursor.fetchall():
                    cursor.execute(f"DROP DATABASE IF EXISTS {quote(stale)}")
                cursor.execute(f"CREATE DATABASE {quote(building)}")
                _migrate_into(connection, building)
                cursor.execute(f"ALTER DATABASE {quote(building)} RENAME TO {quote(template)}")
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(test_name)}")
            cursor.execute(f"CREATE DATABASE {quote(test_name)} TEMPLATE {quote(template)}")
        finally:
            cursor.execute("SELECT pg_advisory_unlock(hashtext(%s))", [f"{base}_tpl"])
    return test_name


def drop_test_database(connection, name: str) -> None:
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)}")
