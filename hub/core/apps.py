from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hub.core"
    label = "hub"  # tables are hub_kiosk, hub_event...
    verbose_name = "Agency hub"
    default_auto_field = "django.db.models.BigAutoField"
