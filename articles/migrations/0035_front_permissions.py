"""Fronts in the role groups: Editors curate them ("edit front" and every other permission of
the stories app), Reporters see the front editor read-only ("view front")."""

from django.db import migrations

from articles.workflow.permissions import ensure_role_groups


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    # Permissions are normally created after all migrations ran; make the fronts' exist now.
    app_config = apps.get_app_config("articles")
    app_config.models_module = True
    create_contenttypes(app_config, verbosity=0, apps=apps)
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    ensure_role_groups(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0034_fronts"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
