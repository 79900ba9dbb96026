"""Sourcing's part of the admin start page: the anonymity approvals waiting for whoever may
approve them (`sources.anonymity_requests`), added with `admin.site.add_to_start_page`."""

from sources.anonymity_requests import waiting_approvals


def start_page_context(request) -> dict:
    waiting, total = waiting_approvals(request.user)
    if not total:
        return {}
    return {"anonymity_waiting": waiting, "anonymity_waiting_total": total}
