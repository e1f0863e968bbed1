"""URLs of decisions and committees (under the language prefix)."""

from django.urls import URLPattern

app_name = "decisions"

urlpatterns: list[URLPattern] = []
