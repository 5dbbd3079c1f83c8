"""Indicators: the policy's statistics as data, its targets evaluated, its numbers checked.

- **Statistics** as tidy pandas DataFrames (:func:`table_frame`, :func:`figures_frame`),
  with pure, vectorised calculations (:func:`change`, :func:`index_to`,
  :func:`share_of`, :func:`add_aggregates`). A missing value means *not published*.
- **Targets** evaluated against measurements (:func:`evaluate_targets`,
  :func:`evaluate_target`, :func:`evaluate_series`): comparisons, yearly milestones,
  region groups scored on their total, qualitative goals.
- **Claim checks**: every numeric statement recomputed (:func:`verify_claims`), after
  the claim rules and trend statements of the policy file.
- **Police open data** (CBS catalogue "Politie", tables 47013NED and 47021NED) read as
  downloaded (:func:`read_police_table`) and mapped to the categories of the policy's
  indicator registry (:func:`police_categories`, :func:`police_measurements`).
- The **Veiligheidsmonitor** (CBS 85146NED) with its margins
  (:func:`read_veiligheidsmonitor`, :func:`veiligheidsmonitor_measurements`): a
  target's status is margin-aware, a difference within the margins is *not
  significantly different* (:func:`compare_measurements`).
- **Engines**: the calculations and :func:`evaluate_series` run on pandas, Polars,
  DuckDB and Dask frames alike (:data:`ENGINES`, :func:`to_engine`).
- A self-contained HTML **progress report** for the council (:func:`report_html`,
  :func:`write_report`; ``ivb report`` on the command line).

This package imports pandas; ``import ivb`` does not import it.

Examples
--------
>>> import pandas as pd
>>> from ivb.indicators import change
>>> frame = pd.DataFrame({"indicator": "x", "region": "GM0171",
...                       "period": ["2019", "2022"], "value": [218.0, 343.0]})
>>> round(float(change(frame, "2019", "2022")["change_pct"].iloc[0]), 1)
57.3
"""

from ivb._records import Record, Records
from ivb.indicators._calc import change, index_to, series_ids, share_of
from ivb.indicators._claims import (
    TOLERANCES,
    ClaimCheck,
    Tolerance,
    Verdict,
    tolerance_for,
    verify_claims,
)
from ivb.indicators._crime_areas import (
    AREA_LEVELS,
    CRIME_AREA_TABLES,
    area_hierarchy,
    area_level,
    crime_by_area,
    iter_crime_areas,
    parent_code,
    rate_per_1000,
    read_population,
    roll_up,
)
from ivb.indicators._engines import (
    ENGINES,
    available_engines,
    engine_of,
    to_engine,
    to_pandas,
)
from ivb.indicators._errors import (
    IndicatorError,
    MeasurementsError,
    MissingExtraError,
    OpenDataError,
    PoliceDataError,
)
from ivb.indicators._frames import (
    TIDY_COLUMNS,
    add_aggregates,
    figures_frame,
    region_code,
    region_groups,
    series_keys,
    table_frame,
    validate_tidy,
)
from ivb.indicators._measurements import read_measurements
from ivb.indicators._periods import cbs_period, period_bounds
from ivb.indicators._police import (
    POLICE_TABLES,
    PoliceCategory,
    PoliceTable,
    fetch_police_table,
    police_categories,
    police_measurements,
    read_police_table,
)
from ivb.indicators._report import (
    ReportError,
    find_chromium,
    render_report,
    report_data,
    report_html,
    write_pdf,
    write_report,
)
from ivb.indicators._targets import (
    MilestoneResult,
    TargetResult,
    TargetStatus,
    evaluate_series,
    evaluate_target,
    evaluate_targets,
)
from ivb.indicators._veiligheidsmonitor import (
    MARGIN_KINDS,
    VEILIGHEIDSMONITOR_COLUMNS,
    VEILIGHEIDSMONITOR_TABLE,
    Significance,
    compare_measurements,
    fetch_veiligheidsmonitor,
    margin_change,
    read_veiligheidsmonitor,
    veiligheidsmonitor_measurements,
)

__all__ = [
    "AREA_LEVELS",
    "CRIME_AREA_TABLES",
    "ENGINES",
    "MARGIN_KINDS",
    "POLICE_TABLES",
    "TIDY_COLUMNS",
    "TOLERANCES",
    "VEILIGHEIDSMONITOR_COLUMNS",
    "VEILIGHEIDSMONITOR_TABLE",
    "ClaimCheck",
    "IndicatorError",
    "MeasurementsError",
    "MilestoneResult",
    "MissingExtraError",
    "OpenDataError",
    "PoliceCategory",
    "PoliceDataError",
    "PoliceTable",
    "Record",
    "Records",
    "ReportError",
    "Significance",
    "TargetResult",
    "TargetStatus",
    "Tolerance",
    "Verdict",
    "add_aggregates",
    "area_hierarchy",
    "area_level",
    "available_engines",
    "cbs_period",
    "change",
    "compare_measurements",
    "crime_by_area",
    "engine_of",
    "evaluate_series",
    "evaluate_target",
    "evaluate_targets",
    "fetch_police_table",
    "fetch_veiligheidsmonitor",
    "figures_frame",
    "find_chromium",
    "index_to",
    "iter_crime_areas",
    "margin_change",
    "parent_code",
    "period_bounds",
    "police_categories",
    "police_measurements",
    "rate_per_1000",
    "read_measurements",
    "read_police_table",
    "read_population",
    "read_veiligheidsmonitor",
    "region_code",
    "region_groups",
    "render_report",
    "report_data",
    "report_html",
    "roll_up",
    "series_ids",
    "series_keys",
    "share_of",
    "table_frame",
    "to_engine",
    "to_pandas",
    "tolerance_for",
    "validate_tidy",
    "veiligheidsmonitor_measurements",
    "verify_claims",
    "write_pdf",
    "write_report",
]
