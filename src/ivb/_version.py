"""The version of ivb: the one place it is written (the package metadata reads it from here)."""

__all__ = ["__version__"]

#: The version of ivb.
__version__ = "0.1.0"
