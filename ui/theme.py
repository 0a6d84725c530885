"""Colours, sizes and the style sheet: large text, large targets, contrast of at least 7:1.

Widgets carry a `role` property; the style sheet gives each role its colours. Every text
role's colour pair is declared in ROLES so a test can check its contrast.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

BODY_PX = 24
LARGE_FACTOR = 1.4
MIN_TARGET = 48  # px, smallest touch target allowed anywhere
BAR_BUTTON = 88  # px, the always-present bar buttons
TILE = 260  # px, the main action tiles
SPACING = 16

INK = "#1a1a1a"
PAPER = "#ffffff"
BLUE = "#00376b"  # France Travail-like dark blue, 11:1 against white
BAR = "#eef1f5"
FOCUS = "#b34700"


@dataclass(frozen=True)
class Role:
    fg: str
    bg: str


ROLES: dict[str, Role] = {
    "body": Role(INK, PAPER),
    "title": Role(BLUE, PAPER),
    "tile": Role(PAPER, BLUE),
    "button": Role(INK, PAPER),
    "bar": Role(INK, BAR),
    "bar-button": Role(INK, PAPER),
    "chip-on": Role(PAPER, BLUE),
    "key": Role(INK, BAR),
    "status": Role(INK, "#fff1c2"),
    "demo": Role(PAPER, "#8a3100"),
    "alert": Role(PAPER, "#8f1d1d"),
    # The window's message area (ui/widgets/message.py): one look per kind of result.
    "message-success": Role(PAPER, "#14532d"),
    "message-info": Role(INK, "#dbe9f7"),
    "message-error": Role(PAPER, "#8f1d1d"),
}


def px(size: int, large: bool) -> int:
    return round(size * LARGE_FACTOR) if large else size


FONT_FAMILIES = ["Noto Sans", "Noto Sans Arabic", "DejaVu Sans"]


def apply(app: QApplication, large: bool = False) -> None:
    """(Re)apply the theme; called again when large-text mode changes."""
    available = set(QFontDatabase.families())
    families = [f for f in FONT_FAMILIES if f in available] or [app.font().family()]
    font = QFont()
    font.setFamilies(families)
    font.setPixelSize(px(BODY_PX, large))
    app.setFont(font)
    app.setStyleSheet(stylesheet(large))


def stylesheet(large: bool) -> str:
    body, title, tile_text = px(BODY_PX, large), px(40, large), px(30, large)
    small = px(20, large)
    chip_text = px(20, large)  # chips in the page grow with large text; the bar's do not
    # The bar must keep every control on one row: its words grow less than the page's.
    bar_text = round(20 * 1.2) if large else 20
    r = ROLES
    return f"""
    QWidget {{ color: {r["body"].fg}; background: {r["body"].bg}; font-size: {body}px; }}
    QLabel[role="title"] {{ color: {r["title"].fg}; font-size: {title}px; font-weight: bold; }}
    QLabel[role="instruction"] {{ font-size: {body}px; }}
    QLabel[role="status"] {{ color: {r["status"].fg}; background: {r["status"].bg};
        font-size: {small}px; padding: 4px 12px; }}
    QLabel[role="demo"] {{ color: {r["demo"].fg}; background: {r["demo"].bg};
        font-size: {small}px; font-weight: bold; padding: 4px 12px; border-radius: 6px; }}
    QLabel[role="alert"] {{ color: {r["alert"].fg}; background: {r["alert"].bg};
        font-size: {body}px; font-weight: bold; padding: 8px 16px; border-radius: 8px; }}
    QLabel[role="countdown"] {{ color: {r["title"].fg}; font-size: {px(96, large)}px;
        font-weight: bold; }}
    QFrame[role="bar"] {{ background: {r["bar"].bg}; }}
    QPushButton {{ color: {r["button"].fg}; background: {r["button"].bg};
        border: 3px solid {INK}; border-radius: 12px; padding: 8px 16px; }}
    QPushButton:pressed, QToolButton:pressed {{ background: {BAR}; }}
    QPushButton[armed="true"], QToolButton[armed="true"] {{ border: 6px solid {FOCUS}; }}
    QToolButton[role="tile"] {{ color: {r["tile"].fg}; background: {r["tile"].bg};
        border: 4px solid {BLUE}; border-radius: 24px; font-size: {tile_text}px;
        font-weight: bold; padding: 24px; }}
    QToolButton[role="tile"]:pressed {{ background: #002548; }}
    QToolButton[role="tile"][armed="true"] {{ border: 8px solid {FOCUS}; }}
    QToolButton[role="bar"] {{ color: {r["bar"].fg}; background: {PAPER};
        border: 2px solid {INK}; border-radius: 10px; padding: 4px 3px;
        font-size: {bar_text}px; }}
    QToolButton[role="bar"]:checked, QPushButton[role="chip"]:checked {{
        color: {r["chip-on"].fg}; background: {r["chip-on"].bg}; }}
    QPushButton[role="chip"] {{ color: {r["bar"].fg}; background: {r["bar"].bg};
        font-size: {chip_text}px; padding: 4px 8px; }}
    QFrame[role="bar"] QPushButton[role="chip"] {{ font-size: {bar_text}px; padding: 4px 3px; }}
    QFrame[role="bar"][tight="true"] QToolButton[role="bar"] {{ font-size: 20px; }}
    QToolButton[role="tile"] QLabel {{ color: {r["tile"].fg}; background: transparent;
        font-size: {body}px; font-weight: bold; }}
    QLabel[role="alert"][bar="true"] {{ font-size: {bar_text}px; }}
    QFrame[role="alert-band"] {{ background: {r["alert"].bg}; }}
    QToolButton[role="bar"][finish="true"] {{ color: {r["tile"].fg}; background: {r["tile"].bg};
        font-weight: bold; }}
    QPushButton[role="key"] {{ color: {r["key"].fg}; background: {r["key"].bg};
        border: 2px solid {INK}; border-radius: 8px; font-size: {px(28, large)}px;
        padding: 4px 6px; }}
    QPushButton[role="language"] {{ font-size: {px(36, large)}px; font-weight: bold;
        padding: 16px 32px; }}
    QScrollArea {{ border: none; }}
    {_message_rules(body)}
    """


def _message_rules(body: int) -> str:
    rules = []
    for kind, border in (("success", "#14532d"), ("info", BLUE), ("error", "#8f1d1d")):
        role = ROLES[f"message-{kind}"]
        rules.append(
            f"""QFrame[role="message"][kind="{kind}"] {{ background: {role.bg};
            border: 4px solid {border}; }}
        QLabel[role="message-text"][kind="{kind}"], QLabel[role="message-picture"][kind="{kind}"] {{
            color: {role.fg}; background: {role.bg}; font-size: {body}px; font-weight: bold; }}"""
        )
    return "\n".join(rules)
