"""Pages of consultations (under the language prefix)."""

from django.urls import path

from astana.web.consultation import export, views, views_index

app_name = "consultation"

urlpatterns = [
    path("consultations/", views_index.consultation_index, name="index"),
    path("processes/<slug:process_slug>/consultations/", views.consultation_list, name="list"),
    path("consultations/<int:consultation_id>/", views.consultation_page, name="page"),
    path("consultations/<int:consultation_id>/moderate/", views.moderation_page, name="moderate"),
    path("consultations/<int:consultation_id>/results/", views.results_page, name="results"),
    path("consultations/<int:consultation_id>/votes.csv", export.votes_csv, name="votes_csv"),
    path(
        "consultations/<int:consultation_id>/comments.csv", export.comments_csv, name="comments_csv"
    ),
]
