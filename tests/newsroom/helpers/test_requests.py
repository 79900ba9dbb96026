"""newsroom.requests: a body that cannot be read is a status and a code, never a 500."""

import pytest
from django.test import RequestFactory, override_settings

from newsroom.requests import UnreadableBody, posted, read_form, wants_json

factory = RequestFactory()


def test_a_form_is_read():
    request = factory.post("/x/", {"text": "Hello", "n": "١٢٣"})
    assert read_form(request)["text"] == "Hello"
    assert posted(request)["n"] == "١٢٣"


def test_an_empty_body_is_an_empty_form():
    assert (
        dict(read_form(factory.post("/x/", "", content_type="application/x-www-form-urlencoded")))
        == {}
    )


def test_a_body_over_the_callers_limit_is_too_big_before_it_is_read():
    request = factory.post("/x/", {"text": "x" * 500})
    with pytest.raises(UnreadableBody) as refused:
        read_form(request, max_bytes=100)
    assert (refused.value.status, refused.value.code, refused.value.too_big) == (
        413,
        "too_big",
        True,
    )
    assert posted(factory.post("/x/", {"text": "x" * 50})) is not None


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=100)
def test_a_body_over_djangos_limit_is_too_big():
    request = factory.post(
        "/x/", "text=" + "x" * 500, content_type="application/x-www-form-urlencoded"
    )
    with pytest.raises(UnreadableBody) as refused:
        read_form(request)
    assert refused.value.status == 413
    assert (
        posted(
            factory.post(
                "/x/", "text=" + "x" * 500, content_type="application/x-www-form-urlencoded"
            )
        )
        is None
    )


@override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=5)
def test_too_many_fields_is_malformed():
    request = factory.post("/x/", {f"f{i}": "1" for i in range(50)})
    with pytest.raises(UnreadableBody) as refused:
        read_form(request)
    assert (refused.value.status, refused.value.code) == (400, "bad")


def test_a_broken_multipart_body_is_malformed():
    request = factory.post(
        "/x/", b"--nope\r\n garbage", content_type="multipart/form-data; boundary=\x00"
    )
    assert posted(request) is None


def test_a_lying_content_length_is_not_a_crash():
    request = factory.post("/x/", {"text": "a"})
    request.META["CONTENT_LENGTH"] = "lots"
    # Django reads no body whose length it cannot read: an empty form, not a 500.
    assert dict(read_form(request, max_bytes=10)) == {}


def test_json_is_what_the_accept_header_asks_for():
    assert wants_json(factory.post("/x/", headers={"Accept": "application/json"}))
    assert not wants_json(factory.post("/x/"))
    assert not wants_json(factory.post("/x/", headers={"X-Requested-With": "fetch"}))
