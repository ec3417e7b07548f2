"""Curricula: the YAML format (model), reading files with line numbers (loader), and the set of
curricula a learner has, with item references (catalog)."""
