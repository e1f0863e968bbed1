"""URL patterns of the downloads (texts, redlines, round calendars).

Added to the negotiation room's patterns (``urlpatterns += urls_downloads.urlpatterns`` in
``negotiation/urls.py``), so their names live in the ``negotiation`` namespace:
``negotiation:text_download``, ``negotiation:redline_download``, ``negotiation:round_calendar``.
"""

from django.urls import path

from astana.web.negotiation import downloads

__all__ = ["urlpatterns"]

urlpatterns = [
    path(
        "texts/<int:text_id>/download.<str:fmt>",
        downloads.text_download,
        name="text_download",
    ),
    path(
        "texts/<int:text_id>/redline.<str:fmt>",
        downloads.redline_download,
        name="redline_download",
    ),
    path(
        "texts/<int:text_id>/concordance.csv",
        downloads.concordance_download,
        name="concordance_download",
    ),
    path("rounds/<int:round_id>/calendar.ics", downloads.round_calendar, name="round_calendar"),
]
