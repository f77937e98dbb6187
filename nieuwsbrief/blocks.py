"""The parts of an issue: a heading, text, and what is featured from the site or elsewhere."""

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

NOTE_HELP = "Laat leeg om de eigen samenvatting te gebruiken."


class FeaturedPageBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label="Artikel of pagina")
    note = blocks.TextBlock(required=False, label="Eigen toelichting", help_text=NOTE_HELP)

    class Meta:
        icon = "doc-full"
        label = "Uitgelicht artikel"


class FeaturedHulpmiddelBlock(blocks.StructBlock):
    hulpmiddel = SnippetChooserBlock("hulpmiddelen.Hulpmiddel", label="Hulpmiddel")
    note = blocks.TextBlock(required=False, label="Eigen toelichting", help_text=NOTE_HELP)

    class Meta:
        icon = "doc-full-inverse"
        label = "Hulpmiddel"


class FeaturedDienstBlock(blocks.StructBlock):
    dienst = SnippetChooserBlock("kaart.Dienst", label="Dienst uit de sociale kaart")
    note = blocks.TextBlock(required=False, label="Eigen toelichting", help_text=NOTE_HELP)

    class Meta:
        icon = "site"
        label = "Dienst"


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Titel")
    url = blocks.URLBlock(label="Adres")
    note = blocks.TextBlock(required=False, label="Toelichting")

    class Meta:
        icon = "link"
        label = "Link naar elders"


class IssueBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label="Tussenkop", icon="title")
    text = blocks.RichTextBlock(
        label="Tekst", icon="pilcrow", features=["bold", "italic", "link", "ul", "ol"]
    )
    article = FeaturedPageBlock()
    hulpmiddel = FeaturedHulpmiddelBlock()
    dienst = FeaturedDienstBlock()
    link = LinkBlock()
