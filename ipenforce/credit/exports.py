"""The credit lists as .xlsx downloads (see core.exports). `credit_publications` is also the file an operator
uploads to the national enterprise credit publicity system (国家企业信用信息公示系统): one row per published
decision with the 信息摘要 of [PUB45] art 4 in the column order documented in the README; there is no outside
connection."""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipenforce.core.exports import ListExport, register
from ipenforce.credit.selectors import listing_list, publication_list
from ipenforce.credit.workflow import GROUNDS, LISTING_STATES, PUBLICATION_STATES

register(ListExport(
    "credit_publications", gettext_lazy("行政处罚信息公示（报送国家企业信用信息公示系统）"),
    lambda: [_("行政处罚决定书文号"), _("当事人名称"), _("统一社会信用代码"), _("身份证号（已遮蔽）"),
             _("法定代表人（负责人）"), _("违法行为类型"), _("行政处罚内容"), _("作出决定机关"), _("作出决定日期"),
             _("公示日期"), _("公示截止日期"), _("状态"), _("撤下日期")],
    lambda user, params: publication_list(user, state=params.get("state") or None).order_by("-published_on", "-pk"),
    lambda p: [p.decision_number, p.party_name, p.party_uscc, p.party_id_masked, p.legal_representative,
               p.violation, p.penalty, p.authority, p.decided_on, p.published_on, p.ends_on,
               str(PUBLICATION_STATES.get(p.state, p.state)), p.withdrawn_on or p.stopped_on]))

register(ListExport(
    "credit_listings", gettext_lazy("严重违法失信名单"),
    lambda: [_("当事人"), _("统一社会信用代码或身份证号"), _("列入事由"), _("作出决定机关"), _("列入日期"),
             _("管理期届满日"), _("公示日期"), _("移出日期"), _("状态")],
    lambda user, params: listing_list(user, state=params.get("state") or None).order_by("-created_at", "-pk"),
    lambda li: [li.party_name, li.party_identifier, str(dict(GROUNDS).get(li.ground, li.ground)),
                li.case.agency.name, li.listed_on, li.ends_on, li.published_on, li.removed_on,
                str(LISTING_STATES.get(li.state, li.state))]))
