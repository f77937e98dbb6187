"""A mail backend for tests whose answers are scripted: deliver, or raise a given error."""

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend


class ScriptedBackend(BaseEmailBackend):
    """Pops one outcome per message from ``script`` (None = delivered into ``mail.outbox``)."""

    script: list = []
    always = None  # an error raised for every message once the script is used up

    def send_messages(self, messages):
        for message in messages:
            outcome = ScriptedBackend.script.pop(0) if ScriptedBackend.script else self.always
            if outcome is not None:
                raise outcome
            mail.outbox.append(message)
        return len(messages)
