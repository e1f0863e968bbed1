"""Pages of consultations (under the language prefix)."""

from django.urls import path

from astana.web.consultation import views

app_name = "consultation"

urlpatterns = [
    path("processes/<slug:process_slug>/consultations/", views.consultation_list, name="list"),
    path("consultations/<int:consultation_id>/", views.consultation_page, name="page"),
    path("consultations/<int:consultation_id>/moderate/", views.moderation_page, name="moderate"),
    path("consultations/<int:consultation_id>/results/", views.results_page, name="results"),
]
