"""Every trust page the organization's JSON-LD names (ethics, masthead, feedback, diversity,
ownership and funding, verification, mission, stories without a byline, about, contact), each
with a short starting text editors replace in the admin, and a description for every page."""

from django.db import migrations, models

# (kind, title, description, body): what any newsroom running this system can say; the
# demo newsroom's own words are loaded by `load_demo`.
PAGES = [
    (
        "ethics-policy",
        "Ethics policy",
        "The standards our journalists hold themselves to: independence, fairness and honesty.",
        "We are independent of the people and organizations we cover. Our journalists do "
        "not accept gifts, payment or favours from them, and they tell an editor about any "
        "interest that could be seen to affect their work.\n\n"
        "We treat the people in our stories fairly: we ask them for comment before we "
        "publish criticism of them, and we say when they declined or did not respond.",
    ),
    (
        "masthead",
        "Masthead",
        "Who runs the newsroom and who is responsible for what we publish.",
        "Every story is edited by an editor before it is published. The editors responsible "
        "for our journalism are listed on this page.",
    ),
    (
        "actionable-feedback",
        "Reader feedback",
        "How to tell us about an error, a concern or a story, and what happens next.",
        "Every story ends with a link to report an error in it. No account is needed. An "
        "editor reads every report and either corrects the story, with a note readers see, "
        "or closes the report with a reason.",
    ),
    (
        "diversity-policy",
        "Diversity policy",
        "How we work to reflect the communities we cover, in our sources and in our staff.",
        "We aim for our reporting to reflect the whole community we serve, in the people we "
        "quote and the subjects we cover.",
    ),
    (
        "ownership-funding",
        "Ownership and funding",
        "Who owns the newsroom and where its money comes from.",
        "This page says who owns the newsroom and how it is funded. Sponsored content is "
        "always labelled as sponsored.",
    ),
    (
        "verification-fact-checking",
        "Verification and fact-checking",
        "How we check what we publish before it goes out.",
        "We report what we can verify and tell readers how we know it. Every story names its "
        "sources where it can and says who reported what when we rely on another news "
        "organization.",
    ),
    (
        "mission-coverage-priorities",
        "Mission and coverage priorities",
        "What we cover, for whom, and why.",
        "This page sets out the newsroom's mission and the subjects it gives priority to.",
    ),
    (
        "no-bylines-policy",
        "Stories without a byline",
        "When a story carries no reporter's name, and why.",
        "Every story we publish says who wrote it: a reporter, our staff or the news agency "
        "whose copy it is.",
    ),
    (
        "about",
        "About us",
        "Who we are and how our newsroom works.",
        "We are a newsroom. This page says who we are; our policies say how we work.",
    ),
    (
        "contact",
        "Contact us",
        "How to reach the newsroom, send a tip or report an error.",
        "To report an error in a story, use the link at the end of it. For anything else, "
        "write to the newsroom.",
    ),
]

DESCRIPTIONS = {
    "publishing-principles": "The principles every story we publish follows, and the rules "
    "our publishing system checks before it goes out.",
    "corrections-policy": "How we correct our mistakes, label corrections and tell readers "
    "what changed.",
    "unnamed-sources": "When we let a source speak without being named, who approves it, and "
    "what we tell readers about them.",
}


def create(apps, schema_editor):
    PolicyPage = apps.get_model("sources", "PolicyPage")
    for kind, title, description, body in PAGES:
        PolicyPage.objects.get_or_create(
            kind=kind, defaults={"title": title, "description": description, "body": body}
        )
    for kind, description in DESCRIPTIONS.items():
        PolicyPage.objects.filter(kind=kind, description="").update(description=description)


def remove(apps, schema_editor):
    apps.get_model("sources", "PolicyPage").objects.filter(
        kind__in=[kind for kind, *_ in PAGES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0012_proposal_confidence_count_dismiss_reason"),
    ]

    operations = [
        migrations.AddField(
            model_name="policypage",
            name="description",
            field=models.CharField(
                blank=True,
                help_text="One or two sentences search engines and link previews show under the title. Empty: the start of the page.",
                max_length=300,
            ),
        ),
        migrations.AlterField(
            model_name="policypage",
            name="body",
            field=models.TextField(help_text="Plain text; a blank line starts a new paragraph."),
        ),
        migrations.AlterField(
            model_name="policypage",
            name="kind",
            field=models.CharField(
                choices=[
                    ("publishing-principles", "Publishing principles"),
                    ("corrections-policy", "Corrections policy"),
                    ("unnamed-sources", "Unnamed sources policy"),
                    ("ethics-policy", "Ethics policy"),
                    ("masthead", "Masthead"),
                    ("actionable-feedback", "Reader feedback"),
                    ("diversity-policy", "Diversity policy"),
                    ("ownership-funding", "Ownership and funding"),
                    ("verification-fact-checking", "Verification and fact-checking"),
                    ("mission-coverage-priorities", "Mission and coverage priorities"),
                    ("no-bylines-policy", "Stories without a byline"),
                    ("about", "About us"),
                    ("contact", "Contact us"),
                ],
                max_length=40,
                unique=True,
            ),
        ),
        migrations.RunPython(create, remove),
    ]
