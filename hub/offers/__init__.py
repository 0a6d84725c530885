"""The offers relay: the hub pulls France Travail once per département, kiosks fetch changes."""
