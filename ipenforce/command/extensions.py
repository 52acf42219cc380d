"""What command and dispatch adds to the case procedure: the supplier notification of 《商标法实施条例》第八十条
(A-14) started from a trademark case in one action — a 协助调查函 to the supplier's local bureau (on the platform
when its name matches an agency, else recorded as sent outside it)."""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from ipenforce.cases.choices import IpType
from ipenforce.cases.workflow import OFFICERS, TRANSFERABLE_STATES
from ipenforce.orgs.models import Agency
from ipenforce.workflow.definitions import Action, Field, Refusal
from ipenforce.workflow.registry import extend


def _trademark(case, actor, payload) -> Refusal | None:
    if case.ip_type != IpType.TRADEMARK:
        return Refusal("not_trademark", _("供货者通报适用于商标侵权案件（《商标法实施条例》第八十条）。"))
    return None


def _notify(case, ctx) -> None:
    from ipenforce.command.services import supplier_notice_start

    bureau = ctx.payload["supplier_bureau"].strip()
    on_platform = Agency.objects.filter(name=bureau, is_active=True).exclude(pk=case.agency_id).first()
    supplier_notice_start(actor=ctx.actor, case_id=case.pk, supplier=ctx.payload["supplier"],
                          supplier_address=ctx.payload["supplier_address"],
                          assisted_id=on_platform.pk if on_platform else None,
                          outside_name="" if on_platform else bureau)


NOTIFY_SUPPLIER = Action(
    "notify_supplier", _l("通报供货者（商标法实施条例第八十条）"), TRANSFERABLE_STATES, (OFFICERS,),
    fields=(Field("supplier", "text", _l("供货者")), Field("supplier_address", "text", _l("供货者地址")),
            Field("supplier_bureau", "text", _l("供货者所在地市场监管部门（平台内单位请填全称）"))))


def register() -> None:
    extend("case", adds=NOTIFY_SUPPLIER, check=_trademark, then=_notify)
