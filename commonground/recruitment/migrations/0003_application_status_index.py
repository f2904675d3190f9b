"""An index for the applications list, which filters a round's applications by status."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("recruitment", "0002_continue_links"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="application",
            index=models.Index(fields=["round", "status"], name="application_by_status"),
        ),
    ]
