"""Screens for two-factor login (rules in newsroom.security.two_factor) and the middleware that
sends an admin user to enrol or to enter a code before any other admin page."""

import functools
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import get_script_prefix, get_urlconf, path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from newsroom.security import two_factor

app_name = "two_factor"


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("admin:index")


def _render(request, template: str, context: dict, status: int = 200):
    context = {**admin.site.each_context(request), "next": _next_url(request), **context}
    return TemplateResponse(request, template, context, status=status)


def _qr_svg(data: str) -> str:
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


@never_cache
@sensitive_post_parameters("token")
@login_required
@require_http_methods(["GET", "POST"])
def enrol(request):
    """Set up an authenticator app (QR code and secret, then a code to confirm it), or, for
    a user who has one, say so and offer to turn it off where it is not required."""
    user = request.user
    if not two_factor.offered_to(user):
        return redirect("admin:login")
    device = two_factor.confirmed_device(user)
    if device is not None:
        if two_factor.next_step(request) == "verify":
            return redirect(
                f"{reverse('two_factor:verify')}?{urlencode({'next': _next_url(request)})}"
            )
        if request.method == "POST" and request.POST.get("action") == "turn_off":
            ok, error = two_factor.turn_off(user)
            if ok:
                messages.success(request, "Two-factor login is off for your account.")
                return redirect("admin:index")
            messages.error(request, error)
        return _render(
            request,
            "admin/two_factor/enrolled.html",
            {"title": "Two-factor login", "required": two_factor.required_for(user)},
        )
    error = ""
    if request.method == "POST":
        ok, error = two_factor.confirm(request, request.POST.get("token", ""))
        if ok:
            messages.success(
                request, "Two-factor login is on: you will enter a code at each login."
            )
            return HttpResponseRedirect(_next_url(request))
    pending = two_factor.pending_device(user)
    secret = pending.config_url.split("secret=", 1)[1].split("&", 1)[0]
    return _render(
        request,
        "admin/two_factor/enrol.html",
        {
            "title": "Set up two-factor login",
            "required": two_factor.required_for(user),
            "qr_svg": _qr_svg(pending.config_url),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "error": error,
        },
        status=400 if error else 200,
    )


@never_cache
@sensitive_post_parameters("token")
@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    """The second step of logging in: a code from the user's authenticator app."""
    if two_factor.next_step(request) != "verify":
        return HttpResponseRedirect(_next_url(request))
    error = ""
    if request.method == "POST":
        ok, error = two_factor.verify(request, request.POST.get("token", ""))
        if ok:
            return HttpResponseRedirect(_next_url(request))
    return _render(
        request,
        "admin/two_factor/verify.html",
        {"title": "Enter your login code", "error": error},
        status=400 if error else 200,
    )


urlpatterns = [
    path("enrol/", enrol, name="enrol"),
    path("verify/", verify, name="verify"),
]


@functools.lru_cache(maxsize=16)
def _admin_root(script_prefix: str, urlconf) -> str:
    return reverse("admin:index", urlconf)


class TwoFactorMiddleware:
    """Before any admin page: a user with a device enters a code; a user who must have one
    enrols. Logging in and out and the two-factor screens themselves stay reachable.
    Install after django_otp's OTPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        step = self._step_needed(request)
        if step is not None:
            target = reverse(f"two_factor:{step}")
            return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _step_needed(request) -> str | None:
        # Readers' pages pass on one string comparison: no reverse() on every request.
        if not request.path.startswith(_admin_root(get_script_prefix(), get_urlconf())):
            return None
        open_paths = (
            reverse("admin:login"),
            reverse("admin:logout"),
            reverse("two_factor:enrol"),
            reverse("two_factor:verify"),
        )
        if request.path in open_paths:
            return None
        return two_factor.next_step(request)
