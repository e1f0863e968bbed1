"""URLs of the signed-in user's way in (under the language prefix)."""

from django.urls import path

from astana.web.home import views

app_name = "home"

urlpatterns = [
    path("my/rounds/", views.my_rounds, name="my_rounds"),
]
