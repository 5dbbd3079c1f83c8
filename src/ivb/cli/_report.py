"""The ``ivb report`` subcommand: the progress report for the council."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from ivb.model import Policy

__all__ = ["gather_measurements"]


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
    tables (85146NED as downloaded) give the estimates with their margins for the
    policy's indicators whose data source names that table and measure (its
    ``topic``); see :func:`ivb.indicators.veiligheidsmonitor_measurements`.

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
        veiligheidsmonitor_measurements,
    )

    frames = [read_measurements(f) for f in measurement_files]
    codes = [m.cbs_code for m in policy.municipalities]
    for f in police_files:
        police = police_measurements(read_police_table(f, regions=codes), policy)
        frames.append(add_aggregates(police, region_groups(policy)))
    for f in veiligheidsmonitor_files:
        survey = veiligheidsmonitor_measurements(f, policy)
        keep = [*TIDY_COLUMNS, "margin_low", "margin_high"]
        frames.append(survey[[c for c in keep if c in survey.columns]])
    if not frames:
        return pd.DataFrame(
            {c: pd.Series(dtype=float if c == "value" else object) for c in TIDY_COLUMNS}
        )
    return pd.concat(frames, ignore_index=True)
