"""One suggested job on the answer screen: its pictogram, its name in the person's language
with the French title beside it, why it was suggested (the engine's reasons, so the screen and
the voice say the same sentence), what the job is, what it takes, the offers nearby now, and
what the person can do with it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.catalogue.names import job_name
from kiosk.i18n import N_, _, ngettext
from kiosk.orientation import Suggestion
from ui import theme
from ui.context import UiContext
from ui.cv.flowlayout import FlowLayout
from ui.icons import icon
from ui.widgets.spoken import SpokenButton, TLabel

PICTURE = 72


def job_title(s: Suggestion, language: str) -> str:
    """The job's name in `language`, or its French ROME title when none is known."""
    return job_name(s.code, language) or s.label


def offers_text(n: int) -> str:
    return ngettext("{n} offer nearby now", "{n} offers nearby now", n).format(n=n)


def french_title(s: Suggestion, language: str) -> str:
    name = job_title(s, language)
    return "" if name == s.label else _("In French: {job}").format(job=s.label)


def spoken(s: Suggestion, language: str) -> str:
    """What "Listen" says: what the card shows in the person's language."""
    parts = [
        f"{job_title(s, language)}.",
        s.why(),
        f"{s.access_text()}.",
        f"{offers_text(s.offers)}.",
    ]
    return " ".join(parts)


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
        self.what = TLabel(ctx, lambda: s.description)
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
        self.listen = action(N_("Listen"), "mdi6.volume-high", lambda: spoken(s, ctx.language))
        self.see = action(
            N_("See the offers"),
            "mdi6.briefcase-search",
            lambda: _("The offers for {job} near you.").format(job=name()),
        )
        self.add = action(
            N_("Add to my CV"),
            "mdi6.card-account-details",
            lambda: _("Add {job} to the jobs you want in your CV.").format(job=name()),
        )
        self.close_button = action(
            N_("Close jobs"),
            "mdi6.swap-horizontal",
            lambda: _("Jobs close to {job}.").format(job=name()),
        )
        self.listen.clicked.connect(lambda: ctx.say(spoken(s, ctx.language)))
        self.see.clicked.connect(lambda: self.offers_wanted.emit(s))
        self.add.clicked.connect(lambda: self.cv_wanted.emit(s))
        self.close_button.clicked.connect(lambda: self.close_wanted.emit(s))
