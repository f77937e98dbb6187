"""Every mail the nieuwsbrief sends, built from templates.

Issues are multipart: a real plain-text part rendered from the same blocks, and HTML with the CSS
inlined and only absolute links, no tracking pixel and no rewritten links. An issue is rendered
once; each recipient's links are filled in by replacing two placeholders. Issue mails carry the
RFC 8058 ``List-Unsubscribe`` headers; service mails (confirm, already subscribed, alerts) never do.
"""

import textwrap
from dataclasses import dataclass, field
from email.utils import make_msgid
from urllib.parse import urlsplit

import css_inline
from bs4 import BeautifulSoup, NavigableString
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.rich_text import expand_db_html

from portal.site_urls import absolute_url

from . import tokens

PLACEHOLDER_UNSUBSCRIBE = "https://nieuwsbrief.invalid/afmelden"
PLACEHOLDER_MANAGE = "https://nieuwsbrief.invalid/voorkeuren"
URL_ATTRIBUTES = ("href", "src", "action", "background", "poster", "cite")


# --- Links ------------------------------------------------------------------------------------


def absolute(url: str, request=None) -> str:
    """``url`` on the portal's public base (``portal.site_urls.absolute_url``)."""
    return absolute_url(url, request)


def site_url(viewname: str, *args) -> str:
    return absolute(reverse(viewname, args=args))


def site_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def absolutize_html(html: str, request=None) -> str:
    """The same HTML with every relative link and source made absolute."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        for attribute in URL_ATTRIBUTES:
            value = tag.get(attribute)
            if isinstance(value, str) and value and not value.startswith(("mailto:", "tel:")):
                tag[attribute] = absolute(value, request)
        if tag.get("srcset"):
            tag["srcset"] = ", ".join(
                " ".join([absolute(part.split()[0], request), *part.split()[1:]])
                for part in tag["srcset"].split(",")
                if part.strip()
            )
    return str(soup)


# --- Plain text -------------------------------------------------------------------------------


def _collapse(text: str) -> str:
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


def _wrap(text: str, first: str = "", rest: str = "", width: int = 72) -> str:
    return "\n".join(
        textwrap.fill(
            line,
            width=width,
            initial_indent=first if n == 0 else rest,
            subsequent_indent=rest,
            break_long_words=False,
            break_on_hyphens=False,
        )
        for n, line in enumerate(text.split("\n"))
    )


def _inline(node) -> str:
    if isinstance(node, NavigableString):
        return str(node)
    if node.name == "br":
        return "\n"
    inner = "".join(_inline(child) for child in node.children)
    if node.name == "a" and node.get("href"):
        href = absolute(node["href"])
        label = " ".join(inner.split())
        return f"{label} ({href})" if label and label != href else href
    return inner


def _blocks(node, out: list[str]) -> None:
    if isinstance(node, NavigableString):
        if node.strip():
            out.append(_wrap(_collapse(str(node))))
        return
    if node.name in ("ul", "ol"):
        lines = []
        for number, item in enumerate(node.find_all("li", recursive=False), start=1):
            bullet = f"{number}. " if node.name == "ol" else "- "
            lines.append(_wrap(_collapse(_inline(item)), bullet, " " * len(bullet)))
        out.append("\n".join(lines))
    elif node.name in ("h1", "h2", "h3", "h4"):
        title = _collapse(_inline(node))
        out.append(f"{title}\n{'-' * min(len(title), 72)}")
    elif node.name in ("p", "blockquote", "li"):
        out.append(_wrap(_collapse(_inline(node))))
    else:
        for child in node.children:
            _blocks(child, out)


def html_to_text(html: str) -> str:
    """Readable plain text from rich text: paragraphs, lists and links as ``text (address)``."""
    out: list[str] = []
    for node in BeautifulSoup(html, "html.parser").children:
        _blocks(node, out)
    return "\n\n".join(part for part in out if part.strip())


# --- Issues -----------------------------------------------------------------------------------


@dataclass
class Item:
    kind: str  # heading, text or feature
    title: str = ""
    label: str = ""
    url: str = ""
    summary: str = ""
    html: str = ""
    text: str = ""
    level: int = 2  # the heading level of a feature: 3 under a heading of the issue, else 2


def _summary(obj, *fields) -> str:
    for name in fields:
        value = getattr(obj, name, "")
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _hulpmiddel_url(hulpmiddel) -> str:
    """Its page on this site (under the hulpmiddelen overview), else where it lives."""
    from hulpmiddelen.models import HulpmiddelenIndexPage

    index_page = HulpmiddelenIndexPage.objects.live().public().first()
    if index_page is not None:
        return index_page.hulpmiddel_url(hulpmiddel)
    return hulpmiddel.href


def issue_items(issue, request=None) -> list[Item]:
    """The issue's blocks, ready for any template; unpublished or deleted choices are left out.

    Links are absolute on ``SITE_URL`` for a mail, on the visitor's own host with ``request``."""
    items: list[Item] = []
    for block in issue.body:
        value = block.value
        level = 3 if any(item.kind == "heading" for item in items) else 2
        if block.block_type == "heading":
            items.append(Item("heading", title=value))
        elif block.block_type == "text":
            html = absolutize_html(expand_db_html(value.source), request)
            items.append(Item("text", html=html, text=html_to_text(html)))
        elif block.block_type == "article":
            page = value["page"]
            if page is None or not page.live or page.get_view_restrictions().exists():
                continue
            page = page.specific
            items.append(
                Item(
                    "feature",
                    title=page.title,
                    label=str(page.specific_class._meta.verbose_name),
                    url=absolute(page.get_url() or "", request),
                    summary=value["note"] or _summary(page, "search_description", "lead", "intro"),
                    level=level,
                )
            )
        elif block.block_type == "hulpmiddel":
            hulpmiddel = value["hulpmiddel"]
            if hulpmiddel is None or not getattr(hulpmiddel, "live", True):
                continue
            items.append(
                Item(
                    "feature",
                    title=str(hulpmiddel),
                    label="Hulpmiddel",
                    url=absolute(_hulpmiddel_url(hulpmiddel), request),
                    summary=value["note"] or _summary(hulpmiddel, "beschrijving"),
                    level=level,
                )
            )
        elif block.block_type == "dienst":
            dienst = value["dienst"]
            if dienst is None or not getattr(dienst, "live", True):
                continue
            items.append(
                Item(
                    "feature",
                    title=str(dienst),
                    label="Dienst in de sociale kaart",
                    url=absolute(dienst.get_absolute_url(), request),
                    summary=value["note"] or _summary(dienst, "samenvatting"),
                    level=level,
                )
            )
        elif block.block_type == "link":
            items.append(
                Item(
                    "feature",
                    title=value["title"],
                    label="Link",
                    url=value["url"],
                    summary=value["note"] or "",
                    level=level,
                )
            )
    return items


def _site_settings():
    from wagtail.models import Site

    from home.models import SiteSettings

    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site) if site else SiteSettings()


def _footer_context() -> dict:
    site = _site_settings()
    return {
        "organisation": site.organisation_name,
        "contact_email": site.email,
        "contact_phone": site.help_phone,
        "site_url": settings.SITE_URL,
        "site_host": site_host(),
        "privacy_url": absolute(settings.NIEUWSBRIEF_PRIVACY_URL),
    }


@dataclass(frozen=True)
class RenderedIssue:
    subject: str
    html: str
    text: str
    web_url: str = ""
    size: int = field(default=0)


def inline_css(html: str) -> str:
    css = render_to_string("emails/nieuwsbrief/mail.css")
    return css_inline.inline(html, extra_css=css, keep_at_rules=True, load_remote_stylesheets=False)


def render_issue(issue, *, test: bool = False) -> RenderedIssue:
    """The mail for ``issue`` with placeholder links, once for all recipients."""
    web_url = site_url("nieuwsbrief:editie", issue.slug) if issue.slug else ""
    context = {
        "issue": issue,
        "items": issue_items(issue),
        "web_url": web_url,
        "unsubscribe_url": PLACEHOLDER_UNSUBSCRIBE,
        "manage_url": PLACEHOLDER_MANAGE,
        "test": test,
        **_footer_context(),
    }
    html = render_to_string("emails/nieuwsbrief/editie.html", context)
    html = inline_css(absolutize_html(html))
    text = render_to_string("emails/nieuwsbrief/editie.txt", context)
    subject = f"[TEST] {issue.title}" if test else issue.title
    return RenderedIssue(subject, html, text, web_url, len(html.encode()))


_rendered_cache: dict[tuple, RenderedIssue] = {}


def rendered_for_sending(issue) -> RenderedIssue:
    """The sent revision, rendered once per send in each worker process."""
    key = (issue.pk, issue.sent_revision_id, issue.sending_started_at)
    if key not in _rendered_cache:
        if len(_rendered_cache) >= 8:
            _rendered_cache.clear()
        _rendered_cache[key] = render_issue(issue.sent_revision.as_object())
    return _rendered_cache[key]


def list_id() -> str:
    return f"Nieuwsbrief <nieuwsbrief.{site_host()}>"


def message_id(delivery_id: int | str) -> str:
    return make_msgid(idstring=f"nb{delivery_id}", domain=site_host())


_link_bases: dict[tuple[str, str], str] = {}


def _link_base(viewname: str) -> str:
    """``https://…/nieuwsbrief/afmelden/`` once per process: the sender needs it 10,000 times."""
    key = (viewname, settings.SITE_URL)
    if key not in _link_bases:
        _link_bases[key] = site_url(viewname, "-").removesuffix("-/")
    return _link_bases[key]


def links_for_key(key: str) -> tuple[str, str]:
    """The personal unsubscribe and manage links of the subscriber with this key."""
    return (
        f"{_link_base('nieuwsbrief:afmelden')}{tokens.make(tokens.UNSUBSCRIBE, key)}/",
        f"{_link_base('nieuwsbrief:voorkeuren')}{tokens.make(tokens.MANAGE, key)}/",
    )


def subscriber_links(subscriber) -> tuple[str, str]:
    return links_for_key(subscriber.key)


def issue_message(
    rendered: RenderedIssue,
    *,
    to: str,
    unsubscribe_url: str,
    manage_url: str,
    msgid: str,
    delivery_id: int | None = None,
) -> EmailMultiAlternatives:
    html = rendered.html.replace(PLACEHOLDER_UNSUBSCRIBE, unsubscribe_url).replace(
        PLACEHOLDER_MANAGE, manage_url
    )
    text = rendered.text.replace(PLACEHOLDER_UNSUBSCRIBE, unsubscribe_url).replace(
        PLACEHOLDER_MANAGE, manage_url
    )
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=text,
        from_email=settings.NIEUWSBRIEF_FROM_EMAIL,
        to=[to],
        reply_to=[settings.NIEUWSBRIEF_REPLY_TO] if settings.NIEUWSBRIEF_REPLY_TO else None,
        headers={
            "Message-ID": msgid,
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": list_id(),
        },
    )
    message.attach_alternative(html, "text/html")
    # django-anymail: no open or click tracking, and the delivery id to match webhook events.
    message.track_opens = False
    message.track_clicks = False
    if delivery_id is not None:
        message.metadata = {"nieuwsbrief_bezorging": str(delivery_id)}
    return message


# --- Service mails ----------------------------------------------------------------------------


def _service_message(to: str, subject: str, template: str, context: dict):
    context = {**_footer_context(), **context, "subject": subject}
    text = render_to_string(f"emails/nieuwsbrief/{template}.txt", context)
    html = inline_css(
        absolutize_html(render_to_string(f"emails/nieuwsbrief/{template}.html", context))
    )
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.NIEUWSBRIEF_FROM_EMAIL,
        to=[to],
        headers={"Message-ID": make_msgid(idstring="nbservice", domain=site_host())},
    )
    message.attach_alternative(html, "text/html")
    message.track_opens = False
    message.track_clicks = False
    return message


def confirm_message(subscriber):
    token = tokens.make_confirm(subscriber.key, subscriber.confirm_round)
    return _service_message(
        subscriber.email,
        "Bevestig uw aanmelding voor de nieuwsbrief",
        "bevestigen",
        {
            "confirm_url": site_url("nieuwsbrief:bevestigen", token),
            "days": settings.NIEUWSBRIEF_CONFIRM_MAX_AGE_DAYS,
            "pending_days": settings.NIEUWSBRIEF_PENDING_TTL_DAYS,
        },
    )


def already_subscribed_message(subscriber):
    _, manage_url = subscriber_links(subscriber)
    return _service_message(
        subscriber.email,
        "U bent al ingeschreven voor de nieuwsbrief",
        "al_ingeschreven",
        {"manage_url": manage_url, "paused": subscriber.status == "paused"},
    )


def alert_message(to: str, context: dict):
    return _service_message(
        to, f"Nieuwsbrief: {context.get('subject', 'melding')}", "melding", context
    )


def test_issue_message(to: str, revision_id: int):
    from wagtail.models import Revision

    issue = Revision.objects.get(pk=revision_id).as_object()
    rendered = render_issue(issue, test=True)
    example = site_url("nieuwsbrief:afmelden", "voorbeeld")
    return issue_message(
        rendered,
        to=to,
        unsubscribe_url=example,
        manage_url=site_url("nieuwsbrief:voorkeuren", "voorbeeld"),
        msgid=make_msgid(idstring="nbtest", domain=site_host()),
    )
