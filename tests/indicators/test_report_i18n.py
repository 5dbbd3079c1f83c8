"""Every text of the report is in the Dutch catalog, with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ivb._i18n import translation

from .report_messages import report_messages

PO = Path(__file__).resolve().parents[2] / "src" / "ivb" / "locale" / "nl" / "LC_MESSAGES"


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"%\((\w+)\)[sd]", text))


def test_the_report_has_texts() -> None:
    messages = report_messages()
    assert len(messages) >= 100
    assert "Summary" in messages and ("%(num)d target:", "%(num)d targets:") in messages


@pytest.mark.parametrize("message", sorted(report_messages(), key=str))
def test_every_text_is_in_dutch(message: str | tuple[str, str]) -> None:
    nl = translation("nl", "report")
    if isinstance(message, tuple):
        one, many = (nl.ngettext(message[0], message[1], n) for n in (1, 2))
        assert one != message[0] and many != message[1], message
        assert _placeholders(one) == _placeholders(message[0])
        return
    said = nl.gettext(message)
    same_in_both = {"euro", "rapportcijfer (1–10)"}
    assert said != message or message in same_in_both, message
    assert _placeholders(said) == _placeholders(message), message
    assert message in (PO / "report.po").read_text(encoding="utf-8").replace('"\n"', "")
