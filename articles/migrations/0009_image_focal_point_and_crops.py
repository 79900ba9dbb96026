import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_story_autosave_and_revision_sourcing"),
    ]

    operations = [
        migrations.AddField(
            model_name="image",
            name="focal_x",
            field=models.FloatField(
                default=0.5,
                help_text="0 is the left edge, 1 the right. Click the preview to set it.",
                validators=[
                    django.core.validators.MinValueValidator(0.0),
                    django.core.validators.MaxValueValidator(1.0),
                ],
                verbose_name="focal point across",
            ),
        ),
        migrations.AddField(
            model_name="image",
            name="focal_y",
            field=models.FloatField(
                default=0.5,
                help_text="0 is the top edge, 1 the bottom.",
                validators=[
                    django.core.validators.MinValueValidator(0.0),
                    django.core.validators.MaxValueValidator(1.0),
                ],
                verbose_name="focal point down",
            ),
        ),
        migrations.AddConstraint(
            model_name="image",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("focal_x__gte", 0),
                    ("focal_x__lte", 1),
                    ("focal_y__gte", 0),
                    ("focal_y__lte", 1),
                ),
                name="image_focal_point_inside",
            ),
        ),
        migrations.AddField(
            model_name="rendition",
            name="crop",
            field=models.CharField(blank=True, default="", max_length=20),
        ),
        migrations.AlterModelOptions(
            name="rendition",
            options={"ordering": ["image", "crop", "format", "width"]},
        ),
        migrations.RemoveConstraint(
            model_name="rendition",
            name="rendition_unique_size_format",
        ),
        migrations.AddConstraint(
            model_name="rendition",
            constraint=models.UniqueConstraint(
                fields=("image", "crop", "width", "format"),
                name="rendition_unique_crop_size_format",
            ),
        ),
    ]
