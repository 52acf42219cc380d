"""Period reports: the figures and the drafted paragraph live in `cases.figures`, below every app that quotes
them (the statistics pages here, the campaign reports in `campaigns`); the table rows and title of the period report."""
from django.utils.translation import gettext as _

from ipenforce.cases.figures import (  # noqa: F401 - the names the statistics modules use
    CENT,
    DEFINITIONS,
    IP_LABELS,
    IP_NAMES,
    ZERO,
    Growth,
    dated,
    handled,
    paragraph,
    period_summary,
    sent_within,
    wan,
    year_earlier,
)
from ipenforce.stats import rollup
from ipenforce.stats.selectors import report_figures_scope


def period_report(user, agency_id: int | None, *, start, end) -> dict:
    """The period report of the chosen agency's subtree in the user's scope: the cases' figures from the monthly
    rollup when the scope is a list of agencies, live otherwise (cases.figures.period_summary either way)."""
    agency, cases, transfers, agencies = report_figures_scope(user, agency_id)
    counted = None
    if agencies is not None and rollup.built():
        counted = rollup.case_figures(agencies, start=start, end=end)
    return {**period_summary(cases, transfers, start=start, end=end, counted=counted), "agency": agency.name}


def report_rows(report: dict) -> list[dict]:
    """The report table, one row per figure with the same dates a year earlier beside it (the page and its .xlsx)."""
    def row(label, key, indent=False):
        return {"label": label, "current": report[key], "previous": report[f"{key}_previous"],
                "growth": report[f"{key}_growth"], "indent": indent}

    rows = [row(_("查处案件"), "filed")]
    rows += [{"label": _("%(type)s案件") % {"type": t["name"]}, "current": t["filed"], "previous": t["previous"],
              "growth": t["growth"], "indent": True} for t in report["by_ip_type"]]
    rows += [row(_("结案"), "closed"), row(_("移送公安机关"), "transferred"),
             row(_("罚没款（元，决定）"), "fines_decided"), row(_("罚没款（元，已缴）"), "fines_paid"),
             row(_("涉电商案件"), "ecommerce")]
    rows += [{"label": c["name"], "current": c["filed"], "previous": c["previous"], "growth": c["growth"],
              "indent": True} for c in report["campaigns"]]
    return rows


def report_title(report: dict) -> str:
    return _("%(agency)s知识产权案件统计（%(start)s至%(end)s）") % {
        "agency": report["agency"], "start": report["start"].isoformat(), "end": report["end"].isoformat()}
