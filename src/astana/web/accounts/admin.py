"""The admin: a read-only window on the records, for the secretariat's staff and superusers.

Every change of state goes through an action (checked against the role matrix, audited,
versioned) or, for the sourced history, through the data files that ``astana load-data``
checks. The admin must be no way around them, for anyone: every model it shows is read-only
(no add, change or delete, inlines included), whatever permissions the user holds
(``astana.web.processes.admin.ReadOnly``, the lowest app's, so that every app uses it). Logins are
created with ``astana createuser``; nothing here changes a password, a role or a membership.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from astana.web.accounts.models import User
from astana.web.processes.admin import ReadOnly


@admin.register(User)
class AccountAdmin(ReadOnly, UserAdmin):  # type: ignore[type-arg]
    """Logins, without their password hash; ``astana createuser`` creates them."""

    fieldsets = (
        (None, {"fields": ("username", "preferred_language")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )


# Astana gives no powers through groups; the group editor would only be a way to grant them.
admin.site.unregister(Group)
