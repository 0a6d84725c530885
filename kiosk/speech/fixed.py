"""Which sentences may be kept on disk: the kiosk's own fixed texts, never what a person typed.

A sentence is fixed when it is, word for word, a sentence of a message of the translation
catalogue with no placeholder in it ("Touch an offer to read it."). "Offers for “serveur”",
a name, an employer or a town typed by a person are not, whatever the screen: their audio
stays in memory for the session and is forgotten with it.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable

from kiosk.speech.speaker import split_sentences

_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%(?:\([^)]*\))?[sdif]")
# A control's name is said with a full stop added ("Back. The question before."): the same
# words with or without the final mark are the same fixed text.
_END_MARKS = ".!?…؟:;،, \t"


def _normal(sentence: str) -> str:
    return " ".join(sentence.split()).rstrip(_END_MARKS)


class FixedTexts:
    """``fixed(sentence, language)``: is this sentence one of the catalogue's own texts?

    ``texts_for(language)`` gives the catalogue's messages in that language; each language's
    set of sentences is built on first use (a few hundred messages: milliseconds).
    """

    def __init__(self, texts_for: Callable[[str], Iterable[str]]) -> None:
        self._texts_for = texts_for
        self._sentences: dict[str, frozenset[str]] = {}
        self._lock = threading.Lock()

    def __call__(self, sentence: str, language: str) -> bool:
        key = _normal(sentence)
        return bool(key) and key in self._for(language)

    def _for(self, language: str) -> frozenset[str]:
        with self._lock:
            found = self._sentences.get(language)
            if found is None:
                found = frozenset(self._build(language))
                self._sentences[language] = found
            return found

    def _build(self, language: str) -> set[str]:
        sentences: set[str] = set()
        try:
            texts = list(self._texts_for(language))
        except Exception:  # an unknown language: nothing of it is fixed, so nothing on disk
            return sentences
        for text in texts:
            for sentence in split_sentences(text):
                if not _PLACEHOLDER.search(sentence):
                    normal = _normal(sentence)
                    if normal:
                        sentences.add(normal)
        return sentences


def catalogue_texts() -> FixedTexts:
    """The fixed texts of the kiosk's own translation catalogues."""
    from kiosk.i18n import translator

    return FixedTexts(translator.texts)


__all__ = ["FixedTexts", "catalogue_texts"]
