"""Blocks of the section pages: chosen hulpmiddelen, prevention levels, tips and requirements.

``SectieBodyBlock`` is the shared ``home.blocks.BodyBlock`` plus these four, so a section reads
like the source text: guidance, then the hulpmiddelen that belong with it.
"""

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from home.blocks import BodyBlock

from .validators import validate_link

HEADING_LEVELS = [("h2", "Kop 2"), ("h3", "Kop 3")]


class HulpmiddelChooserBlock(SnippetChooserBlock):
    """Chooses a hulpmiddel; loads all chosen ones with what their cards show, in one query."""

    def __init__(self, **kwargs):
        super().__init__("hulpmiddelen.Hulpmiddel", **kwargs)

    def bulk_to_python(self, values):
        objects = self.model_class.objects.for_cards().in_bulk(
            [value for value in values if value is not None]
        )
        return [objects.get(value) for value in values]


class HulpmiddelenBlock(blocks.StructBlock):
    """A list of chosen hulpmiddelen, shown as cards; the same hulpmiddel can appear anywhere."""

    titel = blocks.CharBlock(label="Titel", required=False)
    niveau = blocks.ChoiceBlock(
        choices=HEADING_LEVELS,
        default="h2",
        label="Niveau van de titel",
        help_text="De hulpmiddelen krijgen een kop één niveau lager, ook zonder titel.",
    )
    intro = blocks.TextBlock(label="Korte inleiding", required=False)
    hulpmiddelen = blocks.ListBlock(HulpmiddelChooserBlock(label="Hulpmiddel"), min_num=1)

    class Meta:
        icon = "folder-open-inverse"
        label = "Hulpmiddelen"
        template = "hulpmiddelen/blocks/hulpmiddelen.html"


class NiveauBlock(blocks.StructBlock):
    naam = blocks.CharBlock(label="Naam", help_text="Bijvoorbeeld: voor iedereen.")
    voor_wie = blocks.CharBlock(label="Voor wie")
    uitleg = blocks.RichTextBlock(label="Uitleg", features=["bold", "italic", "link", "ul"])


class PreventieniveausBlock(blocks.StructBlock):
    """The three levels of prevention, as a numbered list."""

    titel = blocks.CharBlock(label="Titel", default="De drie niveaus van preventie")
    niveau = blocks.ChoiceBlock(choices=HEADING_LEVELS, default="h2", label="Niveau van de titel")
    intro = blocks.TextBlock(label="Korte inleiding", required=False)
    niveaus = blocks.ListBlock(NiveauBlock(label="Niveau"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = "Preventieniveaus"
        template = "hulpmiddelen/blocks/preventieniveaus.html"


class TipBlock(blocks.StructBlock):
    titel = blocks.CharBlock(label="Tip in het kort")
    tekst = blocks.RichTextBlock(label="Uitleg", features=["bold", "italic", "link", "ul"])


class TipsBlock(blocks.StructBlock):
    """Practical tips, each with a short title and an explanation."""

    titel = blocks.CharBlock(label="Titel", default="Tips voor goede samenwerking")
    niveau = blocks.ChoiceBlock(choices=HEADING_LEVELS, default="h2", label="Niveau van de titel")
    intro = blocks.TextBlock(label="Korte inleiding", required=False)
    tips = blocks.ListBlock(TipBlock(label="Tip"), min_num=1)

    class Meta:
        icon = "tick-inverse"
        label = "Tips"
        template = "hulpmiddelen/blocks/tips.html"


class EisBlock(blocks.StructBlock):
    eis = blocks.CharBlock(label="Eis of wens")
    toelichting = blocks.TextBlock(label="Toelichting", required=False)
    onderdelen = blocks.ListBlock(
        blocks.CharBlock(label="Onderdeel"),
        label="Onderdelen (genummerd)",
        required=False,
        default=[],
    )


class EisenBlock(blocks.StructBlock):
    """A checklist of requirements, with a link to where they are put into practice."""

    titel = blocks.CharBlock(label="Titel", default="Waar een goede sociale kaart aan voldoet")
    niveau = blocks.ChoiceBlock(choices=HEADING_LEVELS, default="h2", label="Niveau van de titel")
    intro = blocks.TextBlock(label="Korte inleiding", required=False)
    eisen = blocks.ListBlock(EisBlock(label="Eis"), min_num=1)
    link_tekst = blocks.CharBlock(label="Tekst van de link", required=False)
    link = blocks.CharBlock(
        label="Adres van de link",
        required=False,
        help_text="Een pad op deze site, bijvoorbeeld /kaart/, of een volledig webadres.",
        validators=[validate_link],
    )

    class Meta:
        icon = "list-ul"
        label = "Eisen en wensen"
        template = "hulpmiddelen/blocks/eisen.html"


class SectieBodyBlock(BodyBlock):
    hulpmiddelen = HulpmiddelenBlock()
    preventieniveaus = PreventieniveausBlock()
    tips = TipsBlock()
    eisen = EisenBlock()

    class Meta:
        template = "components/blocks/body.html"
