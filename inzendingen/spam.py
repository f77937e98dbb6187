"""Abuse protection for the public forms, in layers that each work on their own.

1. A honeypot field with a realistic name, hidden from people (CSS, ``aria-hidden``,
   ``tabindex=-1``); bots fill it in.
2. A signed render time: a form sent back within ``INZENDINGEN_MIN_INVULTIJD`` seconds, or with a
   missing or forged time, is suspect. A form left open too long is not spam: the visitor is asked
   to send it once more. Each signed time is good for one submission: a replay of it (the same
   rendering sent again, by a script or a double click) is suspect.
3. Rate limits per client address (``portal.security.client_ip``, which honours only trusted
   proxies) and per e-mail address, counted for every valid submission in the database that all
   server processes share, checked and counted in one atomic step (``portal.ratelimit``). A
   blocked visitor gets HTTP 429 with ``Retry-After`` and the form back with what they typed.
4. An optional self-hosted proof of work (``INZENDINGEN_REKENPUZZEL``, ALTCHA's scheme): the page
   carries a signed puzzle that a small script solves in the background. Without JavaScript no
   answer is sent and the other layers decide; a wrong, expired or reused answer is suspect.
5. Content: too many links, or HTML and BBCode links, in free text is suspect.

Suspect submissions are stored with their reasons and shown to moderators as spam; they are never
dropped silently, and the visitor sees the same thank-you page (so bots learn nothing).
"""

import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing

from portal import ratelimit
from portal.security import client_ip

HONEYPOT_VELD = "homepage"
TIJD_VELD = "formulier_tijd"
PUZZEL_OPGAVE_VELD = "rekenpuzzel_opgave"
PUZZEL_ANTWOORD_VELD = "rekenpuzzel"

_TIJD_SALT = "inzendingen.formulier-tijd"
_PUZZEL_SALT = "inzendingen.rekenpuzzel"
PUZZEL_MAX_GETAL = 60_000
MAX_LINKS = 3
_LINK = re.compile(r"https?://|www\.", re.IGNORECASE)
_OPMAAK_LINK = re.compile(r"<\s*a\s|\[url|\[link", re.IGNORECASE)


def min_invultijd() -> int:
    return getattr(settings, "INZENDINGEN_MIN_INVULTIJD", 3)


def max_invultijd() -> int:
    return getattr(settings, "INZENDINGEN_MAX_INVULTIJD", 4 * 60 * 60)


def rekenpuzzel_aan() -> bool:
    return getattr(settings, "INZENDINGEN_REKENPUZZEL", True)


@dataclass
class Bescherming:
    """The hidden fields one rendering of a form carries."""

    formulier: str
    tijd: str
    puzzel_opgave: str = ""
    puzzel_salt: str = ""
    puzzel_uitkomst: str = ""
    puzzel_max: int = PUZZEL_MAX_GETAL

    honeypot_veld: str = HONEYPOT_VELD
    tijd_veld: str = TIJD_VELD
    puzzel_opgave_veld: str = PUZZEL_OPGAVE_VELD
    puzzel_antwoord_veld: str = PUZZEL_ANTWOORD_VELD


def nieuwe_bescherming(formulier: str) -> Bescherming:
    """Fresh hidden fields for a form: a signed time and, when on, a puzzle."""
    tijd = signing.dumps({"f": formulier, "t": time.time()}, salt=_TIJD_SALT, compress=True)
    bescherming = Bescherming(formulier=formulier, tijd=tijd)
    if rekenpuzzel_aan():
        salt = secrets.token_hex(12)
        getal = secrets.randbelow(PUZZEL_MAX_GETAL + 1)
        uitkomst = hashlib.sha256(f"{salt}{getal}".encode()).hexdigest()
        bescherming.puzzel_salt = salt
        bescherming.puzzel_uitkomst = uitkomst
        bescherming.puzzel_opgave = signing.dumps(
            {"s": salt, "u": uitkomst, "f": formulier}, salt=_PUZZEL_SALT, compress=True
        )
    return bescherming


@dataclass
class Oordeel:
    """What the layers found about one POST."""

    redenen: list[str] = field(default_factory=list)
    verlopen: bool = False

    @property
    def verdacht(self) -> bool:
        return bool(self.redenen)


def _controleer_tijd(data, formulier: str, oordeel: Oordeel) -> None:
    waarde = data.get(TIJD_VELD, "")
    if not waarde:
        oordeel.redenen.append("Geen tijdcode meegestuurd")
        return
    try:
        inhoud = signing.loads(waarde, salt=_TIJD_SALT, max_age=max_invultijd())
    except signing.SignatureExpired:
        oordeel.verlopen = True
        return
    except signing.BadSignature:
        oordeel.redenen.append("Tijdcode klopt niet")
        return
    if inhoud.get("f") != formulier:
        oordeel.redenen.append("Tijdcode van een ander formulier")
        return
    if not ratelimit.first_use(ratelimit.bucket("inzendingen:tijd", waarde), max_invultijd()):
        oordeel.redenen.append("Tijdcode al eerder gebruikt")
    verstreken = time.time() - float(inhoud.get("t", 0))
    if verstreken < min_invultijd():
        oordeel.redenen.append(f"Te snel ingevuld ({max(verstreken, 0):.1f} seconden)")


def _controleer_puzzel(data, formulier: str, oordeel: Oordeel) -> None:
    if not rekenpuzzel_aan():
        return
    antwoord = data.get(PUZZEL_ANTWOORD_VELD, "").strip()
    if not antwoord:
        return  # no JavaScript, or not solved yet: the other layers decide
    try:
        opgave = signing.loads(
            data.get(PUZZEL_OPGAVE_VELD, ""), salt=_PUZZEL_SALT, max_age=max_invultijd()
        )
    except signing.SignatureExpired:
        return
    except signing.BadSignature:
        oordeel.redenen.append("Rekenpuzzel klopt niet")
        return
    berekend = hashlib.sha256(f"{opgave.get('s', '')}{antwoord}".encode()).hexdigest()
    if opgave.get("f") != formulier or not hmac.compare_digest(berekend, opgave.get("u", "")):
        oordeel.redenen.append("Rekenpuzzel verkeerd opgelost")
        return
    if not ratelimit.first_use(
        ratelimit.bucket("inzendingen:puzzel", opgave["s"]), max_invultijd()
    ):
        oordeel.redenen.append("Rekenpuzzel al eerder gebruikt")


def _controleer_tekst(teksten, oordeel: Oordeel) -> None:
    samen = "\n".join(t for t in teksten if t)
    if _OPMAAK_LINK.search(samen):
        oordeel.redenen.append("Links met HTML- of forumopmaak")
    aantal = len(_LINK.findall(samen))
    if aantal > MAX_LINKS:
        oordeel.redenen.append(f"Veel links in de tekst ({aantal})")


def beoordeel(data, formulier: str, teksten=()) -> Oordeel:
    """Run the honeypot, time, puzzle and content layers on a POST's data."""
    oordeel = Oordeel()
    if data.get(HONEYPOT_VELD, ""):
        oordeel.redenen.append("Verborgen veld ingevuld")
    _controleer_tijd(data, formulier, oordeel)
    _controleer_puzzel(data, formulier, oordeel)
    _controleer_tekst(teksten, oordeel)
    return oordeel


# Rate limits -------------------------------------------------------------------------------


def _limieten(request, email: str = "") -> list[tuple[str, int]]:
    limieten = [
        (
            ratelimit.bucket("inzendingen:ip", client_ip(request)),
            settings.INZENDINGEN_MAX_PER_IP_PER_UUR,
        )
    ]
    if email:
        limieten.append(
            (
                ratelimit.bucket("inzendingen:email", email),
                settings.INZENDINGEN_MAX_PER_EMAIL_PER_UUR,
            )
        )
    return limieten


def tel_en_controleer(request, email: str = "") -> int:
    """Count one submission against the address and the e-mail address, in one atomic step per
    limit; the seconds to wait when this one is past a limit of this hour, else 0."""
    return ratelimit.over_limit(_limieten(request, email), window=60 * 60)


def al_te_veel(request, email: str = "") -> int:
    """Without counting: the seconds to wait when the address or e-mail address has already sent
    its maximum this hour, else 0 (checked before the files of a form are validated)."""
    return ratelimit.already_over(_limieten(request, email))
