"""Real local servers standing in for France Travail, the agency hub and an SMTP relay.

Each listens on 127.0.0.1 on an ephemeral port, runs in its own thread, and is stopped (and
its sockets closed) by its context manager. Faults are scripted, never random unless a test
gives a seeded generator, so every run sees the same sequence.
"""
