"""Limit/offset pagination for every API list: 50 rows by default, at most 200 a call."""

from typing import Any

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


class Pages(LimitOffsetPagination):
    """Asking for more than MAX_LIMIT rows is refused (422) rather than quietly cut short."""

    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Rows per call")
        offset: int = Field(0, ge=0, description="Rows to skip")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
