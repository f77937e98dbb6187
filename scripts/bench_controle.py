#!/usr/bin/env python
"""Benchmark of the verification cycle: the question and a reminder for N due services.

Creates N live services (default 10,000) that are due, each with its beheerder, in a temporary
SQLite database, starts an SMTP server on loopback and runs the cycle in this one process (one
worker, mails sent through the outbox at each commit, as without a broker). Prints the time to
store and send the N questions, then — time moved 14 days on — the N first reminders, and checks
that every beheerder got exactly one mail per step.

    .venv/bin/python scripts/bench_controle.py [--diensten 10000]
"""

import argparse
import datetime
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--diensten", type=int, default=10_000, help="due services (10,000)")
    parser.add_argument(
        "--alleen-dashboard", action="store_true", help="only time the editors' dashboard figures"
    )
    args = parser.parse_args()

    from tests.nieuwsbrief.services import SMTPServer

    smtp = SMTPServer().start()
    handle, path = tempfile.mkstemp(prefix="bench-controle-", suffix=".sqlite3")
    os.close(handle)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        DATABASE_URL=f"sqlite:///{path}",
        EMAIL_URL=f"smtp://127.0.0.1:{smtp.port}",
        SITE_URL="https://portal.example",
    )
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.BACKGROUND_THREAD = False  # each mail is sent at its commit, in this process
    import logging

    logging.getLogger("mail.log").setLevel(logging.WARNING)  # the SMTP server's own log
    import time_machine

    from inzendingen import controle
    from inzendingen.models import Controlemail, Mail
    from kaart.models import Dienst

    try:
        call_command("migrate", verbosity=0)
        oud = datetime.date.today() - datetime.timedelta(days=400)
        Dienst.objects.bulk_create(
            [
                Dienst(
                    naam=f"Dienst {n}",
                    samenvatting="Een dienst.",
                    live=True,
                    laatst_gecontroleerd=oud,
                    beheerder_email=f"beheerder{n}@example.org",
                    extern_id=f"bench-{n}",
                )
                for n in range(args.diensten)
            ],
            batch_size=1000,
        )
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from inzendingen.controle_beheer import cijfers

        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            for _ in range(10):
                cijfers()
            duur = (time.perf_counter() - start) / 10
        print(f"dashboard figures: {len(queries) // 10} queries, {duur * 1000:.0f} ms")
        if args.alleen_dashboard:
            return
        nu = datetime.datetime.now(datetime.UTC)
        for stap, dagen in (("vraag", 0), ("herinnering-1", 14)):
            with time_machine.travel(nu + datetime.timedelta(days=dagen)):
                start = time.perf_counter()
                telling = controle.controleer()
                duur = time.perf_counter() - start
            assert telling[stap] == args.diensten, telling
            print(f"{stap}: {args.diensten} mails stored and sent in {duur:.1f} s "
                  f"({args.diensten / duur:.0f}/s)")  # fmt: skip
        per_adres = Counter(rcpt for rcpts, _ in smtp.messages for rcpt in rcpts)
        assert len(per_adres) == args.diensten and set(per_adres.values()) == {2}, "duplicates"
        assert Controlemail.objects.count() == 2 * args.diensten
        assert not Mail.te_versturen().exists()
        print("every beheerder got exactly one mail per step")
    finally:
        smtp.stop()
        os.unlink(path)


if __name__ == "__main__":
    main()
