"""``/consultations/``: every process's consultations the reader may see (drafts only to those
who take part in the process, as on each process's list), with the way to each process's list,
where its convener opens a new one."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from astana.web.consultation import selectors
from astana.web.processes.models import Process


@require_GET
def consultation_index(request: HttpRequest) -> HttpResponse:
    groups = []
    for process in Process.objects.order_by("slug"):
        _, can_create, rows = selectors.consultations_in_process(request.user, process.slug)
        if rows or can_create:
            groups.append({"process": process, "consultations": rows, "can_create": can_create})
    return render(request, "consultation/index.html", {"groups": groups})
