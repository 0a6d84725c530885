from __future__ import annotations

from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "hub.dashboard"
    label = "dashboard"
    verbose_name = "Staff dashboard"

    def ready(self) -> None:
        from hub.dashboard.catalogue import compile_catalogues

        compile_catalogues()
