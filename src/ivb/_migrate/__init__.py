"""Upgrading policy files from earlier format versions (``ivb migrate``).

ruamel.yaml is imported only here, when a file is migrated, so that comments
and key order survive the upgrade.
"""

from ivb._migrate._core import Migration, migrate

__all__ = ["Migration", "migrate"]
