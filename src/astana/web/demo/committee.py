"""The committee of the demo: the Syrian Constitutional Committee as a committee of the Astana
Platform sandbox (``astana.web.decisions.examples``), created through the action a convener
uses. No members are loaded: the sources name none, so the live check lists every empty seat.
"""

from __future__ import annotations

from django.db import transaction

from astana.web.accounts.models import User
from astana.web.decisions import actions
from astana.web.decisions.examples import SCC_NAMES, SCC_SLUG, scc_definition
from astana.web.decisions.models import Committee
from astana.web.demo.users import DEMO_PROCESS

__all__ = ["load_committee_example"]


@transaction.atomic
def load_committee_example(process_slug: str = DEMO_PROCESS) -> Committee:
    """(Re-)create the Syrian Constitutional Committee in the sandbox; demo users must exist."""
    Committee.objects.filter(process__slug=process_slug, slug=SCC_SLUG).delete()
    committee = actions.committee_create(
        user=User.objects.get(username="convener"),
        process_slug=process_slug,
        slug=SCC_SLUG,
        names=SCC_NAMES,
        definition=scc_definition(),
    )
    committee.is_sandbox = True
    committee.save(update_fields=["is_sandbox"])
    return committee
