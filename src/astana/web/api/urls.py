"""The API: one NinjaAPI object with each app's router (its ``api.py``), the api app's own
(tokens) and the error handlers."""

from ninja import NinjaAPI

from astana.web.api.api import router as token_router
from astana.web.api.errors import install
from astana.web.consultation.api import router as consultation_router
from astana.web.decisions.api import router as decisions_router
from astana.web.negotiation.api import ROUTERS as NEGOTIATION_ROUTERS
from astana.web.signing.api import router as record_router

api = NinjaAPI(title="Astana API", version="1", urls_namespace="api", docs_url="/docs")

for router in (
    *NEGOTIATION_ROUTERS,
    token_router,
    record_router,
    decisions_router,
    consultation_router,
):
    api.add_router("/", router)
install(api)
