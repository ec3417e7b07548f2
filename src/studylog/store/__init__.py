"""The store: SQLModel tables (models), numbered migrations, the connection (db) and the
queries for entries, item status and undo. Nothing here imports typer or rich, or prints."""
