"""The kiosk's core: everything that does not need a screen. Never imports Qt."""

__version__ = "0.1.0"
