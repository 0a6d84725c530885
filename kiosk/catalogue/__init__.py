"""The offers and occupations catalogue (`catalogue.db`): ROME data, demo offers, upserts."""

from kiosk.catalogue.demo import Town, generate_demo_offers, load_towns
from kiosk.catalogue.offers import BadOffer, UpsertResult, offer_row, transaction, upsert_offers
from kiosk.catalogue.rome import RomeData, RomeDataError, Sector, load_rome, store_rome
from kiosk.catalogue.schema import CATALOGUE_SCHEMA
from kiosk.catalogue.seed import CatalogueInfo, SeedReport, catalogue_info, ensure_seeded

__all__ = [
    "CATALOGUE_SCHEMA",
    "BadOffer",
    "CatalogueInfo",
    "RomeData",
    "RomeDataError",
    "Sector",
    "SeedReport",
    "Town",
    "UpsertResult",
    "catalogue_info",
    "ensure_seeded",
    "generate_demo_offers",
    "load_rome",
    "load_towns",
    "offer_row",
    "store_rome",
    "transaction",
    "upsert_offers",
]
