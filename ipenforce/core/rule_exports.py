"""The legal rules library as an .xlsx download, one row per version (see core.exports)."""
import json

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipenforce.core import rules
from ipenforce.core.exports import ListExport, register

COMMON = {"effective_from", "effective_to", "citation", "mark", "verified", "note"}


def _versions(user, params) -> list:
    return [(rule, version) for rule in rules.all_rules() for version in rule.versions]


def _row(pair) -> list:
    rule, v = pair
    values = json.dumps(v.model_dump(mode="json", exclude=COMMON), ensure_ascii=False)
    return [rule.ref, rule.key, rule.title, rule.kind, values, v.effective_from, v.effective_to, v.citation,
            _("是") if v.verified else _("否（未核实）"), v.note]


register(ListExport(
    "rules", gettext_lazy("法规规则库"),
    lambda: [_("编号"), _("规则键"), _("规则"), _("类型"), _("数值"), _("生效日期"), _("失效日期"), _("出处"),
             _("已核实"),
             _("说明")],
    _versions, _row))
