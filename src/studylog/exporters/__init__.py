"""Exporters: turn stored entries into the pages a learner publishes (pure functions returning
text), written by ``write_atomic`` so that no export is ever half-written."""
