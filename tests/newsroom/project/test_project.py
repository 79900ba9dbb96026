"""The project itself: migrations complete, production settings strict, admin pages answer."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_no_missing_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def _import_production_settings(env_overrides):
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {"SECRET_KEY", "ALLOWED_HOSTS", "REDIS_URL", "SITE_URL", "NEWSROOM_SIGNING_KEY_FILE"}
    }
    env.update(env_overrides)
    env["DJANGO_SETTINGS_MODULE"] = "newsroom.settings.production"
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _import_production_settings({"ALLOWED_HOSTS": "news.example.org"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _import_production_settings({"SECRET_KEY": "x" * 50})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


PRODUCTION_ENV = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "news.example.org",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "SITE_URL": "https://news.example.org",
    "NEWSROOM_SIGNING_KEY_FILE": "/etc/newsroom/signing_key.pem",
}


@pytest.mark.parametrize("missing", ["REDIS_URL", "SITE_URL", "NEWSROOM_SIGNING_KEY_FILE"])
def test_production_refuses_to_start_without_a_shared_cache_or_site_url(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = _import_production_settings(env)
    assert result.returncode != 0
    assert f"{missing} must be set in production" in result.stderr


def test_production_starts_with_all_of_them():
    result = _import_production_settings(PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_settings_refuse_a_non_postgres_database():
    env = dict(
        os.environ,
        DATABASE_URL="mysql://u:p@localhost/db",
        DJANGO_SETTINGS_MODULE="newsroom.settings.dev",
    )
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "must point at PostgreSQL" in result.stderr


def test_the_database_is_postgresql(settings):
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def test_ruff_lint_and_format_are_clean():
    ruff = Path(sys.executable).parent / "ruff"
    lint = subprocess.run([ruff, "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert lint.returncode == 0, lint.stdout
    fmt = subprocess.run([ruff, "format", "--check", "."], cwd=ROOT, capture_output=True, text=True)
    assert fmt.returncode == 0, fmt.stdout


def test_production_passes_djangos_deployment_checks():
    # The browser tests' Playwright needs DJANGO_ALLOW_ASYNC_UNSAFE; a deployment never has it.
    skip = {*PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env.update(PRODUCTION_ENV, DJANGO_SETTINGS_MODULE="newsroom.settings.production")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
