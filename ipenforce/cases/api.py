"""API routes for cases: register and edit leads, list and read cases, perform actions and approvals."""
import json

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status
from ninja.pagination import paginate

from ipenforce.cases import personal_data, selectors, services
from ipenforce.cases.filters import filter_cases
from ipenforce.cases.presenters import case_full, case_list_rows, list_values
from ipenforce.cases.schemas import (
    ActionIn,
    CampaignIn,
    CampaignOut,
    CampaignUpdate,
    CaseCreate,
    CaseFilters,
    CaseListOut,
    CaseOut,
    CaseUpdate,
    PartyAdd,
    PartyOut,
    PartyReveal,
    PersonalDataOut,
    PersonalDataRequest,
    RightAdd,
    RightOut,
    VersionIn,
)
from ipenforce.cases.services import campaigns
from ipenforce.cases.workflow import CASE
from ipenforce.core.export_api import api_list_export
from ipenforce.core.pagination import CappedLimitOffset
from ipenforce.orgs.selectors import visible_cases
from ipenforce.workflow.presenters import action_row
from ipenforce.workflow.schemas import ActionOut
from ipenforce.workflow.services import perform

router = Router(tags=["cases"])


def _full(request, case_id: int) -> dict:
    return case_full(selectors.case_or_404(request.auth, case_id, detail=True), request.auth)


@router.get("/cases", response=list[CaseListOut],
            summary="案件列表（按数据权限，可筛选；count 最多计到 1,000 条或所请求页的下一页，超过时 capped 为 true）")
@paginate(CappedLimitOffset, items=case_list_rows)
def case_list(request, filters: Query[CaseFilters]):
    return list_values(filter_cases(selectors.case_list(request.auth), **filters.dict()))


@router.get("/cases.xlsx", summary="导出案件列表（.xlsx，与列表相同的筛选；行数较多时返回202和后台导出任务）")
def case_export(request, filters: Query[CaseFilters]):
    return api_list_export(request, "cases")


@router.post("/cases", response={201: CaseOut}, summary="登记案源")
def case_create(request, payload: CaseCreate):
    data = payload.dict()
    parties, rights, campaign_ids = data.pop("parties"), data.pop("rights"), data.pop("campaign_ids")
    case = services.case_register(actor=request.auth, data=data, parties=parties, rights=rights,
                                  campaign_ids=campaign_ids)
    return Status(201, {**_full(request, case.pk), "warnings": case.warnings})


@router.get("/cases/{case_id}", response=CaseOut, summary="案件详情（含期限、时间线和当前可办事项）")
def case_detail(request, case_id: int):
    return _full(request, case_id)


@router.patch("/cases/{case_id}", response=CaseOut, summary="修改案件信息（须带版本号）")
def case_update(request, case_id: int, payload: CaseUpdate):
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    services.case_update(actor=request.auth, case=selectors.case_or_404(request.auth, case_id), version=version,
                         changes=changes)
    return _full(request, case_id)


@router.post("/cases/{case_id}/parties", response={201: PartyOut}, summary="添加当事人")
def party_add(request, case_id: int, payload: PartyAdd):
    data = payload.dict()
    version = data.pop("version")
    return Status(201, services.party_add(actor=request.auth, case=selectors.case_or_404(request.auth, case_id),
                                          version=version, data=data))


@router.post("/cases/{case_id}/parties/{party_id}/reveal", response=PartyOut,
             summary="查看当事人的完整个人信息（需说明理由，记入审计日志）")
def party_reveal(request, case_id: int, party_id: int, payload: PartyReveal):
    case = selectors.case_or_404(request.auth, case_id)
    party = get_object_or_404(case.parties.all(), pk=party_id)
    return personal_data.party_reveal(actor=request.auth, case=case, party=party, reason=payload.reason)


@router.post("/personal-data/export", response=PersonalDataOut,
             summary="导出某人（身份证号）在本单位数据范围内的全部当事人记录（个人信息保护法第45条；系统管理员，记入审计）")
def personal_data_export(request, payload: PersonalDataRequest):
    return personal_data.personal_data_export(actor=request.auth, id_number=payload.id_number,
                                              cases=visible_cases(request.auth))


@router.delete("/cases/{case_id}/parties/{party_id}", response={204: None}, summary="删除当事人")
def party_remove(request, case_id: int, party_id: int, payload: VersionIn):
    case = selectors.case_or_404(request.auth, case_id)
    services.party_remove(actor=request.auth, case=case, version=payload.version,
                          party=get_object_or_404(case.parties.all(), pk=party_id))
    return Status(204, None)


@router.post("/cases/{case_id}/rights", response={201: RightOut}, summary="添加涉案知识产权")
def right_add(request, case_id: int, payload: RightAdd):
    data = payload.dict()
    version = data.pop("version")
    return Status(201, services.right_add(actor=request.auth, case=selectors.case_or_404(request.auth, case_id),
                                          version=version, data=data))


@router.delete("/cases/{case_id}/rights/{right_id}", response={204: None}, summary="删除涉案知识产权")
def right_remove(request, case_id: int, right_id: int, payload: VersionIn):
    case = selectors.case_or_404(request.auth, case_id)
    services.right_remove(actor=request.auth, case=case, version=payload.version,
                          right=get_object_or_404(case.rights.all(), pk=right_id))
    return Status(204, None)


@router.post("/cases/{case_id}/actions/{action}", response=CaseOut,
             summary="办理事项或审批（approve / reject / send_back）；版本过期 409，无权 403，条件不满足 422")
def case_action(request, case_id: int, action: str, payload: ActionIn):
    # The action's own fields (listed by GET /case-actions) travel beside version and comment in the same object.
    data = {**json.loads(request.body), "comment": payload.comment}
    data.pop("version", None)
    case = perform(procedure=CASE.key, subject_id=case_id, action=action, actor=request.auth,
                   version=payload.version, data=data)
    return case_full(selectors.case_or_404(request.auth, case_id, detail=True, acted_on=case), request.auth)


@router.get("/case-actions", response=list[ActionOut], summary="办案事项定义（状态、办理人、审批链、字段、期限）")
def action_list(request):
    return [action_row(a) for a in CASE.actions.values() if not a.internal]


@router.get("/campaigns", response=list[CampaignOut], summary="专项行动")
def campaign_list(request):
    return selectors.campaigns()


@router.post("/campaigns", response={201: CampaignOut}, summary="新建专项行动（超级管理员）")
def campaign_create(request, payload: CampaignIn):
    return Status(201, campaigns.campaign_create(actor=request.auth, name=payload.name))


@router.patch("/campaigns/{campaign_id}", response=CampaignOut, summary="修改或停用专项行动（超级管理员）")
def campaign_update(request, campaign_id: int, payload: CampaignUpdate):
    campaign = get_object_or_404(selectors.campaigns(), pk=campaign_id)
    return campaigns.campaign_update(actor=request.auth, campaign=campaign, changes=payload.dict(exclude_unset=True))


