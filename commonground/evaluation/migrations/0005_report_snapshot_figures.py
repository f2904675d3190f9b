"""A cohort's report snapshot keeps every figure of the report for the API; the snapshots made
before are worked out again on their next view, so that they have them."""

from django.apps.registry import Apps
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def work_out_again(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    snapshots = apps.get_model("evaluation", "ReportSnapshot")
    snapshots.objects.filter(cohort__isnull=False).update(fingerprint="")


class Migration(migrations.Migration):
    dependencies = [
        ("evaluation", "0004_network_questions"),
    ]

    operations = [
        migrations.AddField(
            model_name="reportsnapshot",
            name="figures",
            field=models.JSONField(blank=True, null=True),
        ),
        migrations.RunPython(work_out_again, migrations.RunPython.noop),
    ]
