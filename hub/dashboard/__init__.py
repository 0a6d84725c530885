"""The staff dashboard: help requests live, fleet health, daily figures, e-mails that need
staff, kiosks and accounts (technicians), and the audit log. French first (hub/locale)."""
