"""A deterministic demo generator: three months of a branch's life (see data/README.md)."""

from .generator import MAX_SIZE, MIN_SIZE, MODULE, DemoError, Generator, parse_seed, parse_size

__all__ = ["MAX_SIZE", "MIN_SIZE", "MODULE", "DemoError", "Generator", "parse_seed", "parse_size"]
