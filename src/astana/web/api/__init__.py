"""The JSON API (django-ninja) under /api/, with its OpenAPI schema at /api/docs."""
