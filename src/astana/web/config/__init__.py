"""Project configuration: settings per environment, URLs, ASGI/WSGI entry points."""
