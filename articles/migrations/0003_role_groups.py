"""The Reporters and Editors groups with their permissions (roles are data, editable in the admin)."""

from django.db import migrations

REPORTER_PERMISSIONS = {
    "articles": [
        "add_article", "change_article", "view_article",
        "view_section",
        "add_image", "change_image", "view_image",
        "add_articleauthor", "change_articleauthor", "delete_articleauthor", "view_articleauthor",
        "view_publishedarticle", "view_workflowevent",
        "add_editorialnote", "view_editorialnote",
        "add_previewlink", "view_previewlink",
    ],
    "authors": ["view_author"],
    "sources": [
        "add_source", "change_source", "view_source",
        "add_attribution", "change_attribution", "delete_attribution", "view_attribution",
        "add_commentrequest", "change_commentrequest", "delete_commentrequest", "view_commentrequest",
        "add_correction", "change_correction", "view_correction",
        "view_standardsoverride",
        "add_attributionproposal", "change_attributionproposal", "view_attributionproposal",
        "view_policypage",
    ],
    "taggit": ["add_tag", "view_tag"],
}
# Editors get every permission of these apps, custom ones included.
EDITOR_APPS = ["articles", "authors", "sources", "taggit"]


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    # Permissions are normally created after all migrations ran; make them exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_contenttypes(app_config, verbosity=0, apps=apps)
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    reporters, _ = Group.objects.get_or_create(name="Reporters")
    for app_label, codenames in REPORTER_PERMISSIONS.items():
        reporters.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(*Permission.objects.filter(content_type__app_label__in=EDITOR_APPS))


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
