"""Single sign-on through the newsroom's identity provider (OpenID Connect; docs/operations/
staff-sign-in.md): who a verified identity is here, and what they may do.

The provider says who someone is (its `iss` and `sub`, never reused) and which of its groups
they are in (the SSO_GROUPS_CLAIM claim). SSO_GROUP_ROLES maps provider groups to newsroom
roles ("Editor", "Reporter", "Tag manager") or "superuser". At every sign-in the account's
newsroom roles are set to exactly what its groups map to, so a change at the provider (joining
the editors, leaving the newsroom) takes effect at the next sign-in; someone in no mapped group
is refused. Accounts are created at the first sign-in, linked by issuer and subject
(`StaffIdentity`), never matched by an email address someone could change at the provider.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from articles.models import StaffIdentity
from articles.staff.roles import ROLES

SUPERUSER = "superuser"


class Refused(Exception):
    """The provider vouched for someone the newsroom does not let in (the message says why)."""


def roles_for(claims: dict) -> set[str]:
    """The newsroom roles (and "superuser") the provider's groups map to."""
    groups = claims.get(settings.SSO_GROUPS_CLAIM) or []
    if isinstance(groups, str):
        groups = [groups]
    mapping = settings.SSO_GROUP_ROLES
    return {mapping[group] for group in groups if isinstance(group, str) and group in mapping}


@transaction.atomic
def account_for(claims: dict):
    """The staff account for a verified ID token's `claims`, created or brought up to date;
    raises `Refused` for someone the newsroom's roles do not include."""
    issuer, subject = str(claims.get("iss", "")), str(claims.get("sub", ""))
    if not issuer or not subject:
        raise Refused("The identity provider did not say who you are.")
    roles = roles_for(claims)
    link = StaffIdentity.objects.select_related("user").filter(issuer=issuer, subject=subject)
    identity = link.first()
    if not roles:
        if identity is not None:
            # Left every newsroom group at the provider: no roles here either.
            identity.user.groups.remove(*Group.objects.filter(name__in=ROLES))
        raise Refused("Your account at the identity provider is in no newsroom group.")
    user = identity.user if identity is not None else _new_account(claims, issuer, subject)
    if not user.is_active:
        raise Refused("This account was deactivated in the newsroom.")
    _apply_roles(user, roles, claims)
    return user


def _new_account(claims: dict, issuer: str, subject: str):
    User = get_user_model()
    wanted = str(claims.get("preferred_username") or claims.get("email") or subject)
    base = wanted.split("@")[0][:140] or "staff"
    username, number = base, 1
    while User._default_manager.filter(username=username).exists():
        number += 1
        username = f"{base}-{number}"
    user = User._default_manager.create_user(username=username, is_staff=True)
    user.set_unusable_password()  # signs in through the provider only
    user.save(update_fields=["password"])
    StaffIdentity.objects.create(user=user, issuer=issuer, subject=subject)
    return user


def _apply_roles(user, roles: set[str], claims: dict) -> None:
    user.is_staff = True
    user.is_superuser = SUPERUSER in roles
    user.email = str(claims.get("email") or user.email)[:254]
    user.first_name = str(claims.get("given_name") or user.first_name)[:150]
    user.last_name = str(claims.get("family_name") or user.last_name)[:150]
    user.save()
    newsroom = Group.objects.filter(name__in=ROLES)
    user.groups.remove(*newsroom.exclude(name__in=roles))
    user.groups.add(*newsroom.filter(name__in=roles))
