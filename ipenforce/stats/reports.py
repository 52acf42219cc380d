"""Period reports: the figures and the drafted paragraph live in `cases.figures`, below every app that quotes
them (the statistics pages here, the campaign reports in `campaigns`)."""
from ipenforce.cases.figures import (  # noqa: F401 - the names the statistics modules use
    CENT,
    DEFINITIONS,
    IP_LABELS,
    IP_NAMES,
    ZERO,
    Growth,
    handled,
    paragraph,
    period_summary,
    wan,
    year_earlier,
)
