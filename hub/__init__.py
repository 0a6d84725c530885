"""The agency hub: one server many kiosks sync with (docs/hub.md), on Django and PostgreSQL.

Never imports `ui/`. It reuses the kiosk's Qt-free core where the kiosk already does the job
(the SMTP sender with its exactly-once rules, the France Travail client).
"""

__version__ = "0.1.0"
