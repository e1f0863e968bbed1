"""Root URLs: language-prefixed pages (/ar/, /en/, /ru/), the admin, and later /api/."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from astana.web.api.urls import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]
urlpatterns += i18n_patterns(
    path("accounts/", include("astana.web.accounts.urls")),
    path("", include("astana.web.home.urls")),
    path("", include("astana.web.negotiation.urls")),
    path("", include("astana.web.decisions.urls")),
    path("", include("astana.web.signing.urls")),
    path("", include("astana.web.consultation.urls")),
    path("", include("astana.web.archive.urls")),
    prefix_default_language=True,
)

handler400 = "astana.web.config.limits.bad_request"
handler404 = "astana.web.archive.views.not_found"
handler500 = "astana.web.archive.views.server_error"
