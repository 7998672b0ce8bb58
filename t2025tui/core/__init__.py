"""The core: models, store, services, queries, export and import. Never imports Textual."""
