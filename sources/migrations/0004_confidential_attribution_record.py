"""Move the confidential side of a grant of anonymity out of `Attribution` into
`AttributionConfidential`, behind the confidential-source permission; the access log can now
name an attribution and record refused attempts."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def copy_grants(apps, schema_editor):
    Attribution = apps.get_model("sources", "Attribution")
    AttributionConfidential = apps.get_model("sources", "AttributionConfidential")
    for attribution in Attribution.objects.prefetch_related("editors_who_know").iterator(
        chunk_size=500
    ):
        knowers = list(attribution.editors_who_know.all())
        if not (attribution.internal_justification or attribution.basis or knowers):
            continue
        record = AttributionConfidential.objects.create(
            attribution=attribution,
            internal_justification=attribution.internal_justification,
            basis=attribution.basis,
        )
        record.editors_who_know.set(knowers)


def copy_grants_back(apps, schema_editor):
    AttributionConfidential = apps.get_model("sources", "AttributionConfidential")
    for record in AttributionConfidential.objects.select_related("attribution").prefetch_related(
        "editors_who_know"
    ):
        attribution = record.attribution
        attribution.internal_justification = record.internal_justification
        attribution.basis = record.basis
        attribution.save(update_fields=["internal_justification", "basis"])
        attribution.editors_who_know.set(record.editors_who_know.all())


class Migration(migrations.Migration):

    dependencies = [
        ('sources', '0003_policy_pages_and_standards_group'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='confidentialaccess',
            name='attribution',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='confidential_accesses', to='sources.attribution'),
        ),
        migrations.AddField(
            model_name='confidentialaccess',
            name='refused',
            field=models.BooleanField(default=False, help_text='Set when the attempt was refused for want of the permission.'),
        ),
        migrations.AlterField(
            model_name='confidentialaccess',
            name='source',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='confidential_accesses', to='sources.source'),
        ),
        migrations.CreateModel(
            name='AttributionConfidential',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('internal_justification', models.TextField(blank=True, help_text='Why anonymity was granted. Editorial only, never public.')),
                ('basis', models.CharField(blank=True, help_text='Editorial only.', max_length=300, verbose_name='how the source knows')),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('attribution', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='confidential', to='sources.attribution')),
                ('editors_who_know', models.ManyToManyField(blank=True, help_text="Editors who know the source's identity. Never public.", related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'confidential attribution record',
            },
        ),
        migrations.RunPython(copy_grants, copy_grants_back),
        migrations.RemoveField(
            model_name='attribution',
            name='basis',
        ),
        migrations.RemoveField(
            model_name='attribution',
            name='editors_who_know',
        ),
        migrations.RemoveField(
            model_name='attribution',
            name='internal_justification',
        ),
    ]
