from django.apps import AppConfig


class PortalConfig(AppConfig):
    """What holds the apps together: security headers, the page cache, two-step sign-in."""

    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from . import checks  # noqa: F401 (registers the deployment checks)
        from .cache import connect_signals
        from .security import add_nonce_to_chooser_widgets

        connect_signals()
        add_nonce_to_chooser_widgets()
