from django.apps import AppConfig


class OffersConfig(AppConfig):
    name = "hub.offers"
    label = "hub_offers"  # tables hub_offers_offer, hub_offers_feed
    verbose_name = "Offers relay"
    default_auto_field = "django.db.models.BigAutoField"
