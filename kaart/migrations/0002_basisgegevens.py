"""Load the contract's default vocabulary terms and the 342 gemeenten from kaart/data/."""

from django.db import migrations


def laad(apps, schema_editor):
    from kaart.models import laad_gemeenten, laad_standaard_termen

    laad_standaard_termen(model=apps.get_model("kaart", "Term"))
    laad_gemeenten(model=apps.get_model("kaart", "Gemeente"))


class Migration(migrations.Migration):
    dependencies = [("kaart", "0001_initial")]

    operations = [migrations.RunPython(laad, migrations.RunPython.noop)]
