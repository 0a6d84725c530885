"""Plain words for an offer's place, dates and how to apply, and job names in the person's
language (contracts, hours and pay: kiosk.catalogue.plain and ui.search.summary)."""

from __future__ import annotations

import datetime as dt
import re

from kiosk.catalogue.names import job_name
from kiosk.catalogue.search import OfferCard, OfferDetail
from kiosk.i18n import N_, _, current, format_age, format_date, ltr

DEMO = N_("Demo offer")

_DEPARTEMENT_PREFIX = re.compile(r"^\s*[0-9AB]{2,3}\s*-\s*")


def parse_time(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def town(card: OfferCard) -> str:
    """ "69 - LYON 03" -> "Lyon 03": the département number means nothing to most people."""
    if not card.town:
        return _("Place not given")
    name = _DEPARTEMENT_PREFIX.sub("", card.town)
    return name.title() if name.isupper() else name


def local_job(code: str | None) -> str | None:
    """The occupation's name in the screen's language, or None (French, or none known)."""
    return job_name(code, current().code)


def local_job_names() -> bool:
    """Whether jobs have names of their own in the screen's language (not French)."""
    return current().code != "fr"


def job_label(code: str | None, french: str) -> str:
    """A job named in the person's language with the French ROME title beside it, since the
    offer and the employer speak French: "سائق حافلة — Conducteur / Conductrice de bus"."""
    local = local_job(code)
    if not local or local.casefold() == french.casefold():
        return french
    # The French title keeps its own direction inside Arabic or Persian text.
    return f"{local} — {ltr(french) if current().rtl else french}"


def updated(card: OfferCard, now: dt.datetime | None = None) -> str:
    moment = parse_time(card.updated_at)
    if moment is None:
        return ""
    now = now or dt.datetime.now(dt.UTC)
    return _("Updated {age}").format(age=format_age(max(now - moment, dt.timedelta(0))))


def how_to_apply(offer: OfferDetail) -> str:
    if offer.apply_url or offer.source_url:
        return _('Apply on the internet: touch "Show on my phone" to take the address with you.')
    if offer.apply_text:
        return _("Contact the employer: {contact}").format(contact=offer.apply_text)
    return _("Ask a staff member how to apply.")


def update_date(offer: OfferDetail) -> str:
    moment = parse_time(offer.card.updated_at)
    if moment is None:
        return ""
    return _("Offer updated on {date}").format(date=format_date(moment.date()))
