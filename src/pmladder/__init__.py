"""pmladder: a command-line career path explorer for product management."""

__version__ = "0.1.0"
