"""URLs of decisions and committees (under the language prefix)."""

from django.urls import path

from astana.web.decisions import views, views_create

app_name = "decisions"

urlpatterns = [
    path("rounds/<int:round_id>/decisions/", views.round_decisions, name="round"),
    path("rounds/<int:round_id>/outcomes/", views.outcomes, name="outcomes"),
    path("decisions/<int:decision_id>/", views.decision_page, name="decision"),
    path("processes/<slug:process_slug>/committees/", views.committee_list, name="committees"),
    path(
        "processes/<slug:process_slug>/committees/new/",
        views_create.committee_new,
        name="committee_new",
    ),
    path("processes/<slug:process_slug>/rules/", views_create.process_rules, name="process_rules"),
    path("committees/<int:committee_id>/", views.committee_page, name="committee"),
]
