from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0007_right_of_reply_label"),
    ]

    operations = [
        migrations.AddField(
            model_name="source",
            name="voice",
            field=models.CharField(
                blank=True,
                choices=[
                    ("official", "Official or spokesperson"),
                    ("expert", "Expert or researcher"),
                    ("affected", "Person affected"),
                    ("company", "Company or business"),
                    ("advocate", "Advocate or campaigner"),
                ],
                help_text="For the sourcing audit: an official, an expert, a person affected, a company…",
                max_length=20,
                verbose_name="whose voice",
            ),
        ),
    ]
