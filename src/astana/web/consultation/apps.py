"""App configuration for consultations (Pol.is-style statements and votes)."""

from django.apps import AppConfig


class ConsultationConfig(AppConfig):
    name = "astana.web.consultation"
    label = "consultation"
    verbose_name = "Consultations"
