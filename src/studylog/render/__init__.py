"""Rendering for people (rich). Renderers only format data they are given; they never query."""
