"""The network capability: ``types`` (what the window may import), ``service`` (use cases)."""
