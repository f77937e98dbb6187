"""Demo content of the sociale kaart: about sixty example services, national and local.

The services are ``demo_data/diensten.csv``, a file in the kaart's own import format (see
``kaart/csv_io.py``), and they go through the same checked import as a file an editor uploads
(keyed on ``extern_id``), so loading twice changes nothing the second time. The admin's import
page offers the same file as its example.

Every service is an example: the site says so once, in the notice that the demo turns on
(``home.SiteSettings.demo_content``), not in every provider's name; its web and e-mail addresses are
on example.org, and phone numbers, where there are any, are the clearly fictional 0800-0000-xxx.
No street addresses.
"""

from pathlib import Path

from .csv_io import lees_csv, voer_uit
from .models import Dienst, zorg_voor_basisgegevens
from .zoekindex import indexeer

BESTAND = Path(__file__).resolve().parent / "demo_data" / "diensten.csv"


def voorbeeldbestand() -> bytes:
    """The example services as a CSV file, exactly as the import reads it."""
    return BESTAND.read_bytes()


def load(home_page=None) -> list[Dienst]:
    """Create or update the example services (idempotent); returns them."""
    zorg_voor_basisgegevens()
    plan = lees_csv(voorbeeldbestand())
    if not plan.geldig:
        raise ValueError("De voorbeelddiensten kloppen niet: " + "; ".join(map(str, plan.fouten)))
    voer_uit(plan, revisies=False)
    diensten = list(Dienst.objects.filter(extern_id__in=[rij.extern_id for rij in plan.rijen]))
    # Findable by text at once (the database backends), not only after the transaction commits.
    indexeer([dienst.pk for dienst in diensten])
    return diensten
