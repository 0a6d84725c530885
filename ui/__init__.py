"""The Qt front end: screens, widgets, theme. The only package that imports PySide6."""
