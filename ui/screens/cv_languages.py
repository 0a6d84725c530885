"""Make my CV, question 7: the languages you speak, each with a simple level."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QWidget

from kiosk.cv.model import CV, Level, SpokenLanguage
from kiosk.cv.suggestions import vocabulary
from kiosk.cv.validation import COUNT_MAX, TOO_MANY, FieldError, clean_required
from kiosk.i18n import N_, _
from ui.context import UiContext
from ui.cv.chips import ChipGrid
from ui.cv.fields import Field
from ui.cv.scroll import scroll_area
from ui.cv.step import StepScreen
from ui.widgets.spoken import SpokenButton, TLabel

# Languages often spoken by people who come to agencies in France, French first.
CODES = (
    "fr", "ar", "en", "es", "pt", "it", "de", "tr", "ro", "ru", "uk", "pl",
    "fa", "ps", "ta", "zh", "wo", "ln", "sw", "so", "ti", "am", "bn", "ur",
)  # fmt: skip
# What a language typed by the person starts with, shown selected: most people who write one
# in can hold a conversation in it, and one touch changes it.
TYPED_LEVEL = Level.CAN_TALK


class CvLanguagesScreen(StepScreen):
    NAME = "cv_languages"
    TITLE = N_("Languages you speak")
    INSTRUCTION = N_("For each language you speak, touch how well you speak it.")
    PICTOGRAM = "mdi6.translate"
    KEYBOARD = True
    KEYBOARD_AT_ONCE = False

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.content = QWidget()
        self.grid = QGridLayout(self.content)
        self.grid.setSpacing(12)
        self.area = scroll_area(self.content)
        self.body.addWidget(self.area, 1)
        self.rows: dict[str, ChipGrid] = {}
        self._labels: dict[str, TLabel] = {}
        self._session: str | None = None  # whose typed languages the rows show
        row = QHBoxLayout()
        self.other = self.register(
            "name", Field(ctx, N_("Another language? Write it here"), N_("Kabyle"))
        )
        row.addWidget(self.other, 1)
        self.add = SpokenButton(ctx, N_("Add"), "mdi6.plus", hint=N_("Add this language."))
        self.add.setMinimumSize(200, 80)
        self.add.clicked.connect(self.add_typed)
        row.addWidget(self.add)
        self.body.addLayout(row)
        for code in CODES:
            self._add_row(code, lambda c=code: vocabulary().language_name(c, self.ctx.language))

    def _add_row(self, key: str, name: object) -> None:
        n = len(self.rows)
        label = TLabel(self.ctx, name)  # type: ignore[arg-type]
        levels = ChipGrid(self.ctx, columns=4, exclusive=True)
        levels.set_options([(lv.value, lambda v=lv.value: self.level_name(v)) for lv in Level])
        self.grid.addWidget(label, n, 0)
        self.grid.addWidget(levels, n, 1)
        self.grid.setColumnStretch(1, 1)
        self.rows[key] = levels
        self._labels[key] = label

    def _drop_typed_rows(self) -> None:
        """Typed languages belong to the person who typed them: the next one starts with the
        fixed list only. (Typed rows come last, so the fixed rows keep their places.)"""
        for key in [k for k in self.rows if k.startswith("typed:")]:
            for widget in (self._labels.pop(key), self.rows.pop(key)):
                self.grid.removeWidget(widget)
                widget.hide()
                widget.deleteLater()

    def level_name(self, level: str) -> str:
        phrase = vocabulary().get("level", level)
        return phrase.in_language(self.ctx.language) if phrase else level

    def forget_person(self) -> None:
        self._drop_typed_rows()
        super().forget_person()

    def load(self, cv: CV) -> None:
        session = self.ctx.kiosk.sessions.current
        if session != self._session:
            self._session = session
            self._drop_typed_rows()
        for spoken in cv.languages:
            key = spoken.code or f"typed:{spoken.name}"
            if key not in self.rows:
                self._add_row(key, lambda n=spoken.name: n)
        for key, levels in self.rows.items():
            found = next((s for s in cv.languages if (s.code or f"typed:{s.name}") == key), None)
            levels.set_selected([found.level.value] if found and found.level else [])
        self.other.set_text("")

    def add_typed(self) -> None:
        self.clear_errors()
        try:
            name = clean_required(self.other.text(), "languages.name")
        except FieldError as exc:
            self.show_problem(exc)
            return
        key = f"typed:{name}"
        if key not in self.rows:
            self._add_row(key, lambda n=name: n)
        if not self.rows[key].selected():
            # On the CV at once, ticked: "can talk" until the person touches another level.
            self.rows[key].set_selected([TYPED_LEVEL.value])
        self.other.set_text("")
        self.commit(strict=False)
        # Shown where the person looks, its levels ready to touch.
        self.area.ensureWidgetVisible(self._labels[key])
        self.ctx.say(_("Added: {item}").format(item=name))

    def collect(self, cv: CV, strict: bool = True) -> CV:
        if strict and self.other.text().strip():
            self.add_typed()
        chosen: list[SpokenLanguage] = []
        for key, levels in self.rows.items():
            picked = levels.selected()
            if not picked:
                continue
            level = Level(picked[0])
            if key.startswith("typed:"):
                chosen.append(SpokenLanguage(key.partition(":")[2], level=level))
            else:
                name = vocabulary().language_name(key, cv.language)
                chosen.append(SpokenLanguage(name, key, level))
        # Languages imported without a level the kiosk knows are kept as they were.
        kept = [s for s in cv.languages if s.level is None and s.code not in self.rows]
        languages = (*chosen, *kept)
        if strict and len(languages) > COUNT_MAX["languages"]:
            raise FieldError("languages", TOO_MANY, limit=COUNT_MAX["languages"])
        return cv.replace(languages=languages)
