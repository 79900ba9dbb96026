"""The demo content reaches its states through the real workflow and its standards checks;
demo logins get their roles."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, PublishedArticle
from demo.loader import load_demo
from sources import standards
from sources.models import StandardsOverride

pytestmark = pytest.mark.django_db


def test_demo_stories_reach_their_states_through_the_workflow_and_its_standards():
    counts = load_demo()
    assert counts["created"] >= 10 and counts["failed"] == 0
    assert PublishedArticle.objects.filter(status="live").exists()
    assert Article.objects.filter(state="in_review").exists()
    published = Article.objects.filter(state="published").first()
    assert published.events.filter(action="publish").exists()
    assert Article.objects.filter(state="spiked").exists()
    assert PublishedArticle.objects.filter(published_at__gt=timezone.now()).exists()  # scheduled
    # ... and every story readers see or will see passes the standards, with no override.
    public = Article.objects.filter(snapshot__isnull=False)
    assert public.count() >= 10
    for article in public:
        findings = standards.check_article(article)
        assert not standards.blocking_findings(findings), (article.slug, findings)
        assert not standards.unresolved_warnings(findings, None), (article.slug, findings)
    assert not StandardsOverride.objects.exists()


def test_demo_logins_are_printed_and_stable(monkeypatch, tmp_path, capsys):
    from demo.management.commands import ensure_demo_logins

    monkeypatch.setattr(ensure_demo_logins, "LOGIN_FILE", tmp_path / "demo_logins")
    call_command("ensure_demo_logins")
    first = capsys.readouterr().out
    call_command("ensure_demo_logins")
    assert capsys.readouterr().out == first
    assert "Reporter login: demo-reporter / " in first and "Editor login: demo-editor / " in first

    from django.contrib.auth import get_user_model

    reporter = get_user_model().objects.get(username="demo-reporter")
    password = first.split("demo-reporter / ")[1].split()[0]
    assert reporter.check_password(password)
    assert reporter.groups.filter(name="Reporters").exists()


def test_demo_correction_comes_with_an_update_after_the_first_publication(client):
    from datetime import datetime

    from sources.models import Correction

    load_demo()
    correction = Correction.objects.select_related("article", "approved_by").get(
        article__slug="navy-delays-sentinel-ships-harbor-city-yard"
    )
    assert correction.is_published and correction.approved_by.username == "demo-editor"
    assert correction.revision is not None
    snapshot = PublishedArticle.objects.get(article=correction.article)
    assert snapshot.updated_at > snapshot.published_at
    [public] = snapshot.corrections
    assert datetime.fromisoformat(public["at"]) > snapshot.published_at
    page = client.get(snapshot.url_path).content.decode()
    assert "Updated <time" in page
    assert f'"dateModified": "{snapshot.updated_at.isoformat()}"' in page


def test_demo_editor_approves_anonymity_and_gets_in_with_the_printed_code(
    monkeypatch, tmp_path, capsys
):
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from demo.management.commands import demo_otp, ensure_demo_logins
    from newsroom.security import two_factor
    from sources.permissions import can_view_confidential

    # ./dev up's files in a checkout of its own: ensure_demo_logins writes, demo_otp reads.
    (tmp_path / ".local").mkdir()
    monkeypatch.setattr(ensure_demo_logins, "LOGIN_FILE", tmp_path / ".local" / "demo_logins")
    monkeypatch.setattr(demo_otp.settings, "BASE_DIR", tmp_path)
    call_command("ensure_demo_logins")
    logins = capsys.readouterr().out
    editor = get_user_model().objects.get(username="demo-editor")
    # A Standards editor: may approve anonymous sources, so logs in with a second factor.
    assert editor.groups.filter(name="Standards editors").exists()
    assert can_view_confidential(editor) and two_factor.required_for(editor)
    assert "demo-editor / " in logins and "two-factor code printed below" in logins
    call_command("demo_otp")
    codes = capsys.readouterr().out
    device = TOTPDevice.objects.get(user=editor)
    code = codes.split("Two-factor code for demo-editor: ")[1].split()[0]
    assert device.verify_token(code)
    reporter = get_user_model().objects.get(username="demo-reporter")
    assert not two_factor.required_for(reporter)
