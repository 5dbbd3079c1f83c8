"""ivb: an integral safety policy (Integraal Veiligheidsbeleid) as code.

The bundled policy is the IVB 2024-2027 of Dronten, Noordoostpolder and Urk.

Examples
--------
>>> import ivb
>>> policy = ivb.load()
>>> [t.name for t in policy.themes]
['Cybercrime en digitale veiligheid', 'Ondermijning', 'Maatschappelijke onrust']
"""

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
from ivb._migrate import Migration, migrate
from ivb._schema import json_schema, schema_text
from ivb._version import __version__
from ivb.model import Policy

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


def __dir__() -> list[str]:
    """The public names only: not the private modules that importing ivb loads."""
    return sorted({*__all__, "__doc__", "__file__", "__name__", "__path__", "__spec__"})
