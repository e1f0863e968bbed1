"""The API's URLs (filled in by astana.web.api.routes)."""

from ninja import NinjaAPI

from astana.web.api.errors import install
from astana.web.api.routes import ROUTERS

api = NinjaAPI(title="Astana API", version="1", urls_namespace="api", docs_url="/docs")

for router in ROUTERS:
    api.add_router("/", router)
install(api)
