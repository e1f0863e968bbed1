"""URLs of the negotiation room (under the language prefix)."""

from django.urls import path

from astana.web.negotiation import (
    urls_downloads,
    views_drafting,
    views_events,
    views_grid,
    views_room,
    views_rounds,
    views_texts,
)

app_name = "negotiation"

urlpatterns = [
    path("processes/<slug:process_slug>/rounds/new", views_rounds.round_new, name="round_new"),
    path("rounds/<int:round_id>/room/", views_room.room, name="room"),
    path("rounds/<int:round_id>/manage", views_rounds.round_admin, name="round_admin"),
    path(
        "rounds/<int:round_id>/sessions/<int:number>/record",
        views_rounds.session_record,
        name="session_record",
    ),
    path("texts/<int:text_id>/comments/", views_rounds.text_comments, name="comments"),
    path("rounds/<int:round_id>/caucus/", views_room.caucus, name="caucus"),
    path("rounds/<int:round_id>/audit/", views_room.audit, name="audit"),
    path("rounds/<int:round_id>/events", views_events.events, name="events"),
    path("texts/<int:text_id>/", views_texts.text_page, name="text"),
    path("texts/<int:text_id>/grid/", views_grid.grid_page, name="grid"),
    path("texts/<int:text_id>/grid/positions", views_grid.grid_set, name="grid_set"),
    path("texts/<int:text_id>/redline/", views_texts.redline_page, name="redline"),
    path("texts/<int:text_id>/proposals/", views_texts.proposal_draft, name="proposal_draft"),
    path(
        "texts/<int:text_id>/proposals/<slug:proposal_id>/table",
        views_texts.proposal_table,
        name="proposal_table",
    ),
    path(
        "texts/<int:text_id>/proposals/<slug:proposal_id>/withdraw",
        views_texts.proposal_withdraw,
        name="proposal_withdraw",
    ),
    path(
        "texts/<int:text_id>/proposals/<slug:proposal_id>/support",
        views_texts.proposal_support,
        name="proposal_support",
    ),
    path(
        "texts/<int:text_id>/proposals/<slug:proposal_id>/oppose",
        views_texts.proposal_oppose,
        name="proposal_oppose",
    ),
    path("texts/<int:text_id>/positions/", views_texts.position_set, name="position_set"),
    path(
        "texts/<int:text_id>/mediator-proposals/",
        views_drafting.proposal_mediate,
        name="proposal_mediate",
    ),
    path(
        "texts/<int:text_id>/translations/",
        views_drafting.translation_supply,
        name="translation_supply",
    ),
    path("texts/<int:text_id>/revisions/", views_texts.revision_issue, name="revision_issue"),
    path(
        "texts/<int:text_id>/renumbering/",
        views_texts.revision_renumber,
        name="revision_renumber",
    ),
    path("texts/<int:text_id>/agreement/", views_texts.agreement, name="agreement"),
]

urlpatterns += urls_downloads.urlpatterns
