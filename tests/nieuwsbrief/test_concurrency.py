"""Two admins, two clicks or two schedulers at the same moment start one send, not two."""

import threading

from django.db import connection

from nieuwsbrief import sending
from nieuwsbrief.factories import IssueFactory, SubscriberFactory
from nieuwsbrief.models import Delivery, Issue


def test_two_simultaneous_starts_send_once(committed, mailoutbox):
    readers = [SubscriberFactory() for _ in range(5)]
    issue = IssueFactory(publish=True)
    barrier = threading.Barrier(2)
    results = []

    def click():
        try:
            barrier.wait(5)
            results.append(sending.start_send(issue.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(results) == [False, True]
    assert Delivery.objects.filter(issue=issue).count() == 5
    assert sorted(m.to[0] for m in mailoutbox) == sorted(r.email for r in readers)
    assert Issue.objects.get(pk=issue.pk).send_status == Issue.SendStatus.SENT
