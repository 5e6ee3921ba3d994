"""The Editor group: add and change all content, delete only drafts, no user management."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_GROUP = "Editor"
CONTENT_APPS = ["core", "directory", "forums", "standards", "evaluations"]


def create_editor_group(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make sure they exist.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    # Delete stays granted so editors can remove drafts and mistakes; the admin refuses
    # to let anyone but a superuser delete what is published.
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=CONTENT_APPS,
            codename__regex=r"^(add|change|delete|view)_",
        )
    )


def remove_editor_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITOR_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_initial"),
        ("directory", "0001_initial"),
        ("forums", "0001_initial"),
        ("standards", "0001_initial"),
        ("evaluations", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_editor_group, remove_editor_group)]
