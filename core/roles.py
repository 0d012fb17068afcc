"""The three roles of DESIGN.md as Django groups, filled by each app's data migration.

Each app grants its own models' permissions in a migration of its own through
`grant`, so a role's rights sit beside the models they concern.
"""

STAFF = "Staff"
COORDINATOR = "Coordinator"
ADMINISTRATOR = "Administrator"
ROLES = (STAFF, COORDINATOR, ADMINISTRATOR)


def _ensure_permissions(apps):
    # Permissions are normally made after all migrations ran; make them now
    # so that a data migration can hand them out on a fresh database.
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def grant(apps, app_label, matrix):
    """Give each role the listed codenames of app_label; Administrator gets them all.

    matrix maps a role name to codenames such as "view_person".
    """
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    app_perms = Permission.objects.filter(content_type__app_label=app_label)
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        if role == ADMINISTRATOR:
            group.permissions.add(*app_perms)
            continue
        codenames = matrix.get(role, [])
        perms = list(app_perms.filter(codename__in=codenames))
        missing = set(codenames) - {p.codename for p in perms}
        if missing:
            raise LookupError(f"Unknown permissions for {app_label}: {sorted(missing)}")
        group.permissions.add(*perms)


def view_add_change(*models):
    """Codenames to view, add and change each model."""
    return [f"{action}_{model}" for model in models for action in ("view", "add", "change")]


def view_only(*models):
    return [f"view_{model}" for model in models]
