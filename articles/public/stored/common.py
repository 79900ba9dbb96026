"""Whole public pages kept as the bytes readers get (`StoredBytes`): made once, served as they are.

Shared by story pages (`articles.public.stored.pages`) and fronts
(`articles.public.stored.fronts`), which decide when a kept page still holds. This module
makes the row's fields from a rendered response (the brotli and gzip copies, the ETag,
Last-Modified), writes it without ever failing the request, names the byte columns a request
needs, and turns the bytes read back into a response that `articles.public.page_cache` serves
as it is (no hashing, no compressing).
"""

import hashlib
import io
import logging
import math
from urllib.parse import urlsplit

import psycopg
from csp.constants import HEADER
from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest
from django.db import DatabaseError, connections, router, transaction
from django.http import HttpResponse
from django.urls import resolve
from django.utils import timezone
from django.utils.http import http_date, parse_http_date_safe

from articles.public.delivery import compression

logger = logging.getLogger("newsroom.stored_pages")

CONTENT_TYPE = "text/html; charset=utf-8"
# A request's copy (see `page_cache.wanted_encodings`) and the column that holds it.
COLUMNS = (("br", "brotli"), ("gzip", "gzip"))


def copy_columns(wanted: tuple[str, ...]) -> tuple[str, ...]:
    """The byte columns read for the copies `wanted` ("" is the page as it is): each copy
    asked for, and `content`, the page as it is (which the reader falls back on when the one
    copy asked for is missing)."""
    return (*(column for name, column in COLUMNS if name in wanted), "content")


def fields_of(response) -> dict | None:
    """The stored fields of a page just rendered, or None when it must not be kept (not a
    200, or a page with a policy of its own, e.g. embeds, which no row keeps)."""
    if response.status_code != 200 or HEADER in response:
        return None
    content = response.content
    stated = parse_http_date_safe(response.get("Last-Modified", "")) or 0
    copies = compression.encode(content, compression.ENCODINGS)
    return {
        "etag": f'"{hashlib.sha256(content).hexdigest()[:32]}"',
        "last_modified": min(stated, math.floor(timezone.now().timestamp())),
        "content": content,
        "brotli": copies.get("br"),
        "gzip": copies.get("gzip"),
    }


def write(row) -> bool:
    """Insert or replace `row` (a StoredBytes model instance) by its primary key. Never fails
    the request: a write that fails (its story went away meanwhile) is logged."""
    model = type(row)
    key = model._meta.pk
    fields = [f.name for f in model._meta.concrete_fields if not f.primary_key]
    try:
        with transaction.atomic(using=router.db_for_write(model)):
            model.objects.bulk_create(
                [row], update_conflicts=True, unique_fields=[key.name], update_fields=fields
            )
    except DatabaseError:
        logger.warning("%s not kept", row, exc_info=True)
        return False
    return True


def fetch_one(alias: str, sql: str, params) -> tuple | None:
    """One row of `sql` on the database `alias`, as a prepared statement where the connection
    allows it: a stored page's look-up is planned once per connection, not on every request
    (PostgreSQL spent longer planning it than running it). Not behind PgBouncer in transaction
    mode (`prepare_threshold` set to None in OPTIONS: a statement prepared on one server
    connection would be looked for on another). Through Django's cursor wrapper, so it is
    counted, logged and wrapped like any query.

    It is also the connection's health check (CONN_HEALTH_CHECKS), which would otherwise send
    a "SELECT 1" before a request's first query, a round trip as long as the read itself:
    should a connection kept from an earlier request prove broken, it is closed and the read
    made again on a new one (a read is safe to repeat)."""
    connection = connections[alias]
    if (
        connection.health_check_enabled
        and not connection.health_check_done
        and connection.connection is not None
        and not connection.in_atomic_block
    ):
        connection.health_check_done = True
        try:
            return _fetch_one(connection, sql, params)
        except DatabaseError:
            if connection.is_usable():
                raise  # the read itself failed, not the connection
            connection.close()
    return _fetch_one(connection, sql, params)


def _fetch_one(connection, sql: str, params) -> tuple | None:
    if "prepare_threshold" in connection.settings_dict.get("OPTIONS", {}):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    raw = connection.connection
    if raw.prepare_threshold is None:
        # Django's cursors bind on the client side and are never prepared: only these are.
        raw.prepare_threshold = 0
    cursor = psycopg.Cursor(raw)  # binds on the server, which a prepared statement needs
    if connection.queries_logged:
        wrapped = connection.make_debug_cursor(cursor)
    else:
        wrapped = connection.make_cursor(cursor)
    with wrapped:
        wrapped.execute(sql, params)
        return wrapped.fetchone()


def response_of(found: dict, wanted: tuple[str, ...]) -> HttpResponse:
    """The response of a stored page read back (`found`: the columns of `copy_columns`, `etag`
    and `last_modified`); `page_cache` serves its `stored_entry` as it is."""
    encoded = {
        name: bytes(found[column])
        for name, column in COLUMNS
        if name in wanted and found.get(column) is not None
    }
    content = bytes(found["content"]) if found.get("content") is not None else b""
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Last-Modified"] = http_date(found["last_modified"])
    response.stored_entry = {"content": content, "encoded": encoded, "etag": found["etag"]}
    return response


def reader_request(path: str) -> WSGIRequest:
    """A reader's GET of `path` on SITE_URL, for pages made outside a request (tasks)."""
    site = urlsplit(settings.SITE_URL)
    secure = site.scheme == "https"
    request = WSGIRequest(
        {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "SCRIPT_NAME": "",
            "SERVER_NAME": site.hostname or "localhost",
            "SERVER_PORT": str(site.port or (443 if secure else 80)),
            "HTTP_HOST": site.netloc or "localhost",
            "wsgi.url_scheme": site.scheme or "http",
            "wsgi.input": io.BytesIO(b""),
        }
    )
    request.resolver_match = resolve(path)
    return request
