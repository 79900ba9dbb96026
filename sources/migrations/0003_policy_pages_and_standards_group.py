"""The three standards pages readers and JSON-LD link to, and the group that may see
confidential source records ("Standards editors")."""

from django.db import migrations

POLICIES = [
    (
        "publishing-principles",
        "Our publishing principles",
        "We report what we can verify and tell readers how we know it.\n\n"
        "Every story is edited by at least one editor before it is published. We label each "
        "story with its type of work (news, analysis, opinion or sponsored) so readers know "
        "what they are reading.\n\n"
        "We name our sources whenever we can and describe them accurately, using the titles "
        "and affiliations they actually hold. When we rely on reporting by another news "
        "organization, we say which one and when it reported.\n\n"
        "Before we publish a story that criticizes a person or organization, we ask them for "
        "comment and give them a fair time to answer. If they decline or do not respond, we "
        "say so.",
    ),
    (
        "corrections-policy",
        "Corrections policy",
        "When we get something wrong, we fix it promptly and say so.\n\n"
        "A correction states what was wrong and what is right. A clarification adds context "
        "when a story was accurate but could mislead. An editor's note explains a change to a "
        "story's framing or sourcing. A retraction withdraws a story we no longer stand "
        "behind; its notice stays at the story's address.\n\n"
        "Corrections appear at the foot of the story with the time they were made, and on our "
        "corrections page, which has its own feed.\n\n"
        "To report an error, write to the newsroom; an editor reads every message.",
    ),
    (
        "unnamed-sources",
        "Unnamed sources",
        "We use unnamed sources only when the information is important, cannot be obtained on "
        "the record, and the source has direct knowledge of it.\n\n"
        "An editor approves each grant of anonymity and at least one editor knows the source's "
        "identity. We tell readers why the source asked not to be named and describe the "
        "source as specifically as we can without identifying them: never just “a source”.\n\n"
        "We do not let unnamed sources make personal attacks, and we do not describe one "
        "source as several.",
    ),
]

STANDARDS_PERMISSIONS = ["view_confidential_source", "merge_source", "view_confidentialaccess"]


def create(apps, schema_editor):
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    PolicyPage = apps.get_model("sources", "PolicyPage")
    for kind, title, body in POLICIES:
        PolicyPage.objects.get_or_create(kind=kind, defaults={"title": title, "body": body})

    # Permissions are normally created after all migrations ran; make them exist now.
    app_config = apps.get_app_config("sources")
    app_config.models_module = True
    create_contenttypes(app_config, verbosity=0, apps=apps)
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Standards editors")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="sources", codename__in=STANDARDS_PERMISSIONS
        )
    )


def remove(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Standards editors").delete()
    apps.get_model("sources", "PolicyPage").objects.filter(
        kind__in=[kind for kind, _, _ in POLICIES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0002_attribution_attribution_source_count_positive"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create, remove)]
