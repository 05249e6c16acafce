"""Sitting together: the leaving PIN of the "With the participant" view. ``types`` (what the
window may import: the PIN's rules), ``service`` (keeping and checking the PIN)."""
