"""The latest schema version, readable without importing SQLAlchemy (a test keeps it equal to
the last migration in ``migrations.py``)."""

LATEST = 3
