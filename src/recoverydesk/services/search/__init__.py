"""The search capability: ``types`` (what the window may import), ``service`` (use cases),
``sources`` (what is searched, its columns and weights), ``snippet`` (marked snippets), and one
index module per database: ``sqlite_index`` (FTS5) and ``server_index`` (PostgreSQL)."""
