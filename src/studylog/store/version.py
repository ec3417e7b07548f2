"""The schema version this studylog reads and writes: the one constant for it.

``models.py`` describes that schema and ``migrations.py`` builds it step by step; a test checks that
the last migration's number is this one. It lives in a module of its own so that opening a store
can compare versions without importing SQLAlchemy or SQLModel."""

SCHEMA_VERSION = 9
