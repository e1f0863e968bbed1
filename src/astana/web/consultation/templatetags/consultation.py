"""``{% consultation_results consultation as results %}``: the latest stored results, for
the consensus panel beside the negotiating text (``consultation/_consensus_panel.html``)."""

from __future__ import annotations

from django import template

from astana.web.consultation.models import Consultation
from astana.web.consultation.selectors import Results, consensus_panel

register = template.Library()


@register.simple_tag
def consultation_results(consultation: Consultation) -> Results:
    return consensus_panel(consultation)
