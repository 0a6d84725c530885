"""A question answered by touching phrases (tasks, skills, interests, "about me"), with a
box to write one more. A picked phrase keeps its reference, so the CV prints it in the
CV's own language; a written one is printed as written."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.cv.model import CV, Term
from kiosk.cv.suggestions import Phrase, vocabulary
from kiosk.cv.validation import COUNT_MAX, TERM_MAX, TOO_MANY, FieldError, clean_required
from kiosk.i18n import N_, _
from ui.context import UiContext
from ui.cv.chips import ChipGrid
from ui.cv.fields import Field
from ui.cv.scroll import scroll_area
from ui.cv.step import StepScreen
from ui.widgets.spoken import SpokenButton, Text

ADDED = N_("Added: {item}")
SHOWN = 30  # suggestions on screen: enough to choose, few enough to read


def suggested(kind: str, cv: CV) -> list[Phrase]:
    """Those for the wanted jobs first, then the others, so the list is never short."""
    words = vocabulary()
    first = words.for_occupations(kind, [j.rome for j in cv.wanted_jobs if j.rome])
    return first + [p for p in words.all(kind) if p not in first]


class PhraseStep(StepScreen):
    KIND = ""  # a vocabulary kind: "skill", "task"...
    FIELD = ""  # the CV's tuple of terms
    COUNT = ""  # the COUNT_MAX entry
    TYPED = N_("Something else? Write it here")
    TYPED_EXAMPLE = ""
    LIMIT = TERM_MAX
    KEYBOARD = True
    KEYBOARD_AT_ONCE = False
    COLUMNS = 3

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.chips = ChipGrid(ctx, columns=self.COLUMNS)
        self.chips.toggled.connect(self._toggled)
        self._options: list[tuple[str, Text]] = []
        self.area = scroll_area(self.chips)
        self.body.addWidget(self.area, 1)
        row = QHBoxLayout()
        self.typed = self.register("typed", Field(ctx, self.TYPED, self.TYPED_EXAMPLE))
        row.addWidget(self.typed, 1)
        self.add = SpokenButton(ctx, N_("Add"), "mdi6.plus", hint=N_("Add what you wrote."))
        self.add.setMinimumSize(200, 80)
        self.add.clicked.connect(self.add_typed)
        row.addWidget(self.add)
        self.body.addLayout(row)

    # --- where the terms live (the tasks screen overrides these) ----------------------------

    def terms(self, cv: CV) -> tuple[Term, ...]:
        return getattr(cv, self.FIELD)

    def with_terms(self, cv: CV, terms: tuple[Term, ...]) -> CV:
        return cv.replace(**{self.FIELD: terms})

    def suggestions(self, cv: CV) -> list[Phrase]:
        return vocabulary().all(self.KIND)

    def where(self, cv: CV) -> str:
        return self.FIELD

    # --- showing and choosing --------------------------------------------------------------

    def load(self, cv: CV) -> None:
        chosen = self.terms(cv)
        options: list[tuple[str, Text]] = []
        # What the person wrote comes first: seen at once, not under thirty suggestions.
        for term in chosen:
            if not term.ref or vocabulary().get(*term.ref.partition(":")[::2]) is None:
                options.append((f"typed:{term.text}", lambda t=term.text: t))
        refs = {t.ref for t in chosen if t.ref}
        for phrase in self.suggestions(cv)[:SHOWN]:
            options.append((phrase.ref, lambda p=phrase: p.in_language(self.ctx.language)))
        for phrase_ref in refs - {key for key, _label in options}:
            kind, _sep, phrase_id = phrase_ref.partition(":")
            found = vocabulary().get(kind, phrase_id)
            if found is not None:
                options.append((phrase_ref, lambda p=found: p.in_language(self.ctx.language)))
        self._options = options
        self.chips.set_options(options)
        keys = [t.ref if t.ref and t.ref in self.chips.chips else f"typed:{t.text}" for t in chosen]
        self.chips.set_selected(keys)
        self.typed.set_text("")

    def _toggled(self, key: str, on: bool) -> None:
        cv = self.state.cv
        terms = list(self.terms(cv))
        if on:
            limit = COUNT_MAX[self.COUNT]
            if len(terms) >= limit:
                self.chips.set_selected([k for k in self.chips.selected() if k != key])
                self.show_problem(FieldError(self.where(cv), TOO_MANY, limit=limit))
                return
            if key.startswith("typed:"):
                terms.append(Term(key.partition(":")[2]))
            else:
                kind, _sep, phrase_id = key.partition(":")
                phrase = vocabulary().get(kind, phrase_id)
                if phrase is not None:
                    terms.append(phrase.term(self.ctx.language))
        else:
            terms = [
                t for t in terms if not (t.ref == key or (not t.ref and f"typed:{t.text}" == key))
            ]
        self.state.save(self.with_terms(cv, tuple(terms)))

    def add_typed(self) -> None:
        self.clear_errors()
        try:
            self._add_typed()
        except FieldError as exc:
            self.show_problem(exc)

    def _add_typed(self) -> None:
        where = f"{self.where(self.state.cv)}.typed"
        text = clean_required(self.typed.text(), where, self.LIMIT)
        key = f"typed:{text}"
        if key not in self.chips.chips:
            self._options.insert(0, (key, lambda t=text: t))  # first, where it is seen
            self.chips.set_options(self._options)
        self.area.ensureWidgetVisible(self.chips.chips[key])
        if not self.chips.chips[key].isChecked():
            self.chips.chips[key].setChecked(True)  # saves through _toggled
            if not self.chips.chips[key].isChecked():
                return  # refused: the limit was said
        self.typed.set_text("")
        self.ctx.say(_(ADDED).format(item=text))

    def submit_field(self) -> None:
        if self.typed.text().strip():
            self.add_typed()
        else:
            self.go_next()

    def collect(self, cv: CV, strict: bool = True) -> CV:
        # Chips save as they are touched; a phrase left written but not added is added now.
        if self.typed.text().strip() and strict:
            self._add_typed()
        return self.state.cv
