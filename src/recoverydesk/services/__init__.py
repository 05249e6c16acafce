"""The coach's use cases in plain Python, one package per capability (see docs/ARCHITECTURE.md).

Nothing is imported here, so importing a capability's ``types`` costs only that module."""
