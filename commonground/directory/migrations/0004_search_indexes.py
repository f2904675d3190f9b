"""Indexes for the directory's lists: trigram indexes for searching people and organisations
(PostgreSQL only; SQLite searches without them), and the sorts and filters the lists offer."""

from typing import Any

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

from commonground.directory.search import ORGANISATION_COLUMNS, PERSON_COLUMNS, index_sql

TRIGRAM_INDEXES = (
    ("directory_person", "person_search_trgm", PERSON_COLUMNS),
    ("directory_organisation", "organisation_search_trgm", ORGANISATION_COLUMNS),
)


def create_trigram_indexes(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for table, name, columns in TRIGRAM_INDEXES:
            schema_editor.execute(index_sql(table, name, columns))


def drop_trigram_indexes(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for _, name, _ in TRIGRAM_INDEXES:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_careers")]

    operations = [
        # Does nothing on SQLite: the extension operations check the database themselves.
        TrigramExtension(),
        migrations.RunPython(create_trigram_indexes, drop_trigram_indexes),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["last_name", "first_name", "id"], name="person_by_name"),
        ),
        migrations.AddIndex(
            model_name="organisation",
            index=models.Index(fields=["sector", "name"], name="organisation_by_sector"),
        ),
        migrations.AddIndex(
            model_name="organisation",
            index=models.Index(fields=["area", "name"], name="organisation_by_area"),
        ),
    ]
