"""Response headers and login protection the whole site shares.

- `PermissionsPolicyMiddleware` sends `Permissions-Policy` (settings.PERMISSIONS_POLICY) on
  every response that does not set its own.
- `AdminMediaNonceMiddleware` gives the admin's form media the request's CSP nonce. The
  story editor (django-prose-editor) loads its modules through an inline
  `<script type="importmap">`, which browsers check against `script-src` like any inline
  script. Admin pages are never cached, so a per-request nonce costs nothing there; public
  pages never ask for one, so their policy has no nonce and cached copies stay valid.
- `client_ip` is the address login throttling counts against (see AXES_CLIENT_IP_CALLABLE).
- `lockout_response` is what a locked-out login sees: the admin's login frame saying what
  happened and when to try again, not a bare 403.
- Every login, failed or not, is logged on `newsroom.auth`.
"""

import logging

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.template.response import TemplateResponse
from django.utils import timezone

log = logging.getLogger("newsroom.auth")


def permissions_policy_header(policy: dict[str, list[str]]) -> str:
    """{"camera": [], "fullscreen": ["self"]} -> 'camera=(), fullscreen=(self)'."""
    return ", ".join(f"{feature}=({' '.join(allow)})" for feature, allow in policy.items())


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy_header(getattr(settings, "PERMISSIONS_POLICY", {}))

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class AdminMediaNonceMiddleware:
    """Put the CSP nonce on the form media (import map, module scripts) of admin pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_template_response(self, request, response):
        from js_asset import Media

        context = response.context_data
        media = context.get("media") if isinstance(context, dict) else None
        if isinstance(media, Media) and hasattr(request, "csp_nonce"):
            context["media"] = media.with_nonce(str(request.csp_nonce))
        return response


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or with NEWSROOM_PROXY_COUNT trusted proxies in
    front, the address the outermost of them saw (X-Forwarded-For counted from the right)."""
    proxies = int(getattr(settings, "NEWSROOM_PROXY_COUNT", 0))
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def login_username(request, credentials=None) -> str:
    """The username login throttling counts against, cut to the longest a username can be
    (a longer one is not a user, and would not fit in the attempts table)."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        value = credentials.get(field)
    else:
        value = request.POST.get(field) if request is not None else None
    return str(value or "")[:150]


def lockout_response(request, original_response=None, credentials=None):
    """The admin login frame with what happened and when to try again (HTTP 429)."""
    from axes.helpers import get_client_username, get_cool_off

    cool_off = get_cool_off(request)
    minutes = round(cool_off.total_seconds() / 60) if cool_off else None
    until = timezone.localtime(timezone.now() + cool_off) if cool_off else None
    context = {
        "title": "Too many failed logins",
        "site_header": "Newsroom",
        "site_title": "Newsroom",
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "username": get_client_username(request, credentials) or "",
        "cool_off_minutes": minutes,
        "locked_until": until,
    }
    response = TemplateResponse(
        request, "admin/login_locked.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
    return response.render()


def connect_login_log() -> None:
    user_logged_in.connect(_log_login, dispatch_uid="newsroom.security.log_login")
    user_login_failed.connect(_log_login_failure, dispatch_uid="newsroom.security.log_failure")


def _log_login(sender, request, user, **kwargs):
    log.info(
        "login succeeded",
        extra={
            "event": "login",
            "outcome": "success",
            "username": user.get_username(),
            "ip": client_ip(request) if request is not None else "",
        },
    )


def _log_login_failure(sender, credentials, request=None, **kwargs):
    log.warning(
        "login failed",
        extra={
            "event": "login",
            "outcome": "failure",
            "username": str(credentials.get("username", ""))[:150],
            "ip": client_ip(request) if request is not None else "",
        },
    )
