"""The API: one NinjaAPI object with each app's router (its ``api.py``), the api app's own
(tokens) and the error handlers."""

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from astana.web.api.api import router as token_router
from astana.web.api.errors import install
from astana.web.consultation.api import router as consultation_router
from astana.web.decisions.api import router as decisions_router
from astana.web.negotiation.api import ROUTERS as NEGOTIATION_ROUTERS
from astana.web.signing.api import router as record_router


class _Api(NinjaAPI):
    """The API whose OpenAPI schema is made once per process (and path prefix): its routes are
    fixed once the URLs are loaded, and making it walks every operation's models (~40 ms, on
    every read of /api/openapi.json otherwise). Callers read the schema, never change it."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        schemas: dict[str, OpenAPISchema] = self.__dict__.setdefault("_schemas", {})
        if path_prefix not in schemas:
            schemas[path_prefix] = super().get_openapi_schema(path_prefix=path_prefix)
        return schemas[path_prefix]


api = _Api(title="Astana API", version="1", urls_namespace="api", docs_url="/docs")

for router in (
    *NEGOTIATION_ROUTERS,
    token_router,
    record_router,
    decisions_router,
    consultation_router,
):
    api.add_router("/", router)
install(api)
