"""The "Legal" group out of the box: pick it when setting up a chain or asking for a story's
sign-off. It holds no permissions: its members sign the steps named for the group, from
their own page, and see nothing else of the newsroom."""

from django.db import migrations


def create_legal_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name="Legal")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0025_story_review_steps"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_legal_group, migrations.RunPython.noop)]
