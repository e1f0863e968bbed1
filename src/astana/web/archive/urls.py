"""URLs of the public archive (mounted under the language prefix)."""

from django.urls import path

from astana.web.archive import views

app_name = "archive"

urlpatterns = [
    path("", views.home, name="home"),
    path("search", views.search, name="search"),
    path("sources/", views.sources, name="sources"),
    path("conflicts/", views.conflicts, name="conflicts"),
    path("digits", views.set_digits, name="digits"),
    path("processes/<slug:slug>/", views.process_detail, name="process"),
    path("processes/<slug:slug>/timeline.svg", views.timeline_image, name="timeline"),
    path("processes/<slug:process>/rounds/<slug:slug>/", views.round_detail, name="round"),
    path(
        "processes/<slug:process>/rounds/<slug:round>/sessions/<int:number>/",
        views.session_detail,
        name="session",
    ),
    path("documents/<slug:slug>/", views.document_detail, name="document"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("people/<slug:slug>/", views.person_detail, name="person"),
]
