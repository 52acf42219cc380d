"""Gapless numbering: the next number of a series row, taken under its row lock inside the caller's transaction
(a number taken by a transaction that rolls back is given again; two writers never get the same one)."""
from django.db import models


def series_next(model: type[models.Model], **key) -> int:
    model.objects.get_or_create(**key)
    series = model.objects.select_for_update().get(**key)
    series.last += 1
    series.save(update_fields=["last"])
    return series.last
