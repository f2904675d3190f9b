"""Each programme gets its own ladder: the standard rungs, and a copy of the examples that were
shared by all programmes until now."""

import django.db.models.deletion
import django.db.models.functions.text
from django.db import migrations, models

BANDS = [
    ("chief_officer", "Chief officer"),
    ("director", "Director"),
    ("assistant_director", "Assistant director"),
    ("head_of_service", "Head of service"),
    ("senior_manager", "Senior manager"),
    ("other", "Other"),
]
STANDARD = [
    (
        "chief_officer",
        "Chief officer",
        "Leads a whole organisation: chief executive, chief constable, chief fire officer",
    ),
    ("director", "Director", "Director or equivalent: on the organisation's executive team"),
    (
        "assistant_director",
        "Assistant director",
        "Assistant director or equivalent: leads several services",
    ),
    ("head_of_service", "Head of service", "Head of service: leads one service"),
    ("senior_manager", "Senior manager", "Senior manager: leads teams within a service"),
]


def give_each_programme_a_ladder(apps, schema_editor):  # type: ignore[no-untyped-def]
    programme_model = apps.get_model("programmes", "Programme")
    rung_model = apps.get_model("directory", "Rung")
    example_model = apps.get_model("directory", "BandExample")
    shared = list(example_model.objects.filter(programme__isnull=True))
    for programme in programme_model.objects.all():
        rung_model.objects.bulk_create(
            rung_model(programme=programme, band=band, label=label, meaning=meaning)
            for band, label, meaning in STANDARD
        )
        example_model.objects.bulk_create(
            example_model(
                programme=programme, sector=example.sector, title=example.title, band=example.band
            )
            for example in shared
        )
    example_model.objects.filter(programme__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0004_search_indexes"),
        ("programmes", "0004_completion_withdrawal"),
    ]

    operations = [
        migrations.CreateModel(
            name="Rung",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "band",
                    models.CharField(
                        choices=BANDS,
                        editable=False,
                        max_length=20,
                        verbose_name="seniority band",
                    ),
                ),
                ("label", models.CharField(max_length=80)),
                ("meaning", models.CharField(max_length=300)),
                (
                    "programme",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="rungs",
                        to="programmes.programme",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("programme", "band"), name="rung_once_per_programme"
                    )
                ],
            },
        ),
        migrations.RemoveConstraint(
            model_name="bandexample",
            name="band_example_once_per_sector",
        ),
        migrations.AddField(
            model_name="bandexample",
            name="programme",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="band_examples",
                to="programmes.programme",
            ),
        ),
        migrations.RunPython(give_each_programme_a_ladder, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="bandexample",
            name="programme",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="band_examples",
                to="programmes.programme",
            ),
        ),
        migrations.AddConstraint(
            model_name="bandexample",
            constraint=models.UniqueConstraint(
                models.F("programme"),
                models.F("sector"),
                django.db.models.functions.text.Lower("title"),
                name="band_example_once_per_sector",
            ),
        ),
    ]
