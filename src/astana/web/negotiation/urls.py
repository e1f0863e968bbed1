"""URLs of the negotiation room (under the language prefix)."""

from django.urls import path

from astana.web.negotiation import urls_downloads, views, views_rounds

app_name = "negotiation"

urlpatterns = [
    path("processes/<slug:process_slug>/rounds/new", views_rounds.round_new, name="round_new"),
    path("rounds/<int:round_id>/room/", views.room, name="room"),
    path("rounds/<int:round_id>/manage", views_rounds.round_admin, name="round_admin"),
    path(
        "rounds/<int:round_id>/sessions/<int:number>/record",
        views_rounds.session_record,
        name="session_record",
    ),
    path("texts/<int:text_id>/comments/", views_rounds.text_comments, name="comments"),
    path("rounds/<int:round_id>/caucus/", views.caucus, name="caucus"),
    path("rounds/<int:round_id>/audit/", views.audit, name="audit"),
    path("rounds/<int:round_id>/events", views.events, name="events"),
    path("texts/<int:text_id>/", views.text_page, name="text"),
    path("texts/<int:text_id>/redline/", views.redline_page, name="redline"),
    path("texts/<int:text_id>/proposals/", views.proposal_draft, name="proposal_draft"),
    path(
        "texts/<int:text_id>/proposals/<slug:proposal_id>/table",
        views.proposal_table,
        name="proposal_table",
    ),
    path(
        "texts/<int:text_id>/proposals/<slug:proposal_id>/withdraw",
        views.proposal_withdraw,
        name="proposal_withdraw",
    ),
    path(
        "texts/<int:text_id>/proposals/<slug:proposal_id>/support",
        views.proposal_support,
        name="proposal_support",
    ),
    path(
        "texts/<int:text_id>/proposals/<slug:proposal_id>/oppose",
        views.proposal_oppose,
        name="proposal_oppose",
    ),
    path("texts/<int:text_id>/positions/", views.position_set, name="position_set"),
    path("texts/<int:text_id>/revisions/", views.revision_issue, name="revision_issue"),
    path("texts/<int:text_id>/agreement/", views.agreement, name="agreement"),
]

urlpatterns += urls_downloads.urlpatterns
