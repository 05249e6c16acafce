"""The plans capability: ``types`` (what the window may import), ``service`` (use cases)."""
