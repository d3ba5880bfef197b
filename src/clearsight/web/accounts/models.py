"""A person who signs in, with one role and (for team managers) their teams; the access log; sign-in failures."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models

from clearsight.web import roles


class User(AbstractUser):
    role = models.CharField(max_length=32, choices=roles.choices(), default=roles.Role.LEADER.value)
    teams = models.JSONField(default=list, blank=True, help_text="Team ids a team manager manages")

    @property
    def role_label(self) -> str:
        try:
            return roles.LABELS[roles.Role(self.role)]
        except ValueError:
            return self.role


class AccessLog(models.Model):
    """Who saw which child-level page or export, when, and why (refusals are kept too)."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    username = models.CharField(max_length=150, db_index=True)
    role = models.CharField(max_length=32)
    action = models.CharField(max_length=64)  # e.g. "child record", "team child list", "findings export"
    subject = models.CharField(max_length=255, blank=True)  # e.g. "team T03, CIN02, 2025-26"
    child_id = models.CharField(max_length=64, blank=True, db_index=True)
    path = models.CharField(max_length=512)
    reason = models.CharField(max_length=512, blank=True)
    outcome = models.CharField(max_length=16, default="shown")  # "shown" or "refused"
    rows = models.IntegerField(null=True, blank=True)  # children listed, for a list or export
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]


class SignInFailure(models.Model):
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    username = models.CharField(max_length=150, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True, db_index=True)
