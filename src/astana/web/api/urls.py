"""The API's URLs (filled in by astana.web.api.routes)."""

from ninja import NinjaAPI

from astana.web.api.errors import install
from astana.web.api.routes import ROUTERS
from astana.web.consultation.api import router as consultation_router
from astana.web.decisions.api import router as decisions_router
from astana.web.signing.api import router as record_router

api = NinjaAPI(title="Astana API", version="1", urls_namespace="api", docs_url="/docs")

for router in (*ROUTERS, record_router, decisions_router, consultation_router):
    api.add_router("/", router)
install(api)
