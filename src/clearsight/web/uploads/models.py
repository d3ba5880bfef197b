"""An uploaded return (one load) and what its validation found."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from clearsight.returns import registry

RETURNS = registry.choices()


class Upload(models.Model):
    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
    STATUSES = [(QUEUED, "Waiting"), (RUNNING, "Loading"), (DONE, "Loaded"), (FAILED, "Not loaded")]

    created_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    return_code = models.CharField(max_length=16, choices=RETURNS)
    year = models.CharField(max_length=7)
    file_names = models.JSONField(default=list)
    status = models.CharField(max_length=16, choices=STATUSES, default=QUEUED, db_index=True)
    stage = models.CharField(max_length=128, blank=True)
    done = models.BigIntegerField(default=0)
    total = models.BigIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    load_id = models.IntegerField(null=True, blank=True)
    new_load = models.BooleanField(default=True)  # False: the same files were already loaded
    rows = models.JSONField(default=dict)
    problems = models.JSONField(default=list)  # why nothing was loaded, one line each
    rules_run = models.IntegerField(default=0)
    rules_not_run = models.JSONField(default=dict)
    findings_count = models.IntegerField(default=0)
    children_count = models.IntegerField(default=0)
    # The publish gate's decision on the load: published, held (for review) or discarded; "" before loading.
    load_status = models.CharField(max_length=16, blank=True, default="")
    held_reasons = models.JSONField(default=list, blank=True)  # why the gate held it, one line each
    preview = models.JSONField(default=dict, blank=True)  # what publishing it would change (pipeline.Preview)

    class Meta:
        ordering = ["-id"]

    @property
    def held(self) -> bool:
        return self.status == self.DONE and self.load_status == "held"

    @property
    def finished(self) -> bool:
        return self.status in (self.DONE, self.FAILED)

    @property
    def percent(self) -> int:
        if self.status == self.DONE:
            return 100
        if not self.total:
            return 0
        return max(0, min(99, round(100 * self.done / self.total)))

    @property
    def return_label(self) -> str:
        return dict(RETURNS).get(self.return_code, self.return_code)


class Finding(models.Model):
    """One validation finding: a DfE rule (``kind='rule'``) or a problem the file check found (``kind='file'``)."""

    upload = models.ForeignKey(Upload, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(max_length=8)
    rule = models.CharField(max_length=32)
    type = models.CharField(max_length=16)  # error, query, internal
    child = models.CharField(max_length=64, blank=True)
    table = models.CharField(max_length=64, blank=True)
    row = models.BigIntegerField(null=True)
    fields = models.CharField(max_length=255, blank=True)
    message = models.TextField(blank=True)
    file = models.CharField(max_length=255, blank=True)
    line = models.BigIntegerField(null=True)
    value = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["upload", "rule"]), models.Index(fields=["upload", "child"])]
