"""The figures of the running text as a frame: every column, with the source's words."""

from __future__ import annotations

from ivb.indicators import figures_frame
from ivb.model import Policy


def test_every_column_of_a_figure(policy: Policy) -> None:
    frame = figures_frame(policy)
    assert frame.columns.tolist() == [
        "indicator",
        "region",
        "period",
        "value",
        "unit",
        "source",
        "figure",
        "base_period",
        "qualifier",
        "description",
        "quote",
    ]
    first = frame.set_index("figure").loc["dnu-geregistreerde-criminaliteit-2022-vs-2019"]
    assert first["indicator"] == "geregistreerde-criminaliteit"
    assert first["region"] == "DNU"
    assert (first["period"], first["base_period"]) == ("2022", "2019")
    assert first["value"] == -8.0 and first["unit"] == "percent-change"
    assert first["qualifier"] == "ruim"
    assert first["source"] == "ivb § [Trends en ontwikkelingen] > Veiligheidsbeeld- en cijfers"
    assert first["description"] == (
        "Change in total registered crime in the DNU, 2022 compared with 2019."
    )
    assert first["quote"].startswith("De totale geregistreerde criminaliteit in de DNU")
    # every figure has its indicator, source and quote
    assert frame["indicator"].notna().all() and (frame["indicator"] != "").all()
    assert (frame["source"].str.len() > 0).all()
    assert frame["source"].str.contains(" § ").all()
