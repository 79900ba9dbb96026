"""Approving a grant of anonymity gets its own permission, given to the Editors and the
"Standards editors" groups: editors approve ("I know who this is") without needing access
to confidential records. A newsroom that wants only its standards desk to approve removes
the permission from Editors."""

from django.db import migrations

GROUPS = ["Editors", "Standards editors"]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    # Permissions are normally created after all migrations ran; make this one exist now.
    app_config = apps.get_app_config("sources")
    app_config.models_module = True
    create_contenttypes(app_config, verbosity=0, apps=apps)
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(
        content_type__app_label="sources", codename="approve_anonymity"
    )
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(permission)


def take_back(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="sources", codename="approve_anonymity"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0005_proposal_rule_and_trigger"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="source",
            options={
                "ordering": ["name"],
                "permissions": [
                    (
                        "view_confidential_source",
                        "Can see confidential source identities and contacts",
                    ),
                    ("merge_source", "Can merge duplicate sources"),
                    ("approve_anonymity", "Can approve a grant of anonymity (I know who this is)"),
                ],
            },
        ),
        migrations.RunPython(grant, take_back),
    ]
