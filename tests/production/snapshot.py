"""A fingerprint of a portal database, for the backup and restore test (run inside manage.py shell).

For every model of our apps, Wagtail's pages, images, documents, settings and the users: the number
of rows and a hash over all their values. Prints JSON.
"""

import hashlib
import json

from django.apps import apps
from django.db import connection

APPS = {
    "home",
    "hulpmiddelen",
    "kaart",
    "nieuwsbrief",
    "inzendingen",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "auth",
    "taggit",
    "otp_totp",
}
SKIP = {"wagtailcore.referenceindex", "wagtailcore.modellogentry", "wagtailcore.pagelogentry"}


def fingerprint() -> dict:
    result = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label not in APPS or label in SKIP or model._meta.proxy:
            continue
        # The stored values as the database returns them (a StreamField's repr is not stable).
        table = connection.ops.quote_name(model._meta.db_table)
        key = connection.ops.quote_name(model._meta.pk.column)
        columns = ", ".join(
            connection.ops.quote_name(f.column) for f in model._meta.local_concrete_fields
        )
        digest = hashlib.sha256()
        count = 0
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {columns} FROM {table} ORDER BY {key}")  # noqa: S608
            for row in cursor.fetchall():
                digest.update(repr(tuple(str(value) for value in row)).encode())
                count += 1
        result[label] = [count, digest.hexdigest()]
    return result


def main():
    print(json.dumps(fingerprint(), sort_keys=True))
