"""Limit/offset pagination for every API list (50 rows by default, at most 200 a call), and the
range every id in a path or filter must fall in.

Numbers outside these ranges are refused with 422 where they arrive: passed on, a huge offset
or id overflows the database's integers and the caller would get a 500.
"""

from typing import Annotated, Any

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
MAX_OFFSET = 1_000_000_000
# The largest id a 64-bit integer column (SQLite, PostgreSQL bigint) holds.
MAX_ID = 2**63 - 1

# ninja resolves a paginated view's annotations in its own module, so a module with paginated
# views that take a RowId keeps real annotations (no `from __future__ import annotations`).
RowId = Annotated[int, Field(ge=1, le=MAX_ID, description="An id")]


class Pages(LimitOffsetPagination):
    """Asking for more than MAX_LIMIT rows is refused (422) rather than quietly cut short."""

    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Rows per call")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Rows to skip")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
