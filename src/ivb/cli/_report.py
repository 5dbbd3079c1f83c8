"""The ``ivb report`` subcommand: the progress report for the council."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from ivb.model import Policy

__all__ = ["gather_measurements", "veiligheidsmonitor_measurements"]


def gather_measurements(
    policy: Policy,
    measurement_files: Sequence[str | os.PathLike[str]] = (),
    police_files: Sequence[str | os.PathLike[str]] = (),
    veiligheidsmonitor_files: Sequence[str | os.PathLike[str]] = (),
) -> pd.DataFrame:
    """All measurements the report is given, as one tidy frame.

    Tidy CSV files are read as they are. Police tables (47013NED, 47021NED as
    downloaded) are summed into the policy's categories, kept for the policy's
    municipalities, and get the region-group aggregates (DNU). Veiligheidsmonitor
    tables (85146NED as downloaded) give the estimates; a measure becomes the
    policy's indicator whose data source names that table and measure (its
    ``topic``), and keeps its own name otherwise.

    Parameters
    ----------
    policy:
        The policy (for its municipalities and region groups).
    measurement_files:
        Tidy CSV files (indicator, region, period, value[, unit, source]).
    police_files:
        Police open-data tables as downloaded.
    veiligheidsmonitor_files:
        Veiligheidsmonitor tables (85146NED) as downloaded.

    Returns
    -------
    pandas.DataFrame
        The tidy rows of all files (an empty frame if none).

    Raises
    ------
    ivb.indicators.MeasurementsError, ivb.indicators.PoliceDataError
        If a file cannot be read; the message names it.

    Examples
    --------
    >>> import ivb
    >>> len(gather_measurements(ivb.load()))
    0
    """
    import pandas as pd

    from ivb.indicators import (
        TIDY_COLUMNS,
        add_aggregates,
        police_measurements,
        read_measurements,
        read_police_table,
        region_groups,
    )

    frames = [read_measurements(f) for f in measurement_files]
    codes = [m.cbs_code for m in policy.municipalities]
    for f in police_files:
        police = police_measurements(read_police_table(f, regions=codes), policy)
        frames.append(add_aggregates(police, region_groups(policy)))
    for f in veiligheidsmonitor_files:
        frames.append(veiligheidsmonitor_measurements(policy, f))
    if not frames:
        return pd.DataFrame(
            {c: pd.Series(dtype=float if c == "value" else object) for c in TIDY_COLUMNS}
        )
    return pd.concat(frames, ignore_index=True)


def veiligheidsmonitor_measurements(policy: Policy, path: Any) -> pd.DataFrame:
    """A Veiligheidsmonitor table (85146NED) as tidy measurements of the policy's indicators.

    Parameters
    ----------
    policy:
        The policy: an indicator whose data source is the table with the measure as
        its ``topic`` (``RapportcijferVeiligheidInBuurt_60``) gets that measure.
    path:
        The table as downloaded (a CSV file), or its records.

    Returns
    -------
    pandas.DataFrame
        Tidy rows (indicator, region, period, value, unit, source); values that are
        not published are left out.

    Raises
    ------
    ivb.indicators.OpenDataError
        If the file is not such a table; the message names file, line and column.

    Examples
    --------
    >>> import ivb
    >>> records = [
    ...     {"Marges": m, "RegioS": "GM0171  ", "Perioden": "2023JJ00",
    ...      "RapportcijferVeiligheidInBuurt_60": v}
    ...     for m, v in [("MW00000", 7.6), ("MOG0095", 7.4), ("MBG0095", 7.8)]]
    >>> veiligheidsmonitor_measurements(ivb.load(), records)[["indicator", "region", "value"]]
                 indicator  region  value
    0  veiligheidsbeleving  GM0171    7.6
    """
    import re

    import pandas as pd

    from ivb.indicators import read_veiligheidsmonitor
    from ivb.indicators._measurements import as_frame

    raw = read_veiligheidsmonitor(path)
    by_measure: dict[tuple[str, str], tuple[str, str]] = {}
    for ind in policy.indicators:
        src = ind.data_source
        if src.table and src.topic:
            by_measure[(src.table, re.sub(r"_\d+$", "", src.topic))] = (ind.id, ind.unit.value)
    rows = raw[raw["value"].notna()]
    keys = [
        by_measure.get((str(t), re.sub(r"_\d+$", "", str(m))))
        for t, m in zip(rows["table"], rows["measure"], strict=True)
    ]
    frame = rows.assign(
        indicator=[k[0] if k else i for k, i in zip(keys, rows["indicator"], strict=True)],
        unit=pd.Series([k[1] if k else None for k in keys], index=rows.index, dtype=object),
    )
    return as_frame(
        frame[["indicator", "region", "period", "value", "unit", "source"]].reset_index(drop=True)
    )
