"""The plumbing's own table: the rate-limit counters that every server process shares."""

from django.db import models


class RateCounter(models.Model):
    """One fixed window of one rate limit (``portal.ratelimit``): how many hits, and until when."""

    bucket = models.CharField(max_length=120, unique=True)
    hits = models.PositiveIntegerField(default=0)
    expires_at = models.FloatField(db_index=True, help_text="Unix time the window ends")

    class Meta:
        verbose_name = "rate-limit counter"

    def __str__(self):
        return f"{self.bucket}: {self.hits}"
