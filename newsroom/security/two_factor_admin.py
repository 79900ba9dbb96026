"""The admin's list of authenticator devices: see who has one, delete one (a lost phone; the
user sets up a new one at their next login). Devices are made only by enrolment
(newsroom.security.two_factor_views), and their keys are never shown here.

It replaces django-otp's own TOTP device admin, whose add and change forms show the secret
key and whose QR-code pages answer a 500 to an id out of range.
"""

from django.contrib import admin
from django_otp.plugins.otp_totp import admin as otp_totp_admin  # noqa: F401  (registers it)
from django_otp.plugins.otp_totp.models import TOTPDevice


class AuthenticatorDeviceAdmin(admin.ModelAdmin):
    list_display = ("user", "name", "confirmed", "last_used_at")
    list_filter = ("confirmed",)
    search_fields = ("user__username", "user__first_name", "user__last_name")
    fields = ("user", "name", "confirmed", "created_at", "last_used_at")
    readonly_fields = fields
    list_select_related = ("user",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def install() -> None:
    if admin.site.is_registered(TOTPDevice):
        admin.site.unregister(TOTPDevice)
    admin.site.register(TOTPDevice, AuthenticatorDeviceAdmin)
