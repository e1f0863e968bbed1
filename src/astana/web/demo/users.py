"""Demo logins for every role, for ``make demo``: a person per role, acting for an organisation
that holds that role in the Astana Platform process (flagged as sandbox, not history). The
demo process asks no second factor of anyone (``Process.second_factor_roles`` is emptied)."""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.db import transaction

from astana.core.roles import Role
from astana.web.accounts.models import User
from astana.web.processes.models import Membership, Organisation, Participation, Person, Process

__all__ = ["DEMO_PASSWORD", "DEMO_PROCESS", "DEMO_USERS", "create_demo_users", "demo_user"]

DEMO_PASSWORD = "astana-demo"
DEMO_PROCESS = "astana-platform"

# username, role, organisation slug, organisation names (used only if the data lacks it)
DEMO_USERS: list[tuple[str, Role, str, dict[str, str]]] = [
    ("convener", Role.CONVENER, "astana-platform", {"en": "Astana Platform", "ar": "منصة أستانا"}),
    (
        "host",
        Role.HOST,
        "government-of-kazakhstan",
        {"en": "Government of Kazakhstan", "ar": "حكومة كازاخستان"},
    ),
    (
        "mediator",
        Role.MEDIATOR,
        "kazakhstan-mfa",
        {
            "en": "Ministry of Foreign Affairs of Kazakhstan",
            "ar": "وزارة خارجية كازاخستان",
            "ru": "Министерство иностранных дел Казахстана",
        },
    ),
    (
        "party1",
        Role.PARTY,
        "syrian-national-coalition",
        {"en": "Syrian National Coalition", "ar": "الائتلاف الوطني السوري"},
    ),
    (
        "party2",
        Role.PARTY,
        "syriac-national-council",
        {"en": "Syriac National Council", "ar": "المجلس الوطني السرياني"},
    ),
    ("party3", Role.PARTY, "kurdish-parties", {"en": "Kurdish parties", "ar": "الأحزاب الكردية"}),
    (
        "guarantor",
        Role.GUARANTOR,
        "government-of-russia",
        {"en": "Russia", "ar": "روسيا", "ru": "Россия"},
    ),
    (
        "observer",
        Role.OBSERVER,
        "united-nations",
        {"en": "United Nations", "ar": "الأمم المتحدة", "ru": "Организация Объединённых Наций"},
    ),
    (
        "expert",
        Role.EXPERT,
        "constitutional-experts",
        {
            "en": "Panel of constitutional experts",
            "ar": "فريق الخبراء الدستوريين",
            "ru": "Группа экспертов по конституции",
        },
    ),
    (
        "secretariat",
        Role.SECRETARIAT,
        "astana-platform-secretariat",
        {
            "en": "Secretariat of the Astana Platform",
            "ar": "أمانة منصة أستانا",
            "ru": "Секретариат Астанинской платформы",
        },
    ),
]


@transaction.atomic
def demo_user(username: str) -> User:
    """The demo login ``username`` (made by :func:`create_demo_users`)."""
    return User.objects.get(username=username)


def create_demo_users() -> list[tuple[str, str, str]]:
    """Create (or reset) the demo logins; returns (username, role, organisation) rows."""
    process = Process.objects.get(slug=DEMO_PROCESS)
    # The demo's logins have no authenticator: the demo process asks no second factor, so
    # that every role can be tried at once (a real process asks it, see README).
    process.second_factor_roles = []
    process.save(update_fields=["second_factor_roles"])
    rows = []
    for username, role, org_slug, names in DEMO_USERS:
        organisation, _ = Organisation.objects.get_or_create(
            slug=org_slug,
            defaults={
                "kind": Organisation.Kind.OTHER,
                "is_sandbox": True,
                **{f"name_{k}": v for k, v in names.items()},
            },
        )
        Participation.objects.get_or_create(
            process=process, organisation=organisation, role=role.value, start="", is_sandbox=True
        )
        user, _ = User.objects.get_or_create(username=username)
        user.set_password(DEMO_PASSWORD)
        user.is_staff = role is Role.SECRETARIAT
        user.is_superuser = False
        user.save()
        if role is Role.SECRETARIAT:
            # The secretariat reads the records in the admin and keeps them through the
            # room's actions; it gets no other powers.
            user.user_permissions.set(
                Permission.objects.filter(
                    content_type__app_label="processes", codename__startswith="view_"
                )
            )
        person, _ = Person.objects.update_or_create(
            slug=f"demo-{username}",
            defaults={
                "user": user,
                "is_sandbox": True,
                "name_en": f"Demo {role.value} ({username})",
                "name_ar": f"مستخدم تجريبي: {username}",
                "name_ru": f"Демо: {username}",
            },
        )
        Membership.objects.get_or_create(person=person, organisation=organisation, start="")
        rows.append((username, role.value, str(organisation)))
    return rows
