"""The campaign report's files: the stored .docx (checked against its hash) and the .xlsx built from its figures."""
from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _

from ipenforce.campaigns.models import CampaignReport
from ipenforce.campaigns.selectors import visible_campaigns
from ipenforce.core.xlsx import xlsx_response
from ipenforce.documents.render import blob_read
from ipenforce.documents.services import DOCX

XLSX_HEADERS = [_("单位"), _("期间"), _("查处案件"), _("其中专利"), _("结案"), _("移送公安"), _("罚没款（元）"),
                _("查扣物品货值（元，填报）"), _("关闭网店（家，填报）")]
KEYS = ["agency", "period", "filed", "patent", "closed", "transferred", "fines", "goods_seized", "shops_closed"]


def _summary(user, summary_id: int) -> CampaignReport:
    summary = CampaignReport.objects.filter(pk=summary_id, campaign__in=visible_campaigns(user)).select_related(
        "campaign").first()
    if summary is None:
        raise Http404
    return summary


def summary_docx(user, summary_id: int) -> HttpResponse:
    summary = _summary(user, summary_id)
    response = HttpResponse(blob_read(summary.storage_name, summary.sha256), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="campaign-report-{summary.pk}.docx"'
    return response


def summary_xlsx(user, summary_id: int) -> HttpResponse:
    summary = _summary(user, summary_id)
    figures = summary.figures
    rows = [[u[k] for k in KEYS] for u in figures["units"]]
    rows.append([str(_("合计")), f"{summary.period_start}至{summary.period_end}", figures["filed"], figures["patent"],
                 figures["closed"], figures["transferred"], figures["fines"], figures["goods_seized"],
                 figures["shops_closed"]])
    rows.append([summary.text])
    if figures.get("late_text"):
        rows.append([figures["late_text"]])
    return xlsx_response(f"campaign-report-{summary.pk}", [str(h) for h in XLSX_HEADERS], rows)
