"""gunicorn for the portal: `gunicorn -c deploy/gunicorn.conf.py` (settings from the environment).

Threads per worker keep memory low while requests wait on PostgreSQL, Redis or the search engine.
The access log has no client address, no query string, no referrer and no user agent: it is
operational data, not personal data.
"""

import multiprocessing
import os

wsgi_app = "portal.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak never grows into an outage.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
preload_app = True

# Only the local proxy may say which scheme the visitor used (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Refuse oversized request lines and headers early.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
access_log_format = "%(m)s %(U)s %(s)s %(B)s %(M)sms"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
proc_name = "portal-web"
