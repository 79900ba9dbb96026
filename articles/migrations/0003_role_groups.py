"""The Reporters and Editors groups with their permissions (roles are data, editable in the admin)."""

from django.db import migrations

from articles.workflow.permissions import ensure_role_groups

def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    # Permissions are normally created after all migrations ran; make them exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_contenttypes(app_config, verbosity=0, apps=apps)
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    ensure_role_groups(apps=apps)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Reporters", "Editors"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_revision_meta_review_queue"),
        ("authors", "0001_initial"),
        ("sources", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
