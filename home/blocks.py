"""StreamField blocks shared by every page type (home, content, articles, sections)."""

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Tekst")
    level = blocks.ChoiceBlock(
        choices=[("h2", "Kop 2"), ("h3", "Kop 3")], default="h2", label="Niveau"
    )

    class Meta:
        icon = "title"
        label = "Tussenkop"
        template = "components/blocks/heading.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="Citaat")
    attribution = blocks.CharBlock(required=False, label="Wie zei het")

    class Meta:
        icon = "openquote"
        label = "Citaat"
        template = "components/blocks/quote.html"


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(label="Afbeelding")
    caption = blocks.CharBlock(required=False, label="Onderschrift")

    class Meta:
        icon = "image"
        label = "Afbeelding"
        template = "components/blocks/figure.html"


class VideoBlock(blocks.StructBlock):
    """A video that loads nothing from the video host until the visitor asks for it."""

    title = blocks.CharBlock(label="Titel van de video")
    url = blocks.URLBlock(label="Adres (YouTube of Vimeo)")
    description = blocks.TextBlock(required=False, label="Korte beschrijving")

    class Meta:
        icon = "media"
        label = "Video"
        template = "components/blocks/video.html"


class EmbedWithTitleBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Titel")
    embed = EmbedBlock(label="Adres")

    class Meta:
        icon = "code"
        label = "Ingesloten inhoud"
        template = "components/blocks/embed.html"


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Titel")
    text = blocks.RichTextBlock(label="Tekst")

    class Meta:
        icon = "help"
        label = "Uitgelicht kader"
        template = "components/blocks/callout.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(label="Alinea", icon="pilcrow")
    quote = QuoteBlock()
    image = FigureBlock()
    video = VideoBlock()
    embed = EmbedWithTitleBlock()
    callout = CalloutBlock()

    class Meta:
        template = "components/blocks/body.html"
