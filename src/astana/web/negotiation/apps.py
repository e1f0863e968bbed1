"""App configuration for the negotiation room."""

from django.apps import AppConfig


class NegotiationConfig(AppConfig):
    name = "astana.web.negotiation"
    label = "negotiation"
    verbose_name = "Negotiation room"
