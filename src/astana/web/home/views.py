"""The signed-in user's pages: "My rounds" (where a login lands) and the consultations list."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_GET

from astana.web.common.pages import acting_user
from astana.web.home.selectors import my_desk


@login_required
@require_GET
def my_rounds(request: HttpRequest) -> HttpResponse:
    desk = my_desk(acting_user(request), translation.get_language() or "en")
    return render(request, "home/my_rounds.html", {"desk": desk})
