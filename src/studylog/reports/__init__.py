"""Reports: plain data computed from the store and the curricula, for rendering or JSON."""
