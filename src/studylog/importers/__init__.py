"""Importers: read the logs a learner already has into ``ParseResult`` (pure parsing, no store);
``studylog.store.imports`` writes a result in one transaction, idempotently."""
