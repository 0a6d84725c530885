from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies: list[tuple[str, str]] = []

    operations = [
        migrations.RunSQL(
            "CREATE SEQUENCE hub_offers_version_seq",
            "DROP SEQUENCE hub_offers_version_seq",
        ),
        migrations.CreateModel(
            name="RelayedOffer",
            fields=[
                ("id", models.CharField(max_length=64, primary_key=True, serialize=False)),
                ("departement", models.CharField(db_index=True, max_length=3)),
                ("raw", models.TextField(null=True)),
                ("removed", models.BooleanField(default=False)),
                ("version", models.BigIntegerField(unique=True)),
                ("changed_at", models.DateTimeField()),
            ],
            options={"db_table": "hub_offers_offer"},
        ),
        migrations.AddIndex(
            model_name="relayedoffer",
            index=models.Index(fields=["departement", "version"], name="hub_offers_dep_version"),
        ),
        migrations.AddIndex(
            model_name="relayedoffer",
            index=models.Index(fields=["removed", "changed_at"], name="hub_offers_tombstones"),
        ),
        migrations.CreateModel(
            name="OfferFeed",
            fields=[
                ("id", models.SmallIntegerField(default=1, primary_key=True, serialize=False)),
                ("next_pull_at", models.DateTimeField(null=True)),
                ("last_started_at", models.DateTimeField(null=True)),
                ("last_finished_at", models.DateTimeField(null=True)),
                ("last_ok", models.BooleanField(null=True)),
                ("last_report", models.JSONField(default=dict)),
                ("areas", models.JSONField(default=dict)),
                ("reference_lists", models.JSONField(default=dict)),
                ("wanted", models.JSONField(default=dict)),
                ("purged_version", models.BigIntegerField(default=0)),
            ],
            options={"db_table": "hub_offers_feed"},
        ),
    ]
