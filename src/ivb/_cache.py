"""A cache of loaded policies, so that a command answers without parsing and checking again.

:func:`ivb.load` keeps each policy it has parsed and checked as a pickle in the
user's cache directory, named by a hash of the file's bytes, the ivb version,
the Python version and the size and time of the modules that define the model.
A file whose bytes changed therefore never meets an old entry, and neither
does a changed model. Any trouble with the cache (missing, unreadable,
corrupt, of another layout, unwritable) only means a normal load: nothing is
raised, and a debug message goes to the ``ivb`` logger.

Where the cache lives: ``$IVB_CACHE_DIR`` if set (``off``, ``0``, ``none``,
``false`` or empty turn the cache off); else ``$XDG_CACHE_HOME/ivb``; else the
platform's user cache directory (``~/.cache/ivb`` on Linux). Entries are
written atomically (to a temporary file, then renamed), and only the newest
:data:`MAX_ENTRIES` are kept.

The entries are pickles: trust the cache directory as you trust your home
directory, as with any Python bytecode cache.
"""

from __future__ import annotations

import copyreg
import hashlib
import io
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from ivb._version import __version__

if TYPE_CHECKING:
    from ivb.model import Policy

__all__ = ["ENV", "MAX_ENTRIES", "cache_dir", "cached"]

#: Environment variable that moves the cache (a directory) or turns it off (``off``).
ENV = "IVB_CACHE_DIR"
#: How many entries the cache keeps; older ones are removed when a new one is written.
MAX_ENTRIES = 16
_OFF = frozenset({"", "0", "off", "none", "false", "no"})
_PREFIX = "policy-"
_SUFFIX = ".pickle"
#: Modules whose code decides what a loaded policy is; a change to any of them is a new key.
_CODE = ("_cache.py", "_convert.py", "_io.py", "_version.py", "model")


def cache_dir() -> Path | None:
    """The directory of the cache, or ``None`` when it is turned off.

    Examples
    --------
    >>> import os
    >>> saved = os.environ.get("IVB_CACHE_DIR")
    >>> os.environ["IVB_CACHE_DIR"] = "off"
    >>> cache_dir() is None
    True
    >>> os.environ["IVB_CACHE_DIR"] = "/tmp/ivb-cache"
    >>> cache_dir().as_posix()
    '/tmp/ivb-cache'
    >>> if saved is None:
    ...     del os.environ["IVB_CACHE_DIR"]
    ... else:
    ...     os.environ["IVB_CACHE_DIR"] = saved
    """
    value = os.environ.get(ENV)
    if value is not None:
        return None if value.strip().lower() in _OFF else Path(value).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "ivb"
    if sys.platform.startswith("linux"):
        return Path.home() / ".cache" / "ivb"
    try:
        import platformdirs
    except ImportError:  # pragma: no cover - platformdirs is nearly always there
        return Path.home() / ".cache" / "ivb"
    return Path(platformdirs.user_cache_dir("ivb", appauthor=False))


def _code_stamp() -> bytes:
    """Size and modification time of the modules that define a loaded policy."""
    root = Path(__file__).parent
    parts = []
    for name in _CODE:
        p = root / name
        files = sorted(p.glob("*.py")) if p.is_dir() else [p]
        for f in files:
            try:
                st = f.stat()
            except OSError:
                continue
            parts.append(f"{f.name}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts).encode()


def _key(data: bytes) -> str:
    h = hashlib.sha256()
    for part in (
        b"ivb-policy-cache-1",
        __version__.encode(),
        sys.version.encode(),
        _code_stamp(),
    ):
        h.update(part)
        h.update(b"\0")
    h.update(data)
    return h.hexdigest()


def _debug(message: str, *args: object) -> None:
    import logging

    logging.getLogger("ivb").debug("policy cache: " + message, *args)


def _proxy(mapping: dict[str, object]) -> MappingProxyType[str, object]:
    """A read-only view of *mapping* (how a pickled index comes back)."""
    return MappingProxyType(mapping)


class _Pickler(pickle.Pickler):
    """Pickles a policy; its read-only index (a mapping proxy) as the dict it wraps."""

    dispatch_table = copyreg.dispatch_table.copy()
    dispatch_table[MappingProxyType] = lambda proxy: (_proxy, (dict(proxy),))


def _read(path: Path) -> Policy | None:
    from ivb.model import Policy

    try:
        with path.open("rb") as handle:
            found = pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception as exc:  # a corrupt or foreign entry is only a miss
        _debug("cannot read %s (%s: %s)", path, type(exc).__name__, exc)
        return None
    if not isinstance(found, Policy):
        _debug("%s holds no policy", path)
        return None
    return found


def _write(folder: Path, path: Path, policy: Policy) -> None:
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(policy)
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{path.name}.{os.getpid()}.tmp"
    try:
        tmp.write_bytes(buffer.getvalue())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    entries = sorted(
        folder.glob(f"{_PREFIX}*{_SUFFIX}"), key=lambda p: p.stat().st_mtime_ns, reverse=True
    )
    for old in entries[MAX_ENTRIES:]:
        old.unlink(missing_ok=True)


def cached(data: bytes, load: Callable[[], Policy]) -> Policy:
    """The policy that *load* makes of the file bytes *data*, from the cache when it holds it.

    Parameters
    ----------
    data:
        The bytes of the policy file (the key of the entry).
    load:
        Parses and checks *data* into a policy; called on a miss. Its errors
        pass through, and nothing is stored then.

    Returns
    -------
    Policy
        Equal to what *load* returns.
    """
    folder = cache_dir()
    if folder is None:
        return load()
    path = folder / f"{_PREFIX}{_key(data)}{_SUFFIX}"
    found = _read(path)
    if found is not None:
        return found
    policy = load()
    try:
        _write(folder, path, policy)
    except Exception as exc:  # an unwritable cache is only a miss next time
        _debug("cannot write %s (%s: %s)", path, type(exc).__name__, exc)
    return policy
