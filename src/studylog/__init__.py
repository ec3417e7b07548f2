"""studylog: track self-study against public curricula from the terminal."""

__version__ = "0.1.0"
