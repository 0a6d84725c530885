"""The offers found: their number said aloud, big cards to scroll with one finger, the
filters as toggles, and kind next steps when nothing is found."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.catalogue.search import Filters, OccupationCount, SearchResult
from kiosk.errors import Explained
from kiosk.i18n import N_, _, ngettext
from kiosk.staff import counters
from ui import theme
from ui.context import UiContext
from ui.screens.base import Screen
from ui.search.card import OfferCardButton
from ui.search.filters import FilterPanel
from ui.search.scrolling import kinetic_area
from ui.search.state import Question, state_for
from ui.search.words import job_label, local_job_names
from ui.widgets.spoken import SpokenButton, TLabel

SEARCHING = N_("Searching…")
NOTHING = N_("Sorry, no offer matches. You can try one of these:")
NOT_UNDERSTOOD = N_("Sorry, we did not understand this job. Try another word, or pictures.")
UNKNOWN_TOWN = N_("Sorry, this town is not known here. Choose another town.")


class OffersScreen(Screen):
    NAME = "offers"
    TITLE = N_("Job offers")
    INSTRUCTION = N_("Touch an offer to read it. Slide your finger to see more.")
    PICTOGRAM = "mdi6.briefcase"

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.state = state_for(ctx)
        self.result: SearchResult | None = None
        self._request = 0
        top = QHBoxLayout()
        self.back = SpokenButton(ctx, N_("Back"), "mdi6.arrow-left", hint=N_("Change the search."))
        self.back.setMinimumSize(160, theme.BAR_BUTTON - 8)
        self.back.clicked.connect(self._back)
        self.count = TLabel(ctx, lambda: self.count_text(), role="title")
        self.show_filters = SpokenButton(
            ctx, lambda: self._filters_label(), "mdi6.filter-variant", hint=N_("Narrow the offers.")
        )
        self.show_filters.setMinimumSize(200, theme.BAR_BUTTON - 8)
        self.show_filters.clicked.connect(self._toggle_filters)
        top.addWidget(self.back)
        top.addWidget(self.count, 1)
        top.addWidget(self.show_filters)
        self.layout_.addLayout(top)
        # What the words were understood as, in the person's language with the French title.
        self.understood = TLabel(ctx, lambda: self._understood_text(), role="instruction")
        self.understood.setWordWrap(True)
        self.understood.hide()
        self.layout_.addWidget(self.understood)
        self.filters = FilterPanel(ctx)
        self.filters.hide()
        self.filters.changed.connect(self._filters_changed)
        self.filters.town_requested.connect(lambda: self.navigate.emit("towns"))
        self.layout_.addWidget(self.filters)

        self.list = QWidget()
        self.cards = QVBoxLayout(self.list)
        self.cards.setSpacing(theme.SPACING)
        self.cards.setContentsMargins(0, 0, 12, 0)
        self.area = kinetic_area(self.list)
        self.layout_.addWidget(self.area, 1)
        self.card_buttons: list[OfferCardButton] = []
        self.next_steps: list[SpokenButton] = []

    # -- texts --------------------------------------------------------------------------------
    def title_text(self) -> str:
        if not hasattr(self, "state"):  # called by Screen.__init__, before ours ran
            return _(self.TITLE)
        q = self.state.question
        if q.mode == "kept":
            return _("Offers you kept")
        if q.mode == "codes":
            return job_label(q.codes[0] if q.codes else None, q.label)
        return _("Offers for “{query}”").format(query=q.query) if q.query else _(self.TITLE)

    def count_text(self) -> str:
        if self.result is None:
            return _(SEARCHING)
        n = self.result.total
        return ngettext("{n} offer", "{n} offers", n).format(n=n)

    def _understood_text(self) -> str:
        """The jobs the words were read as, named in the person's language (the French title
        beside): in French the screen's title already says it, and space is short."""
        if self.result is None or self.state.question.mode != "query" or not local_job_names():
            return ""
        found = self.result.occupations
        best = found[0].score if found else 0.0
        names = [job_label(o.code, o.label) for o in found[:2] if o.score >= 0.9 * best]
        return _("Jobs found: {jobs}").format(jobs=" · ".join(names)) if names else ""

    def _filters_label(self) -> str:
        on = self.state.question.filters.count()
        return _("Filters ({n} on)").format(n=on) if on else _("Filters")

    def spoken_intro(self) -> str:
        parts = [f"{self.title_text()}.", f"{self.count_text()}."]
        if self.result is not None and self.result.total:
            parts.append(_(self.INSTRUCTION))
        elif self.result is not None:
            parts.append(self._nothing_text())
        return " ".join(parts)

    def _nothing_text(self) -> str:
        status = self.result.status if self.result else "ok"
        if status == "unknown_town":
            return _(UNKNOWN_TOWN)
        if status in ("not_understood", "empty_query"):
            # "travail", "😀": words that name no job are not understood, never a random job.
            return _(NOT_UNDERSTOOD)
        return _(NOTHING)

    # -- searching ----------------------------------------------------------------------------
    def shown(self) -> None:
        self.state.fresh()
        q = self.state.question
        town = self.state_town_name(q.filters)
        self.filters.set_filters(q.filters, town)
        self.show_filters.setVisible(q.mode != "kept")
        self.run()

    def forget_person(self) -> None:
        """The session has ended: no card, count or title of this person's search stays."""
        self._request += 1  # a search still running is for nobody now
        self.result = None
        self._clear()
        self.title.setText(_(self.TITLE))  # the next retranslate builds it from the new search
        self.count.retranslate()
        self.understood.retranslate()
        self.understood.hide()

    def state_town_name(self, filters: Filters) -> str:
        """Known without a look-up among all communes on the UI thread: the chosen town's name
        came with it, the agency's from the warm-up (or the last search)."""
        if filters.near:
            return filters.near_name or ""
        return self.state.agency_name

    def run(self) -> None:
        self._request += 1
        request = self._request
        self.result = None
        self._clear()
        self.understood.hide()
        self.count.retranslate()
        self.show_filters.set_label(lambda: self._filters_label())
        self.ctx.count(counters.SEARCHES)
        self.ctx.tasks.run(
            self.state.search_job(),
            lambda result: self._arrived(request, result),
            lambda explained: self._failed(request, explained),
            context="offer search",
        )

    def _arrived(self, request: int, result: SearchResult) -> None:
        if request != self._request:
            return  # an older search, overtaken by a newer one
        self.result = result
        if result.place and result.place != self.filters.town_name:
            self.filters.set_filters(self.state.question.filters, result.place)
        self.count.retranslate()
        self.title.retranslate()
        self.understood.retranslate()
        self.understood.setVisible(bool(self._understood_text()))
        for card in result.offers:
            button = OfferCardButton(self.ctx, card)
            button.clicked.connect(lambda _c=False, i=card.id: self._open(i))
            self.cards.addWidget(button)
            self.card_buttons.append(button)
        if not result.total:
            self._offer_next_steps(result)
        self.cards.addStretch(1)
        if self.isVisible():
            change, self.filters.last_change = self.filters.last_change, ""
            if not change:
                self.ctx.say(self.spoken_intro())
            else:
                nothing = "" if result.total else f" {self._nothing_text()}"
                self.ctx.say(f"{change}. {self.count_text()}.{nothing}")

    def _failed(self, request: int, explained: Explained) -> None:
        if request == self._request:
            self.result = SearchResult(0, (), (), 0.0)
            self.count.retranslate()
            self.ctx.show_error(explained)

    def _clear(self) -> None:
        while self.cards.count():
            item = self.cards.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # deleteLater waits for the event loop; it must vanish now
                widget.deleteLater()
        self.card_buttons = []
        self.next_steps = []

    # -- nothing found: next steps --------------------------------------------------------------
    def _offer_next_steps(self, result: SearchResult) -> None:
        message = TLabel(self.ctx, lambda: self._nothing_text(), role="instruction")
        self.cards.addWidget(message)
        filters = self.state.question.filters
        if result.status in ("not_understood", "unknown_town", "empty_query"):
            # Distance and filters are not the problem: the words or the town are.
            self._step(
                N_("Change the search"), "mdi6.pencil", lambda: self.navigate.emit("find_job")
            )
            self._step(
                N_("Choose from pictures"), "mdi6.view-grid", lambda: self.navigate.emit("domains")
            )
            return
        wider = filters.wider()
        if wider is not None:
            label = (
                (lambda k=wider.km: _("Look up to {km} km").format(km=k))
                if wider.km
                else N_("Look everywhere")
            )
            self._step(label, "mdi6.map-marker-radius", lambda: self._apply(wider))
        if filters.count():
            self._step(
                N_("Remove the filters"), "mdi6.filter-remove", lambda: self._apply(Filters())
            )
        if self.state.question.mode == "kept":
            self._step(
                N_("Choose from pictures"), "mdi6.view-grid", lambda: self.navigate.emit("domains")
            )
        codes = [o.code for o in result.occupations] or list(self.state.question.codes)
        if codes:
            # ROME's close occupations, counted under the same filters as this search.
            self.ctx.tasks.run(
                self.state.searcher_job(lambda s: s.related(codes, filters=filters)),
                lambda related, r=self._request: self._related(r, related),
                context="related occupations",
            )

    def _step(self, label: object, icon: str, action: object) -> SpokenButton:
        button = SpokenButton(self.ctx, label, icon, hint=N_("Search again this way."))  # type: ignore[arg-type]
        button.setMinimumHeight(theme.BAR_BUTTON)
        button.clicked.connect(action)  # type: ignore[arg-type]
        self.cards.addWidget(button)
        self.next_steps.append(button)
        return button

    def _related(self, request: int, related: list[OccupationCount]) -> None:
        if request != self._request or not related:
            return
        self.cards.insertWidget(self.cards.count() - 1, TLabel(self.ctx, N_("Related jobs:")))
        for occupation in related:
            button = SpokenButton(
                self.ctx,
                lambda o=occupation: ngettext(
                    "{job}: {n} offer", "{job}: {n} offers", o.offers
                ).format(job=job_label(o.code, o.label), n=o.offers),
                "mdi6.briefcase",
            )
            button.setMinimumHeight(theme.BAR_BUTTON)
            button.clicked.connect(lambda _c=False, o=occupation: self._browse(o))
            self.cards.insertWidget(self.cards.count() - 1, button)
            self.next_steps.append(button)

    def _apply(self, filters: Filters) -> None:
        self.state.question = replace(self.state.question, filters=filters)
        self.filters.set_filters(filters, self.state_town_name(filters))
        self.run()

    def _browse(self, occupation: OccupationCount) -> None:
        self.state.question = Question(
            "codes", codes=(occupation.code,), label=occupation.label,
            filters=self.state.question.filters,
        )  # fmt: skip
        self.run()

    # -- filters and navigation ------------------------------------------------------------------
    def _toggle_filters(self) -> None:
        self.filters.setVisible(not self.filters.isVisible())

    def _filters_changed(self, filters: Filters) -> None:
        self.state.question = replace(self.state.question, filters=filters)
        self.run()

    def _open(self, offer_id: str) -> None:
        self.state.offer_id = offer_id
        self.navigate.emit("offer")

    def _back(self) -> None:
        q = self.state.question
        self.navigate.emit(q.back or ("occupations" if q.mode == "codes" else "find_job"))
