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

__all__ = [
    "DuplicateIdError",
    "IvbError",
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
    "load",
    "loads",
]
