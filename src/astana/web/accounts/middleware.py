"""Ends sessions on the server: after ``SESSION_COOKIE_AGE`` from login, or after
``ASTANA_SESSION_IDLE_SECONDS`` without activity (see ``accounts.sessions``)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import resolve_url
from django.utils.translation import gettext as _

from astana.web.accounts.sessions import ended, is_passive, touch
from astana.web.common.errors import is_overload
from astana.web.common.middleware import busy

__all__ = ["SessionExpiryMiddleware"]


class SessionExpiryMiddleware:
    """An ended session is logged out: a page redirects to the login page saying why, the API
    answers 401 in its JSON form (unless the request carries its own bearer token), an event
    stream answers 401. Any other request by a logged-in user is activity."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            reason = self._ended(request)
        except Exception as error:
            # The database too busy to read the session (its pool empty): 503, never a 500.
            # Django's 500 handler cannot tell this for an async view (the event stream): it
            # renders in another thread, which does not see the exception.
            if not is_overload(error):
                raise
            return busy(request)
        if not reason:
            return self.get_response(request)
        logout(request)
        if reason == "idle":
            message = _("Your session ended after a period without activity. Please log in again.")
        else:
            message = _("Your session reached its maximum length. Please log in again.")
        if request.path_info.startswith("/api/"):
            if "Authorization" in request.headers:
                return self.get_response(request)  # the token alone decides
            return JsonResponse({"error": message, "changes": []}, status=401)
        if is_passive(request):
            return HttpResponse(message, status=401, content_type="text/plain; charset=utf-8")
        messages.info(request, message)
        if request.method == "GET":
            return redirect_to_login(request.get_full_path())
        return HttpResponseRedirect(resolve_url(settings.LOGIN_URL))

    @staticmethod
    def _ended(request: HttpRequest) -> str:
        """Why the logged-in user's session ended ("idle", "lifetime"), or "" (nobody is logged in,
        or the session goes on: any request but a passive one is noted as activity)."""
        if not request.user.is_authenticated:
            return ""
        reason = ended(request)
        if not reason and not is_passive(request):
            touch(request)
        return reason
