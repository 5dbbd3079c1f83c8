"""ivb: an integral safety policy (Integraal Veiligheidsbeleid) as code.

The bundled policy is the IVB 2024-2027 of Dronten, Noordoostpolder and Urk.

Examples
--------
>>> import ivb
>>> policy = ivb.load()
>>> [t.name for t in policy.themes]
['Cybercrime en digitale veiligheid', 'Ondermijning', 'Maatschappelijke onrust']
"""

from importlib.metadata import PackageNotFoundError, version

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
from ivb.model import Policy

try:
    #: The installed version of ivb, from the package metadata (``"0+unknown"`` when
    #: ivb runs from a source tree that is not installed).
    __version__ = version("ivb")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

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
