"""The bulk .xlsx imports of programs (core.imports): a policy ledger's tasks (表格化 — the tables officials
exchange) and the registries (the 重点企业名录 nominations, the key-trademark and right-holder directories)."""
from django.utils.translation import gettext_lazy as _

from ipenforce.core.errors import NotFound
from ipenforce.core.imports import Column, ListImport, RowError, register
from ipenforce.programs import permissions, selectors, services
from ipenforce.programs.models import ContactKind, KeyEnterprise, RightsContact


def _document(user, params: dict):
    raw = str(params.get("document") or "")
    document = selectors.visible_documents(user).filter(pk=int(raw)).first() if raw.isdigit() else None
    if document is None:
        raise NotFound(_("台账不存在或您无权查看。"), code="ledger_not_found", field="document")
    return document


def _task_columns() -> list[Column]:
    return [Column(_("序号"), "seq", "int", required=False), Column(_("方面"), "area", max_length=100),
            Column(_("任务"), "title", max_length=300), Column(_("牵头单位"), "lead_unit", max_length=200),
            Column(_("配合单位"), "co_units", required=False, max_length=300),
            Column(_("完成时限"), "due_on", "date", required=False), Column(_("指标"), "indicators", required=False)]


def _task_check(user, params, rows) -> list[RowError]:
    document = _document(user, params)
    taken = set(document.tasks.values_list("seq", flat=True))
    errors, seen = [], {}
    for number, values in rows:
        seq = values.get("seq")
        if seq is None:
            continue
        if seq in taken:
            errors.append(RowError(number, str(_("序号")), str(_("台账中已有序号 %(n)s。")) % {"n": seq}))
        elif seq in seen:
            errors.append(RowError(number, str(_("序号")), str(_("与第%(r)s行重复。")) % {"r": seen[seq]}))
        seen.setdefault(seq, number)
    return errors


def _task_save(user, params, rows) -> int:
    document = _document(user, params)
    for values in rows:
        services.task_add(actor=user, document=document, **values)
    return len(rows)


POLICY_TASKS = register(ListImport(
    name="policy_tasks", title=_("政策任务台账"), columns=_task_columns,
    allowed=lambda user, params: permissions.may_manage_at(user, _document(user, params).agency),
    check=_task_check, save=_task_save,
    examples=[1, _("重大政策法规体系"), _("修订知识产权保护条例"), _("市司法局"), _("市市场监管局"), "2026-12-31",
              _("提交审议")]))


def _enterprise_columns() -> list[Column]:
    return [Column(_("企业名称"), "name", max_length=200), Column(_("统一社会信用代码"), "uscc", "uscc"),
            Column(_("行业"), "industry", required=False, max_length=60),
            Column(_("重点知识产权（专利号、商标注册号）"), "key_ip_assets", required=False),
            Column(_("联系人及电话"), "contact", required=False, max_length=200),
            Column(_("直通车服务等级"), "service_level", required=False, max_length=60),
            Column(_("列入理由（按本单位设定的标准）"), "grounds", required=False)]


def _enterprise_check(user, params, rows) -> list[RowError]:
    header = str(_("统一社会信用代码"))
    codes = [v["uscc"] for _n, v in rows if v.get("uscc")]
    taken = set(KeyEnterprise.objects.filter(agency=user.agency, uscc__in=codes)
                .exclude(state__in=("refused", "delisted")).values_list("uscc", flat=True))
    errors, seen = [], {}
    for number, values in rows:
        if not values.get("uscc"):
            continue
        if values["uscc"] in taken:
            errors.append(RowError(number, header, str(_("该企业已在名录中或正在审核。"))))
        elif values["uscc"] in seen:
            errors.append(RowError(number, header, str(_("与第%(r)s行重复。")) % {"r": seen[values["uscc"]]}))
        seen.setdefault(values["uscc"], number)
    return errors


def _enterprise_save(user, params, rows) -> int:
    for values in rows:
        services.key_enterprise_nominate(actor=user, agency=user.agency, **values)
    return len(rows)


KEY_ENTERPRISES = register(ListImport(
    name="key_enterprises", title=_("重点企业名录推荐"), columns=_enterprise_columns,
    allowed=lambda user, params: bool(user.agency_id) and permissions.may_manage_at(user, user.agency),
    check=_enterprise_check, save=_enterprise_save,
    examples=[_("深圳市示例科技有限公司"), "91440300MA5F00001A", _("电子信息"), "ZL202510000001.X",
              _("张三 0755-00000000"), _("一级"), _("高价值专利较多、被侵权风险高")]))


def _contact_columns() -> list[Column]:
    return [Column(_("名录"), "kind", "choice", choices=tuple(ContactKind.choices)),
            Column(_("权利人"), "right_holder", max_length=200),
            Column(_("商标注册号"), "mark_number", required=False, max_length=20),
            Column(_("核定类别"), "classes", required=False, max_length=100),
            Column(_("产品"), "products", required=False), Column(_("授权代理人"), "agents", required=False),
            Column(_("辨认鉴别联系人及电话"), "verification_contact", max_length=200),
            Column(_("列入理由、监测范围"), "reason", required=False),
            Column(_("有效期至"), "valid_until", "date", required=False)]


def _contact_save(user, params, rows) -> int:
    for values in rows:
        services.rights_contact_add(actor=user, agency=user.agency, **values)
    return len(rows)


RIGHTS_CONTACTS = register(ListImport(
    name="rights_contacts", title=RightsContact._meta.verbose_name_plural, columns=_contact_columns,
    allowed=lambda user, params: bool(user.agency_id) and permissions.may_manage_at(user, user.agency),
    save=_contact_save,
    examples=[_("重点商标保护名录"), _("深圳市示例科技有限公司"), "12345678", "9", _("充电宝"), "",
              _("李四 0755-00000000"), _("驰名商标"), "2027-12-31"]))
