"""The REST API: one router per app, personal tokens, OpenAPI at /api/openapi.json."""
