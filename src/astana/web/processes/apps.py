"""App configuration for processes."""

from django.apps import AppConfig


class ProcessesConfig(AppConfig):
    name = "astana.web.processes"
    label = "processes"
    verbose_name = "Processes and records"
