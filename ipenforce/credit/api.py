"""API routes of credit supervision under /api/v1/credit/: publications, listings, repair requests and objections
(their steps run on the workflow engine), and the party record. The public list is on /public/ (no login)."""
import json

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from ipenforce.cases.selectors import case_or_404
from ipenforce.core.errors import PermissionDenied
from ipenforce.core.pagination import MAX_OFFSET
from ipenforce.credit import downloads, permissions, services
from ipenforce.credit.party import party_record
from ipenforce.credit.presenters import listing_out, party_out, publication_out, repair_out
from ipenforce.credit.schemas import (
    ActionIn,
    ListingOut,
    ListingPage,
    ListingPropose,
    PartyOut,
    PublicationOut,
    PublicationPage,
    RepairIn,
    RepairOut,
    RepairPage,
    RepeatCheckOut,
)
from ipenforce.credit.selectors import (
    listing_detail,
    listing_list,
    publication_detail,
    publication_list,
    repair_detail,
    repair_list,
)
from ipenforce.credit.workflow import LISTING, PUBLICATION, REPAIR
from ipenforce.workflow.presenters import action_row
from ipenforce.workflow.schemas import ActionOut
from ipenforce.workflow.services import perform

router = Router(tags=["credit"])
PAGE = {"limit": Query(50, ge=1, le=200), "offset": Query(0, ge=0, le=MAX_OFFSET)}


def _perform(request, procedure, subject_id: int, action: str, payload: ActionIn) -> None:
    data = {**json.loads(request.body), "comment": payload.comment}
    data.pop("version", None)
    perform(procedure=procedure.key, subject_id=subject_id, action=action, actor=request.auth,
            version=payload.version, data=data)


def _page(selected, detail, out, user, limit, offset) -> dict:
    page = detail.filter(pk__in=selected.values("pk"))[offset:offset + limit]
    return {"count": selected.count(), "items": [out(s, user) for s in page]}


# ---- publications -------------------------------------------------------------------------------------------

@router.get("/publications", response=PublicationPage, summary="行政处罚信息公示列表（按数据权限）")
def publication_index(request, state: str | None = None, q: str = Query("", max_length=100),
                      limit: int = PAGE["limit"], offset: int = PAGE["offset"]):
    return _page(publication_list(request.auth, state=state, q=q), publication_detail(request.auth),
                 publication_out, request.auth, limit, offset)


@router.get("/publications/{publication_id}", response=PublicationOut, summary="公示详情（公示期、撤下、异议标注）")
def publication_get(request, publication_id: int):
    return publication_out(get_object_or_404(publication_detail(request.auth), pk=publication_id), request.auth)


@router.get("/publications/{publication_id}/decision.docx", summary="公示的行政处罚决定书（个人信息已遮蔽，.docx）")
def publication_document(request, publication_id: int):
    return downloads.publication_docx(publication_detail(request.auth), publication_id)


@router.post("/publications/{publication_id}/actions/{action}", response=PublicationOut,
             summary="办理公示事项：确定公示期、决定变更后撤下")
def publication_action(request, publication_id: int, action: str, payload: ActionIn):
    _perform(request, PUBLICATION, publication_id, action, payload)
    return publication_get(request, publication_id)


# ---- listings -------------------------------------------------------------------------------------------------

@router.post("/cases/{case_id}/listings", response={201: ListingOut},
             summary="提出列入严重违法失信名单（与行政处罚一并）")
def listing_create(request, case_id: int, payload: ListingPropose):
    listing = services.listing_propose(actor=request.auth, case=case_or_404(request.auth, case_id),
                                       **payload.dict())
    return Status(201, listing_get(request, listing.pk))


@router.get("/listings", response=ListingPage, summary="严重违法失信名单（按数据权限）")
def listing_index(request, state: str | None = None, limit: int = PAGE["limit"], offset: int = PAGE["offset"]):
    return _page(listing_list(request.auth, state=state), listing_detail(request.auth), listing_out, request.auth,
                 limit, offset)


@router.get("/listings/{listing_id}", response=ListingOut, summary="列入详情（告知、陈述申辩、决定、公示、移出）")
def listing_get(request, listing_id: int):
    return listing_out(get_object_or_404(listing_detail(request.auth), pk=listing_id), request.auth)


@router.post("/listings/{listing_id}/actions/{action}", response=ListingOut, summary="办理列入程序的一个步骤")
def listing_action(request, listing_id: int, action: str, payload: ActionIn):
    _perform(request, LISTING, listing_id, action, payload)
    return listing_get(request, listing_id)


# ---- repair and objections -----------------------------------------------------------------------------------

@router.post("/repairs", response={201: RepairOut}, summary="登记信用修复申请或异议申请")
def repair_create(request, payload: RepairIn):
    publication = (get_object_or_404(publication_detail(request.auth), pk=payload.publication_id)
                   if payload.publication_id else None)
    listing = get_object_or_404(listing_detail(request.auth), pk=payload.listing_id) if payload.listing_id else None
    repair = services.repair_apply(actor=request.auth, kind=payload.kind, publication=publication, listing=listing,
                                   applicant=payload.applicant, applied_on=payload.applied_on,
                                   grounds=payload.grounds, materials=payload.materials)
    return Status(201, repair_get(request, repair.pk))


@router.get("/repairs", response=RepairPage, summary="信用修复与异议（按数据权限）")
def repair_index(request, state: str | None = None, limit: int = PAGE["limit"], offset: int = PAGE["offset"]):
    return _page(repair_list(request.auth, state=state), repair_detail(request.auth), repair_out, request.auth,
                 limit, offset)


@router.get("/repairs/{repair_id}", response=RepairOut, summary="信用修复或异议详情")
def repair_get(request, repair_id: int):
    return repair_out(get_object_or_404(repair_detail(request.auth), pk=repair_id), request.auth)


@router.get("/repairs/{repair_id}/decision.docx", summary="信用修复或异议处理决定书（.docx）")
def repair_document(request, repair_id: int):
    return downloads.repair_docx(repair_detail(request.auth), repair_id)


@router.post("/repairs/{repair_id}/actions/{action}", response=RepairOut, summary="受理、决定信用修复或异议")
def repair_action(request, repair_id: int, action: str, payload: ActionIn):
    _perform(request, REPAIR, repair_id, action, payload)
    return repair_get(request, repair_id)


@router.get("/actions", response=dict[str, list[ActionOut]], summary="信用程序的步骤定义（公示、列入、修复）")
def credit_actions(request):
    return {p.key: [action_row(a) for a in p.actions.values() if not a.internal]
            for p in (PUBLICATION, LISTING, REPAIR)}


# ---- repeat-infringement checks ---------------------------------------------------------------------------------

@router.get("/cases/{case_id}/repeat-checks", response=list[RepeatCheckOut],
            summary="案件的重复侵权检查结果（登记案源时、拟作出处罚决定时；前案文号、机关、日期）")
def repeat_checks(request, case_id: int):
    case = case_or_404(request.auth, case_id)
    return [{"id": c.pk, "occasion": c.occasion, "occasion_label": c.get_occasion_display(),
             "checked_on": c.checked_on, "findings": c.findings} for c in case.repeat_checks.all()]


# ---- the party record --------------------------------------------------------------------------------------------

@router.get("/parties/{identifier}", response=PartyOut,
            summary="当事人画像：按统一社会信用代码或身份证号，本单位可见的案件、公示、列入，全市处罚决定与重复侵权提示")
def party_get(request, identifier: str):
    if not permissions.reads_credit(request.auth):
        raise PermissionDenied(_("您无权查看当事人信用画像。"))
    return party_out(party_record(request.auth, identifier))
