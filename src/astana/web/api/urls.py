"""The API's URLs (filled in by astana.web.api.routes)."""

from ninja import NinjaAPI

api = NinjaAPI(title="Astana API", version="1", urls_namespace="api", docs_url="/docs")
