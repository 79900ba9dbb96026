import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0027_autosave_per_draft"),
    ]

    operations = [
        migrations.CreateModel(
            name="StoryOrigin",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("publisher", models.CharField(blank=True, max_length=200)),
                ("url", models.URLField(blank=True, max_length=500, verbose_name="address")),
                ("licence", models.CharField(blank=True, max_length=300)),
                ("published_on", models.DateField(blank=True, null=True)),
                (
                    "agency_id",
                    models.CharField(blank=True, max_length=300, verbose_name="the agency's id"),
                ),
                (
                    "agency_version",
                    models.CharField(
                        blank=True, max_length=50, verbose_name="the agency's version"
                    ),
                ),
                (
                    "credit_lines",
                    models.TextField(blank=True, help_text="One credit line per line."),
                ),
                ("file_name", models.CharField(blank=True, max_length=255)),
                (
                    "wire_text",
                    models.TextField(
                        help_text="The copy as it arrived, paragraphs by blank lines."
                    ),
                ),
                ("imported_at", models.DateTimeField(auto_now_add=True)),
                (
                    "article",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="wire_origin",
                        to="articles.article",
                    ),
                ),
            ],
            options={
                "verbose_name": "story origin",
            },
        ),
    ]
