"""Make my CV: the wizard's shared state and widgets. The screens are ui/screens/cv_*.py."""


def blank() -> str:
    """An empty label's text. Never `_("")`: gettext answers that with the catalogue header."""
    return ""
