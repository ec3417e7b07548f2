"""Curricula: the YAML format (model), reading files with line numbers (loader, validate), the
set of curricula a learner has (catalog), and what everyday commands need of them as plain data:
the item index (index), the outlines (outline) and their cache (cache).

Imports point one way: index <- outline <- catalog <- cache."""
