"""URLs: the kiosk API under /api/v1/ (bearer tokens, no cookies, no CSRF); the staff
dashboard mounts its own pages (HUB_EXTRA_APPS adds its app; see docs/hub.md)."""

from __future__ import annotations

import importlib.util
import os

from django.urls import include, path

from hub.core import api
from hub.offers import feed

urlpatterns = [
    path("api/v1/offers", feed.changes),
    path("api/v1/", include(api.urlpatterns)),
    path("healthz", api.healthz),
]

# The dashboard (built on these models) plugs in here without editing this file.
_DASHBOARD = os.environ.get("HUB_DASHBOARD_URLS", "hub.dashboard.urls")
# Only its absence is tolerated: a dashboard that fails to import fails loudly.
if importlib.util.find_spec(_DASHBOARD.rsplit(".", 1)[0]) is not None:
    urlpatterns.append(path("", include(_DASHBOARD)))
