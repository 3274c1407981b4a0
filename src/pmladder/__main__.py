"""Entry point for ``pmladder`` and ``python -m pmladder``."""

from __future__ import annotations


def main() -> None:
    """Run the CLI."""
    from .cli import run

    run()


if __name__ == "__main__":
    main()
