"""Staff mode: the corner gesture, the PIN on the on-screen keyboard, and the staff screens.

These are not `ui.screens` modules on purpose: screens there are put in the public flow.
Plug it into the window with `ui.staff.mode.install_staff_mode(window, ctx, actions)`.
"""
