"""Message catalogs: every human-facing text in one language per run.

Texts in the code are English message ids (``_("Owner")``); the catalogs in
``ivb/locale/<lang>/LC_MESSAGES/<domain>.po`` translate them, compiled to ``.mo``
beside them (``python tools/compile_catalogs.py``; a test checks that the ``.mo``
files are up to date). Two domains: ``ivb`` for the command line, ``report`` for
the progress report. Identifiers, relation names and JSON output are never
translated.

The language of a run is chosen by :func:`resolve_language`: an explicit
choice (``--lang``) first, then ``IVB_LANG``, then (for the command line only)
the locale variables ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` and ``LANG``, and
Dutch when none names a supported language.
"""

from __future__ import annotations

import functools
import gettext
import os
from importlib import resources

from ivb._errors import IvbError
from ivb._message import Message, at, render

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "UnknownLanguageError",
    "locale_language",
    "render",
    "resolve_language",
    "translation",
]

#: The languages that have catalogs, in the order they are offered.
LANGUAGES: tuple[str, ...] = ("nl", "en")
#: The language of a run that names none: the council's.
DEFAULT_LANGUAGE = "nl"
#: The message domains: ``ivb`` (command line) and ``report``.
DOMAINS: tuple[str, ...] = ("ivb", "report")

_LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


class UnknownLanguageError(IvbError, ValueError):
    """A language was asked for that has no catalog."""


def _language_of(tag: str) -> str:
    """``nl_NL.UTF-8`` -> ``nl``; ``en-GB`` -> ``en``; ``C`` -> ``c``."""
    return tag.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()


def resolve_language(lang: str | None = None, *, use_locale: bool = True) -> str:
    """Return the language of this run: one of :data:`LANGUAGES`.

    Parameters
    ----------
    lang
        An explicit choice (``--lang``): a language code or a locale name
        such as ``nl_NL.UTF-8``. It must name a supported language.
    use_locale
        Whether the locale variables may choose when nothing else does.
        The report passes ``False``: it is Dutch unless asked otherwise.

    Returns
    -------
    str
        ``"nl"`` or ``"en"``.

    Raises
    ------
    UnknownLanguageError
        If *lang* (or ``IVB_LANG``) names no supported language.

    Examples
    --------
    >>> resolve_language("en_GB.UTF-8")
    'en'
    >>> resolve_language("NL")
    'nl'
    """
    for origin, value in (("--lang", lang), ("IVB_LANG", os.environ.get("IVB_LANG"))):
        if value:
            code = _language_of(value)
            if code not in LANGUAGES:
                raise UnknownLanguageError(
                    at(
                        origin,
                        Message(
                            "expected one of {items}, got {value!r}",
                            items=", ".join(LANGUAGES),
                            value=value,
                        ),
                    )
                )
            return code
    return locale_language() if use_locale else DEFAULT_LANGUAGE


def locale_language() -> str:
    """The language the locale variables ask for (else :data:`DEFAULT_LANGUAGE`).

    What a run falls back on to say that ``--lang`` or ``IVB_LANG`` names no
    supported language.
    """
    for name in _LOCALE_VARIABLES:
        for part in os.environ.get(name, "").split(":"):
            code = _language_of(part) if part else ""
            if code in LANGUAGES:
                return code
    return DEFAULT_LANGUAGE


@functools.cache
def translation(lang: str, domain: str = "ivb") -> gettext.NullTranslations:
    """Return the catalog of *domain* in *lang* (cached).

    English is the language of the message ids, so an English catalog only
    needs entries where the wording differs (plural forms among them); a
    missing catalog falls back to the message ids.

    Parameters
    ----------
    lang
        One of :data:`LANGUAGES`.
    domain
        One of :data:`DOMAINS`.

    Returns
    -------
    gettext.NullTranslations
        Use its ``gettext``, ``ngettext`` and ``pgettext``.

    Raises
    ------
    UnknownLanguageError
        If *lang* or *domain* is not supported.

    Examples
    --------
    >>> translation("en").gettext("policy")
    'policy'
    """
    if lang not in LANGUAGES:
        raise UnknownLanguageError(
            at(
                "language",
                Message(
                    "expected one of {items}, got {value!r}", items=", ".join(LANGUAGES), value=lang
                ),
            )
        )
    if domain not in DOMAINS:
        raise UnknownLanguageError(
            at(
                "domain",
                Message(
                    "expected one of {items}, got {value!r}",
                    items=", ".join(DOMAINS),
                    value=domain,
                ),
            )
        )
    mo = resources.files("ivb").joinpath("locale", lang, "LC_MESSAGES", f"{domain}.mo")
    if not mo.is_file():
        return gettext.NullTranslations()
    with mo.open("rb") as fh:
        return gettext.GNUTranslations(fh)
