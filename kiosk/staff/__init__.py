"""Staff mode's core, without Qt: the PIN and its lockout, settings staff override, anonymous
daily counters, "I need help", and what the staff status screen shows.

`ui.staff` is the Qt side.
"""
