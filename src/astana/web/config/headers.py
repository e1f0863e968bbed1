"""Response headers Django has no setting for: the Permissions-Policy.

The Content-Security-Policy comes from django-csp (``CONTENT_SECURITY_POLICY`` in the base
settings); Referrer-Policy, X-Frame-Options, X-Content-Type-Options and
Cross-Origin-Opener-Policy from Django's own middleware.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.deprecation import MiddlewareMixin

__all__ = ["PermissionsPolicyMiddleware", "permissions_policy"]


def permissions_policy(features: dict[str, tuple[str, ...]]) -> str:
    """``{"camera": ()}`` → ``camera=()``: each feature with the origins allowed it."""
    return ", ".join(f"{name}=({' '.join(origins)})" for name, origins in features.items())


class PermissionsPolicyMiddleware(MiddlewareMixin):
    """Adds ``Permissions-Policy`` from ``settings.PERMISSIONS_POLICY`` to every answer."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        features: dict[str, tuple[str, ...]] = getattr(settings, "PERMISSIONS_POLICY", {})
        if features and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = permissions_policy(features)
        return response
