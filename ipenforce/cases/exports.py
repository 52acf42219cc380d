"""The case list as an .xlsx download."""
from django.utils.translation import gettext as _

from ipenforce.cases.choices import IpType, Procedure, Source, State
from ipenforce.core.xlsx import xlsx_response


def cases_xlsx(cases):
    header = [_("案件编号"), _("案由"), _("办案单位"), _("知识产权类型"), _("案件来源"), _("程序"), _("状态"),
              _("发现日期"), _("当事人"), _("罚款（元）")]
    rows = (
        [c.number or "", c.title, c.agency.name, str(IpType(c.ip_type).label), str(Source(c.source).label),
         str(Procedure(c.procedure).label), str(State(c.state).label), c.discovered_on, "、".join(p.name for p in c.parties.all()),
         c.fine]
        for c in cases.iterator(chunk_size=500)
    )
    return xlsx_response("cases", header, rows)
