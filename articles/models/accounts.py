"""The record of staff sign-ins: every try at the admin's door, kept where superusers see it.

`StaffSession` rows are the browsers each person is signed in on. A `SignInAttempt` row is written for each success, each failure and each refusal (a cool-down,
later a bad or replayed second-factor code): when, from which address and browser, under which
name, and what happened. Rows are never edited; `articles.accounts.attempts` writes them and the
admin shows them to superusers only (docs/operations/staff-sign-in.md).
"""

from django.conf import settings
from django.db import models


class SignInOutcome(models.TextChoices):
    SUCCESS = "success", "Signed in"
    FAILURE = "failure", "Wrong name or password"
    THROTTLED = "throttled", "Refused: cooling down"
    CODE_FAILURE = "code-failure", "Wrong or reused code"
    VERIFIED = "verified", "Second factor checked"
    FORGED_DEVICE = "forged-device", "Refused: forged device cookie"


class SignInAttempt(models.Model):
    created_at = models.DateTimeField("when", auto_now_add=True, db_index=True)
    username = models.CharField(
        "name typed", max_length=150, help_text="As typed: it may name no account."
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="account",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.CharField("address", max_length=64, blank=True)
    user_agent = models.CharField("browser", max_length=300, blank=True)
    outcome = models.CharField("outcome", max_length=16, choices=SignInOutcome.choices)
    detail = models.CharField("detail", max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "sign-in attempt"
        verbose_name_plural = "sign-in attempts"
        indexes = [models.Index(fields=["user", "-created_at"], name="signin_user_newest")]

    def __str__(self):
        return f"{self.get_outcome_display()}: {self.username} from {self.address}"


class StaffSession(models.Model):
    """One signed-in browser of a staff member: what they see under "Sign-in security" and can
    end, and what ending sessions (a new password or second factor, deactivation) reaches.
    Written at sign-in and touched every few minutes by `articles.accounts.sessions`."""

    session_key = models.CharField("session", max_length=40, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="account",
        on_delete=models.CASCADE,
        related_name="+",
    )
    started_at = models.DateTimeField("signed in", auto_now_add=True)
    last_seen_at = models.DateTimeField("last seen")
    address = models.CharField("address", max_length=64, blank=True)
    user_agent = models.CharField("browser", max_length=300, blank=True)

    class Meta:
        ordering = ["-last_seen_at"]
        verbose_name = "staff session"
        verbose_name_plural = "staff sessions"

    def __str__(self):
        return f"{self.user} on {self.user_agent[:40]} from {self.address}"


class StaffIdentity(models.Model):
    """A staff account's identity at the newsroom's identity provider (single sign-on): the
    provider's issuer and its never-reused subject id, so a renamed or re-addressed person
    stays the same account (`articles.accounts.single_sign_on`)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="account",
        on_delete=models.CASCADE,
        related_name="+",
    )
    issuer = models.CharField("identity provider", max_length=200)
    subject = models.CharField("subject", max_length=255)
    created_at = models.DateTimeField("first signed in", auto_now_add=True)

    class Meta:
        verbose_name = "single sign-on identity"
        verbose_name_plural = "single sign-on identities"
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="one_account_per_identity")
        ]

    def __str__(self):
        return f"{self.user} at {self.issuer}"
