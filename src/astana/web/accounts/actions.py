"""Writes on accounts: creating a login for a person acting for an organisation."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from astana.web.accounts.models import User
from astana.web.processes.models import Membership, Organisation, Person

__all__ = ["AccountError", "user_create"]


class AccountError(ValueError):
    """A login could not be created; nothing was written."""


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    name: str,
    organisation_slug: str | None = None,
    staff: bool = False,
    check_password: bool = True,
) -> User:
    """Create a login and its person; with an organisation, the person acts for it."""
    username = username.strip()
    if not username or len(username) > 150:
        raise AccountError("A user name of 1 to 150 characters is needed.")
    if User.objects.filter(username=username).exists():
        raise AccountError(f"The user name {username!r} is taken.")
    organisation = None
    if organisation_slug:
        organisation = Organisation.objects.filter(slug=organisation_slug).first()
        if organisation is None:
            raise AccountError(f"There is no organisation {organisation_slug!r}.")
    user = User(username=username, is_staff=staff)
    if check_password:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise AccountError(" ".join(error.messages)) from error
    user.set_password(password)
    user.save()
    if staff:
        from django.contrib.auth.models import Permission

        # Staff read the records in the admin; it changes nothing (see accounts.admin).
        user.user_permissions.set(
            Permission.objects.filter(
                content_type__app_label="processes", codename__startswith="view_"
            )
        )
    slug = slugify(f"user-{username}")[:120] or f"user-{user.pk}"
    person = Person.objects.create(slug=slug, name_en=name, user=user, is_sandbox=True)
    if organisation is not None:
        Membership.objects.create(person=person, organisation=organisation)
    return user
