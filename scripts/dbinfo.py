"""Print the database and media settings of the portal as shell variables, for backup/restore.

Reads DATABASE_URL and MEDIA_ROOT exactly as portal/settings/base.py does, without starting Django.
"""

import os
import shlex
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
db = env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
engine = db["ENGINE"].rsplit(".", 1)[-1].replace("postgresql_psycopg2", "postgresql")
values = {
    "DB_ENGINE": "sqlite" if engine == "sqlite3" else engine,
    "DB_NAME": str(db.get("NAME", "")),
    "DB_USER": str(db.get("USER", "")),
    "DB_PASSWORD": str(db.get("PASSWORD", "")),
    "DB_HOST": str(db.get("HOST", "") or "127.0.0.1"),
    "DB_PORT": str(db.get("PORT", "") or "5432"),
    "MEDIA_ROOT": os.environ.get("MEDIA_ROOT", str(BASE_DIR / "media")),
}
for name, value in values.items():
    print(f"{name}={shlex.quote(value)}")
