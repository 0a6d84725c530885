"""The hub's data and the kiosk API: models, token checks, events, spaces, e-mail relay."""
