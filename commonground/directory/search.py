"""Searching people and organisations by any word of their names (and a person's email and job
title), fast at a national directory's size.

Each record's searched columns are joined into one text; every word typed must appear in it.
On PostgreSQL a trigram index (pg_trgm, migration 0003) holds exactly that text upper-cased, so
the `icontains` below is answered from the index instead of reading every row; on SQLite the
same query reads the table, which is fine at a demo's size.
"""

from __future__ import annotations

from typing import Any, TypeVar, cast

from django.db.models import Func, Model, QuerySet, TextField

Found = TypeVar("Found", bound=Model)

# The columns each index joins, in its order: the query must build the very same text.
PERSON_COLUMNS = ("first_name", "last_name", "email", "job_title")
ORGANISATION_COLUMNS = ("name", "short_name")
# A cohort is named by its programme and its own name ("Leading Greater Essex 2024/25").
COHORT_COLUMNS = ("programme__name", "name")
# An autocomplete offers this many names at a time.
SUGGESTED = 10


class Joined(Func):
    """Columns joined with spaces, as `a || ' ' || b`, which both databases read alike."""

    arg_joiner = " || ' ' || "
    template = "(%(expressions)s)"
    output_field = TextField()


def matching(queryset: QuerySet[Found], columns: tuple[str, ...], text: str) -> QuerySet[Found]:
    """The records in which every word of `text` appears in one of the columns."""
    searched: Any = Joined(*columns)
    for word in text.split():
        found = queryset.alias(searched=searched).filter(searched__icontains=word)
        queryset = cast("QuerySet[Found]", found)
    return queryset


def index_sql(table: str, name: str, columns: tuple[str, ...]) -> str:
    """The trigram index for `matching` on PostgreSQL: the upper-cased joined text that
    `icontains` compares, so the planner can use it."""
    joined = " || ' ' || ".join(f'"{column}"' for column in columns)
    return (
        f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
        f"USING gin ((UPPER(({joined})::text)) gin_trgm_ops)"
    )
