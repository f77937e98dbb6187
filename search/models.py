"""What the search index still has to hear about: one row per changed object (an outbox).

Saving or deleting an indexed object writes its row in the same database transaction as the change
itself, so the index work can never be lost: not when the broker is down (the task is never
queued), not when the engine is down (the task fails), not when a worker dies half way. A Celery
task brings the index up to date after the commit and marks the row done; rows that stay open are
picked up again (``search.tasks``, ``manage.py zoekindex_bijwerken``). See :mod:`search.indexing`.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models


class IndexOpdracht(models.Model):
    """An object whose entry in the search indexes must be brought up to date (or removed)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    aangevraagd = models.DateTimeField("Gewijzigd op", db_index=True)
    verwerkt = models.DateTimeField("Bijgewerkt in de zoekindex op", null=True, blank=True)
    pogingen = models.PositiveIntegerField("Mislukte pogingen", default=0)
    laatste_fout = models.CharField("Laatste fout", max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="portal_search_opdracht_uniek"
            )
        ]
        indexes = [models.Index(fields=["verwerkt", "aangevraagd"])]
        verbose_name = "Wijziging voor de zoekindex"
        verbose_name_plural = "Wijzigingen voor de zoekindex"

    def __str__(self):
        return f"{self.content_type.app_label}.{self.content_type.model} {self.object_id}"
