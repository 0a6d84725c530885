"""One suggested job on the answer screen: its pictogram, its name in the person's language
with the French title beside it, why it was suggested (the engine's reasons, so the screen and
the voice say the same sentence), what the job is, what it takes, the offers nearby now, and
what the person can do with it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.catalogue.names import job_name
from kiosk.catalogue.plain import FRENCH
from kiosk.i18n import N_, _, ngettext
from kiosk.orientation import Suggestion
from ui import theme
from ui.context import UiContext
from ui.cv.flowlayout import FlowLayout
from ui.icons import icon
from ui.widgets.spoken import Part, SpokenButton, TLabel

PICTURE = 72


def job_title(s: Suggestion, language: str) -> str:
    """The job's name in `language`, or its French ROME title when none is known."""
    return job_name(s.code, language) or s.label


def offers_text(n: int) -> str:
    return ngettext("{n} offer nearby now", "{n} offers nearby now", n).format(n=n)


def french_title(s: Suggestion, language: str) -> str:
    name = job_title(s, language)
    return "" if name == s.label else _("In French: {job}").format(job=s.label)


def title_language(s: Suggestion, language: str) -> str | None:
    """The voice of the job's name: the person's (None), or French when only the French ROME
    title is known."""
    return None if job_name(s.code, language) else FRENCH


def spoken(s: Suggestion, language: str) -> list[Part]:
    """What "Listen" says: what the card shows, the person's words in their voice and the
    ROME's French words (the description, a title with no local name) in the French voice."""
    return [
        (f"{job_title(s, language)}.", title_language(s, language)),
        (s.why(), None),
        (f"{s.description}." if s.description else "", FRENCH),
        (f"{s.access_text()}.", None),
        (f"{offers_text(s.offers)}.", None),
    ]


def with_job(s: Suggestion, language: str, label: str, sentence: str) -> list[Part]:
    """A button's name, then `sentence` (translated, with "{job}") whose job name is read by
    its own voice."""
    before, _sep, after = sentence.partition("{job}")
    return [
        (f"{label}.", None),
        (before, None),
        (job_title(s, language), title_language(s, language)),
        (after, None),
    ]


def french(label: QLabel) -> QLabel:
    """The ROME's own words: French, read by the French voice, laid out left to right (as the
    offer screen shows an offer's text)."""
    label.setProperty("speech_language", FRENCH)
    label.setLocale(QLocale(QLocale.Language.French, QLocale.Country.France))
    label.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    return label


class JobCard(QFrame):
    offers_wanted = Signal(object)  # the Suggestion
    cv_wanted = Signal(object)
    close_wanted = Signal(object)

    def __init__(self, ctx: UiContext, s: Suggestion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.suggestion = ctx, s
        self.setObjectName(f"orient-card-{s.code}")
        border = f"border: 3px solid {theme.BLUE}; border-radius: 16px;"
        self.setStyleSheet(f"QFrame#orient-card-{s.code} {{ {border} }}")
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 12, 16, 12)
        row.setSpacing(16)
        picture = QLabel()
        picture.setPixmap(icon(s.icon or "mdi6.briefcase", "title").pixmap(PICTURE, PICTURE))
        picture.setAlignment(Qt.AlignmentFlag.AlignTop)
        picture.setFixedWidth(PICTURE + 4)
        row.addWidget(picture)
        column = QVBoxLayout()
        column.setSpacing(6)
        row.addLayout(column, 1)
        self.name = TLabel(ctx, lambda: job_title(s, ctx.language), role="title")
        self.french = TLabel(ctx, lambda: french_title(s, ctx.language))
        self.why = TLabel(ctx, lambda: s.why())
        self.why.setStyleSheet("font-weight: bold;")
        self.what = french(TLabel(ctx, lambda: s.description))
        self.takes = TLabel(ctx, lambda: s.access_text())
        self.offers = TLabel(ctx, lambda: offers_text(s.offers))
        for label in (self.name, self.french, self.why, self.what, self.takes, self.offers):
            column.addWidget(label)
        self.french.setVisible(bool(self.french.text()))
        self.what.setVisible(bool(s.description))
        actions = QWidget()
        flow = FlowLayout(actions, spacing=12)
        column.addWidget(actions)

        def action(label: str, icon_name: str, hint: object) -> SpokenButton:
            button = SpokenButton(ctx, label, icon_name, hint=hint)  # type: ignore[arg-type]
            button.setMinimumHeight(theme.MIN_TARGET + 24)
            flow.addWidget(button)
            return button

        name = lambda: job_title(s, ctx.language)  # noqa: E731
        listen_hint = lambda: " ".join(t for t, _l in spoken(s, ctx.language) if t)  # noqa: E731
        self.listen = action(N_("Listen"), "mdi6.volume-high", listen_hint)
        self.listen.set_spoken_parts(lambda: [(f"{_('Listen')}.", None), *spoken(s, ctx.language)])
        offers_for = N_("The offers for {job} near you.")
        add_job = N_("Add {job} to the jobs you want in your CV.")
        close_to = N_("Jobs close to {job}.")
        self.see = action(
            N_("See the offers"),
            "mdi6.briefcase-search",
            lambda: _(offers_for).format(job=name()),
        )
        self.add = action(
            N_("Add to my CV"),
            "mdi6.card-account-details",
            lambda: _(add_job).format(job=name()),
        )
        self.close_button = action(
            N_("Close jobs"),
            "mdi6.swap-horizontal",
            lambda: _(close_to).format(job=name()),
        )
        for button, caption, sentence in (
            (self.see, N_("See the offers"), offers_for),
            (self.add, N_("Add to my CV"), add_job),
            (self.close_button, N_("Close jobs"), close_to),
        ):
            button.set_spoken_parts(self._job_parts(caption, sentence))
        self._mark_title()
        ctx.language_changed.connect(self._mark_title)
        self.listen.clicked.connect(lambda: ctx.say_parts(spoken(s, ctx.language)))
        self.see.clicked.connect(lambda: self.offers_wanted.emit(s))
        self.add.clicked.connect(lambda: self.cv_wanted.emit(s))
        self.close_button.clicked.connect(lambda: self.close_wanted.emit(s))

    def _job_parts(self, caption: str, sentence: str) -> Callable[[], list[Part]]:
        """What holding an action says: its name, then its hint with the job's name read by
        the job name's own voice."""
        s, ctx = self.suggestion, self.ctx
        return lambda: with_job(s, ctx.language, _(caption), _(sentence))

    def _mark_title(self, *_args: object) -> None:
        """A job with no name in the person's language shows its French title: read by the
        French voice, left to right."""
        if title_language(self.suggestion, self.ctx.language) == FRENCH:
            french(self.name)
        else:
            self.name.setProperty("speech_language", "")
            self.name.unsetLocale()
            self.name.unsetLayoutDirection()
