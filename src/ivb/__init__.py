"""ivb: an integral safety policy (Integraal Veiligheidsbeleid) as code.

The bundled policy is the IVB 2024-2027 of Dronten, Noordoostpolder and Urk.

Examples
--------
>>> import ivb
>>> policy = ivb.load()
>>> [t.name for t in policy.themes]
['Cybercrime en digitale veiligheid', 'Ondermijning', 'Maatschappelijke onrust']
"""

from typing import TYPE_CHECKING, Any

from ivb._errors import (
    AmbiguousNameError,
    DuplicateIdError,
    IvbError,
    MigrationError,
    PolicyFileError,
    PolicyFileNotFoundError,
    PolicyValidationError,
    Problem,
    UnknownIdError,
)
from ivb._io import dump, dumps, load, loads
from ivb._version import __version__
from ivb.model import Policy

if TYPE_CHECKING:
    from ivb._migrate import Migration, migrate
    from ivb._schema import json_schema, schema_text

__all__ = [
    "AmbiguousNameError",
    "DuplicateIdError",
    "IvbError",
    "Migration",
    "MigrationError",
    "Policy",
    "PolicyFileError",
    "PolicyFileNotFoundError",
    "PolicyValidationError",
    "Problem",
    "UnknownIdError",
    "__version__",
    "dump",
    "dumps",
    "json_schema",
    "load",
    "loads",
    "migrate",
    "schema_text",
]


#: Public names whose modules are imported on first use, not by ``import ivb``:
#: name -> module that defines it.
_LAZY = {
    "Migration": "ivb._migrate",
    "json_schema": "ivb._schema",
    "migrate": "ivb._migrate",
    "schema_text": "ivb._schema",
}


def __getattr__(name: str) -> Any:
    """Import the module of a lazily loaded public name on first use."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ivb' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The public names only: not the private modules that importing ivb loads."""
    return sorted({*__all__, "__doc__", "__file__", "__name__", "__path__", "__spec__"})
