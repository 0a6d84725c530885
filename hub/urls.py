"""URLs: the kiosk API under /api/v1/ (bearer tokens, no cookies, no CSRF); the staff
dashboard mounts its own pages (HUB_EXTRA_APPS adds its app; see docs/hub.md)."""

from __future__ import annotations

import importlib
import os

from django.urls import include, path

from hub.core import api

urlpatterns = [
    path("api/v1/", include(api.urlpatterns)),
    path("healthz", api.healthz),
]

# The dashboard (built on these models) plugs in here without editing this file.
_DASHBOARD = os.environ.get("HUB_DASHBOARD_URLS", "hub.dashboard.urls")
try:
    importlib.import_module(_DASHBOARD)
except ModuleNotFoundError:
    pass
else:
    urlpatterns.append(path("", include(_DASHBOARD)))
