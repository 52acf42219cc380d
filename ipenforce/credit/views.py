"""Pages: the public penalty-publicity page (no login, rate limited), and for staff the credit overview, the pages
of a publication, a listing and a repair request with the forms of their steps, proposing a listing, recording a
repair application or objection, and the party record."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ipenforce.cases.selectors import case_or_404
from ipenforce.core.errors import ApplicationError
from ipenforce.core.forms import add_service_error, posted_version
from ipenforce.core.pagination import capped_page
from ipenforce.credit import downloads, permissions, services
from ipenforce.credit.forms import ListingForm, PartySearchForm, RepairForm
from ipenforce.credit.party import party_record
from ipenforce.credit.presenters import listing_out, publication_out, repair_out
from ipenforce.credit.selectors import (
    listing_detail,
    listing_list,
    public_publications,
    publication_detail,
    publication_list,
    repair_detail,
    repair_list,
)
from ipenforce.credit.workflow import LISTING, PUBLICATION, REPAIR
from ipenforce.orgs.ratelimit import public_rate_limited
from ipenforce.workflow.definitions import APPROVAL_ANSWERS
from ipenforce.workflow.forms import action_form_class
from ipenforce.workflow.pages import answer_from_page, approval_answers, step_done
from ipenforce.workflow.services import perform

# The public penalty-publicity pages share one counter per client address (wave2-rules §D: public, rate limited).
public_limited = public_rate_limited("credit", "credit/public_limited.html")

SUBJECTS = {
    "publications": (PUBLICATION, publication_detail, publication_out, "credit:publication"),
    "listings": (LISTING, listing_detail, listing_out, "credit:listing"),
    "repairs": (REPAIR, repair_detail, repair_out, "credit:repair"),
}


# ---- public ------------------------------------------------------------------------------------------------------

@public_limited
def public_list(request):
    q = request.GET.get("q", "")[:100]
    page = Paginator(public_publications(q=q).order_by("-published_on", "-pk"), 20).get_page(request.GET.get("page"))
    return render(request, "credit/public_list.html", {"page": page, "q": q})


@public_limited
def public_detail(request, pk: int):
    publication = get_object_or_404(public_publications(), pk=pk)
    return render(request, "credit/public_detail.html", {"p": publication})


@public_limited
def public_document(request, pk: int):
    return downloads.publication_docx(public_publications(), pk)


# ---- staff ---------------------------------------------------------------------------------------------------------

def _reader(request):
    if not permissions.reads_credit(request.user):
        raise Http404


@login_required
def overview(request):
    _reader(request)
    tab = request.GET.get("tab", "publications")
    selected = {"publications": publication_list(request.user, q=request.GET.get("q", "")),
                "listings": listing_list(request.user), "repairs": repair_list(request.user)}.get(tab)
    if selected is None:
        raise Http404
    page = capped_page(selected, 25, request.GET.get("page"))
    return render(request, "credit/overview.html", {"page": page, "tab": tab, "procedure": SUBJECTS[tab][0]})


def _subject_page(request, kind: str, pk: int, bound=None, status=200):
    procedure, detail, out, _name = SUBJECTS[kind]
    subject = get_object_or_404(detail(request.user), pk=pk)
    data = out(subject, request.user)
    forms = [(procedure.actions[key], bound[1] if bound and bound[0] == key
              else action_form_class(procedure.actions[key])(prefix=key))
             for key in data["available_actions"] if key in procedure.actions]
    if bound and bound[0] not in data["available_actions"]:
        messages.error(request, "；".join(str(e) for errors in bound[1].errors.values() for e in errors))
    answers = approval_answers(data["available_actions"])
    return render(request, f"credit/{kind[:-1]}_detail.html",
                  {"subject": subject, "data": data, "forms": forms, "answers": answers, "kind": kind,
                   "procedure": procedure}, status=status)


@login_required
def publication_page(request, pk: int):
    return _subject_page(request, "publications", pk)


@login_required
def publication_document(request, pk: int):
    return downloads.publication_docx(publication_detail(request.user), pk)


@login_required
def repair_document(request, pk: int):
    return downloads.repair_docx(repair_detail(request.user), pk)


@login_required
def listing_page(request, pk: int):
    return _subject_page(request, "listings", pk)


@login_required
def repair_page(request, pk: int):
    return _subject_page(request, "repairs", pk)


@login_required
@require_POST
def step(request, kind: str, pk: int, action: str):
    if kind not in SUBJECTS:
        raise Http404
    procedure, detail, _out, name = SUBJECTS[kind]
    get_object_or_404(detail(request.user), pk=pk)
    if action in APPROVAL_ANSWERS:
        answer_from_page(request, procedure, pk, action)
        return redirect(name, pk)
    if action not in procedure.actions or procedure.actions[action].internal:
        return redirect(name, pk)
    form = action_form_class(procedure.actions[action])(request.POST, prefix=action)
    if form.is_valid():
        try:
            perform(procedure=procedure.key, subject_id=pk, action=action, actor=request.user,
                    version=posted_version(request), data=form.cleaned_data)
            messages.success(request, step_done(procedure, action))
            return redirect(name, pk)
        except ApplicationError as exc:
            add_service_error(form, exc)
            return _subject_page(request, kind, pk, (action, form), exc.status)
    return _subject_page(request, kind, pk, (action, form), 422)


@login_required
def listing_new(request, case_id: int):
    case = case_or_404(request.user, case_id)
    if not permissions.may_propose_listing(request.user, case):
        raise Http404
    parties = list(case.parties.all())
    form = ListingForm(request.POST or None, parties=parties)
    if request.method == "POST" and form.is_valid():
        try:
            listing = services.listing_propose(actor=request.user, case=case,
                                               party_id=int(form.cleaned_data["party_id"]),
                                               ground=form.cleaned_data["ground"],
                                               heavier_penalty=form.cleaned_data["heavier_penalty"],
                                               seriousness=form.cleaned_data["seriousness"])
            messages.success(request, _("已提出列入严重违法失信名单。"))
            return redirect("credit:listing", listing.pk)
        except ApplicationError as exc:
            add_service_error(form, exc)
    return render(request, "credit/listing_new.html", {"form": form, "case": case},
                  status=422 if request.method == "POST" else 200)


@login_required
def repair_new(request):
    publication = listing = None
    if request.GET.get("publication"):
        publication = get_object_or_404(publication_detail(request.user), pk=request.GET["publication"])
    elif request.GET.get("listing"):
        listing = get_object_or_404(listing_detail(request.user), pk=request.GET["listing"])
    else:
        raise Http404
    if not permissions.may_record_repair(request.user, (publication or listing).case):
        raise Http404
    form = RepairForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            repair = services.repair_apply(
                actor=request.user, kind=form.cleaned_data["kind"], publication=publication, listing=listing,
                applicant=form.cleaned_data["applicant"], applied_on=form.cleaned_data["applied_on"],
                grounds=form.cleaned_data["grounds"],
                materials={key: True for key in form.cleaned_data["materials"]})
            messages.success(request, _("申请已登记。"))
            return redirect("credit:repair", repair.pk)
        except ApplicationError as exc:
            add_service_error(form, exc)
    return render(request, "credit/repair_new.html", {"form": form, "publication": publication, "listing": listing},
                  status=422 if request.method == "POST" else 200)


@login_required
def party_page(request):
    _reader(request)
    form = PartySearchForm(request.GET or None)
    record = None
    if form.is_valid():
        try:
            record = party_record(request.user, form.cleaned_data["identifier"])
        except ApplicationError as exc:
            add_service_error(form, exc)
    return render(request, "credit/party.html", {"form": form, "record": record},
                  status=422 if form.is_bound and record is None else 200)
