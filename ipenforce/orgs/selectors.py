"""Data scope: the only place that decides which agencies, users and tokens a user may see or administer.

Every list, detail page, API response and export starts from these functions.
- A superuser sees everything.
- A supervisor of a top-level agency, and any user of an oversight body (procuratorate, supervisory commission,
  legal-affairs office), sees the whole jurisdiction of their agency's region code.
- Police, procuratorate and court users see their own agency tree plus the agencies in their jurisdiction that
  send them cases; their view of cases is limited to what was transferred to them (the linkage selectors).
- Everyone else sees their own agency and everything under it.
"""
from django.db import models
from django.db.models import OuterRef, Q, QuerySet, Subquery

from ipenforce.core.models import WorkItem, WorkItemPerson
from ipenforce.orgs.choices import JUSTICE_KINDS, OUTSIDE_KINDS, OVERSIGHT_KINDS, AgencyKind, AgencyLevel, Role
from ipenforce.orgs.models import Agency, ApiToken, RoleGrant, RoleList, User, path_ids
from ipenforce.orgs.permissions import active, can_administer

_active = active


def sees_jurisdiction(user) -> bool:
    """Whether the user reads across the whole region of their agency rather than only its subtree."""
    agency = user.agency
    if agency is None:
        return False
    if agency.kind in OVERSIGHT_KINDS:
        return True
    return agency.parent_id is None and user.has_role(Role.SUPERVISOR)


def _agency_scope(user) -> Q:
    agency = user.agency
    subtree = Q(path__startswith=agency.path)
    if sees_jurisdiction(user) or agency.kind in JUSTICE_KINDS:
        return subtree | Q(region_code__startswith=agency.jurisdiction_prefix)
    return subtree


def visible_agencies(user) -> QuerySet[Agency]:
    if not _active(user):
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.all()
    if user.agency_id is None:
        return Agency.objects.none()
    return Agency.objects.filter(_agency_scope(user))


def visible_users(user) -> QuerySet[User]:
    if not _active(user):
        return User.objects.none()
    if user.is_superuser:
        return User.objects.all()
    if user.agency_id is None:
        return User.objects.none()
    if sees_jurisdiction(user):
        return User.objects.filter(agency__in=visible_agencies(user))
    return User.objects.filter(agency__path__startswith=user.agency.path)


def manageable_agencies(user) -> QuerySet[Agency]:
    """Agencies the user may create children under, edit, and put users in."""
    if not can_administer(user):
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.all()
    return Agency.objects.filter(path__startswith=user.agency.path)


def manageable_users(user) -> QuerySet[User]:
    if not can_administer(user):
        return User.objects.none()
    if user.is_superuser:
        return User.objects.all()
    return User.objects.filter(agency__path__startswith=user.agency.path, is_superuser=False)


def user_tokens(user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def with_roles(users: QuerySet[User]) -> QuerySet[User]:
    """Users with their agency and roles fetched in two queries in all, for lists."""
    return users.select_related("agency").prefetch_related("role_grants")


def _case_model():
    from django.apps import apps

    return apps.get_model("cases", "Case")


def visible_cases(user) -> QuerySet:
    """Cases the user may read: their agency's subtree; the whole jurisdiction for oversight bodies and top-level
    supervisors; for police and courts, the cases transferred into their reach."""
    Case = _case_model()
    if not _active(user):
        return Case.objects.none()
    if user.is_superuser:
        return Case.objects.all()
    if user.agency_id is None:
        return Case.objects.none()
    lookup = _case_agency_lookup(user)
    if lookup is None:
        return Case.objects.filter(pk__in=visible_transfers(user).values("case_id"))
    return Case.objects.filter(**{f"agency__{key}": value for key, value in lookup.items()})


def _case_agency_lookup(user) -> dict | None:
    """For an active user with an agency: the agencies whose cases they read, as a lookup on Agency; None for police,
    procuratorates and courts, who read the cases transferred to them rather than whole agencies."""
    if user.agency.kind in JUSTICE_KINDS - OVERSIGHT_KINDS:
        return None
    if sees_jurisdiction(user):
        return {"region_code__startswith": user.agency.jurisdiction_prefix}
    return {"path__startswith": user.agency.path}


def agency_id_sets(user) -> tuple[frozenset[int], frozenset[int]]:
    """For a user with an agency: the ids of their agency's subtree (`path` under theirs) and of their jurisdiction
    (`region_code` under their prefix), read in one query and kept on the user object. The lists filter an indexed
    agency column by these (`= ANY`), never an OR of joined agencies' paths (issue 20)."""
    agency = user.agency
    key = (agency.pk, agency.path, agency.jurisdiction_prefix)
    cached = getattr(user, "_agency_id_sets", None)
    if cached is not None and cached[0] == key:
        return cached[1]
    prefix = agency.jurisdiction_prefix
    subtree, region = set(), set()
    for pk, path, code in Agency.objects.filter(Q(path__startswith=agency.path) | Q(region_code__startswith=prefix)
                                                ).values_list("pk", "path", "region_code"):
        if path.startswith(agency.path):
            subtree.add(pk)
        if code.startswith(prefix):
            region.add(pk)
    user._agency_id_sets = (key, (frozenset(subtree), frozenset(region)))
    return user._agency_id_sets[1]


def case_agency_ids(user) -> frozenset[int] | None:
    """For an active user with an agency: the ids of `case_agencies`, None when their view of cases is not whole
    agencies (police, procuratorates' criminal side, courts)."""
    lookup = _case_agency_lookup(user)
    if lookup is None:
        return None
    subtree, region = agency_id_sets(user)
    return region if "region_code__startswith" in lookup else subtree


def by_case_agency(user, queryset: QuerySet, agency_field: str = "agency_id", case_field: str = "case") -> QuerySet:
    """The rows of `queryset` whose case the user may read (`visible_cases`), through the case's agency copied on
    the row as `agency_field` — an index on it serves the list — for all whose view of cases is whole agencies."""
    if not _active(user) or (user.agency_id is None and not user.is_superuser):
        return queryset.none()
    if user.is_superuser:
        return queryset
    ids = case_agency_ids(user)
    if ids is None:
        return queryset.filter(**{f"{case_field}__in": visible_cases(user)})
    return queryset.filter(**{f"{agency_field}__in": sorted(ids)})


def case_agencies(user) -> QuerySet[Agency] | None:
    """The agencies all of whose cases, and only those, `visible_cases` gives the user; None when their view of
    cases is not whole agencies. Statistics filter `agency_id IN (…)` by these, which an index ranges over."""
    if not _active(user) or (user.agency_id is None and not user.is_superuser):
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.all()
    lookup = _case_agency_lookup(user)
    return None if lookup is None else Agency.objects.filter(**lookup)


def _sorted_ids(sets) -> tuple[list[int], ...]:
    return tuple(sorted(ids) for ids in sets)


def visible_transfers(user) -> QuerySet:
    """Transfers the user may read: the bureau's own (its subtree); for police, procuratorates and courts those
    sent to an agency in their tree or to their jurisdiction; oversight bodies their whole jurisdiction."""
    from django.apps import apps

    Transfer = apps.get_model("linkage", "Transfer")
    if not _active(user):
        return Transfer.objects.none()
    if user.is_superuser:
        return Transfer.objects.all()
    if user.agency_id is None:
        return Transfer.objects.none()
    agency = user.agency
    subtree, region = _sorted_ids(agency_id_sets(user))
    scope = Q(bureau_id__in=subtree) | Q(case__agency_id__in=subtree)
    if agency.kind in JUSTICE_KINDS:
        scope |= Q(police_id__in=subtree) | Q(procuratorate_id__in=subtree) | Q(court_id__in=subtree)
        field = {"police": "police", "procuratorate": "procuratorate", "court": "court"}[agency.kind]
        scope |= Q(**{f"{field}_id__in": region})
    if sees_jurisdiction(user):
        scope |= Q(bureau_id__in=region)
    return Transfer.objects.filter(scope)


def visible_subtree_transfers(user, agency: Agency) -> QuerySet:
    """`visible_transfers` of the cases of `agency`'s subtree. When the agency is in the user's own subtree every
    transfer of its cases is visible, and the visibility OR (which joins every agency to every transfer) is left out."""
    subtree = visible_transfers(user).filter(case__agency__path__startswith=agency.path)
    if _active(user) and (user.is_superuser or (user.agency_id and agency.path.startswith(user.agency.path))):
        return subtree.model.objects.filter(case__agency__path__startswith=agency.path)
    return subtree


ASSESSOR_ROLES = (Role.UNIT_HEAD, Role.AGENCY_HEAD, Role.SUPERVISOR, Role.STATISTICIAN, Role.SYSADMIN)


def assesses_others(user) -> bool:
    """Whether the user reads the performance of the units and officers below them, not only their own."""
    if not _active(user):
        return False
    return user.is_superuser or (user.agency_id is not None and user.agency.kind not in JUSTICE_KINDS
                                 and user.has_role(*ASSESSOR_ROLES))


def assessable_officers(user) -> QuerySet[User]:
    """Case officers whose performance the user may read: all those below a head, supervisor or statistician;
    an officer only themselves."""
    officers = User.objects.filter(role_grants__role=Role.CASE_OFFICER, is_active=True)
    if assesses_others(user):
        return officers.filter(pk__in=visible_users(user).values("pk"))
    if assessed_alone(user):
        return officers.filter(pk=user.pk)
    return User.objects.none()


def assessed_alone(user) -> bool:
    return _active(user) and user.agency_id is not None and user.has_role(Role.CASE_OFFICER)


def acting_agency_ids(agency) -> set[int]:
    """The agencies whose staff act on a case of `agency`: the agency itself and, for a 市场监管所 (a field office
    that decides in its bureau's name), the bureau above it."""
    ids = {agency.pk}
    if agency.level == AgencyLevel.OFFICE and agency.parent_id:
        ids.add(agency.parent_id)
    return ids


def nearest_role_holders(agency: Agency) -> dict[str, int]:
    """For each role: the id of the nearest agency, from `agency` upwards, where an active user holds it."""
    chain = list(reversed(path_ids(agency.path)))  # the agency first, then its parent, …
    depth = {pk: index for index, pk in enumerate(chain)}
    nearest: dict[str, int] = {}
    for agency_id, role in (RoleGrant.objects.filter(user__is_active=True, user__agency_id__in=chain)
                            .values_list("user__agency_id", "role").distinct()):
        if role not in nearest or depth[agency_id] < depth[nearest[role]]:
            nearest[role] = agency_id
    return nearest


def covered_agencies(user) -> dict[str, set[int]]:
    """For each role the user holds: the agencies whose work in that role reaches them — their own, and every
    agency below it with nobody holding the role on the way down (a 市场监管所 without a 机关负责人 is covered by
    its bureau's heads). Computed once per user object: one query."""
    cached = getattr(user, "_covered_agencies", None)
    if cached is not None:
        return cached
    roles, agency = user.role_set, user.agency
    if not roles:
        user._covered_agencies = {}
        return {}
    held = (RoleGrant.objects.filter(user__agency_id=OuterRef("pk"), user__is_active=True, role__in=roles)
            .order_by().values("user__agency_id").annotate(roles=RoleList("role")).values("roles"))
    below = sorted(Agency.objects.filter(path__startswith=agency.path).exclude(pk=agency.pk)
                   .annotate(held=Subquery(held)).values_list("path", "pk", "held"))
    holders = {(pk, role) for _path, pk, listed in below for role in (listed or "").split(",") if role}
    covered = {}
    for role in roles:
        reached = {agency.pk}
        for path, pk, _held in below:  # parents sort before their children
            if path_ids(path)[-2] in reached and (pk, role) not in holders:
                reached.add(pk)
        covered[role] = reached
    user._covered_agencies = covered
    return covered


def work_queue(user, where: Q | None = None) -> QuerySet[WorkItem]:
    """The open work items this user may act on now: those naming them, and those for a role they hold today at
    an agency they cover (see `covered_agencies`), less those that exclude them; `where` narrows them (e.g. to
    approvals). Each of the two ways is its own index range scan (the items naming the user through
    `work_person_user_idx`, those of their roles through `work_open_role_idx`) and the queue is their union, so
    what a page reads grows with the user's queue, never with all the work items there are (issue 20); an OR of
    the two in one WHERE made PostgreSQL scan every open item."""
    if not _active(user):
        return WorkItem.objects.none()
    waiting = WorkItem.objects.filter(state=WorkItem.OPEN).order_by()
    if where is not None:
        waiting = waiting.filter(where)
    ways = [waiting.filter(pk__in=WorkItemPerson.objects.filter(user=user, excluded=False).values("item_id"))
            .values("pk")]
    if user.agency_id is not None:
        by_role = Q()
        for role, agencies in covered_agencies(user).items():
            by_role |= Q(eligible_role=role, assignee_agency_id__in=agencies)
        if by_role:
            excluded = WorkItemPerson.objects.filter(user=user, excluded=True).values("item_id")
            ways.append(waiting.filter(by_role).exclude(pk__in=excluded).values("pk"))
    ids = ways[0].union(*ways[1:], all=True) if len(ways) > 1 else ways[0]
    return (
        WorkItem.objects.filter(pk__in=ids)
        .select_related("assignee_agency")
        .order_by(models.F("due_at").asc(nulls_last=True), "created_at", "pk")
    )


def work_item_recipients(item_ids: list[int]) -> dict[int, set[int]]:
    """For each work item: the ids of the active users whose queue it is in now — the people it names, else the
    holders of its role at the nearest agency upwards from its agency that has one (the agencies
    `covered_agencies` resolves from the other side) — less those it excludes."""
    items = list(WorkItem.objects.filter(pk__in=item_ids).select_related("assignee_agency"))
    named: dict[int, set[int]] = {item.pk: set() for item in items}
    excluded: dict[int, set[int]] = {item.pk: set() for item in items}
    for item_id, user_id, is_excluded in WorkItemPerson.objects.filter(item_id__in=item_ids).values_list(
            "item_id", "user_id", "excluded"):
        (excluded if is_excluded else named)[item_id].add(user_id)
    active = set(User.objects.filter(pk__in=set().union(*named.values()), is_active=True).values_list("pk", flat=True))
    nearest: dict[int, dict[str, int]] = {}
    holders: dict[tuple[int, str], set[int]] = {}
    out = {}
    for item in items:
        if named[item.pk] or not (item.eligible_role and item.assignee_agency):
            out[item.pk] = named[item.pk] & active
            continue
        if item.assignee_agency_id not in nearest:
            nearest[item.assignee_agency_id] = nearest_role_holders(item.assignee_agency)
        key = (nearest[item.assignee_agency_id].get(item.eligible_role), item.eligible_role)
        if key[0] is not None and key not in holders:
            holders[key] = set(User.objects.filter(is_active=True, agency_id=key[0], role_grants__role=key[1])
                               .values_list("pk", flat=True))
        out[item.pk] = holders.get(key, set()) - excluded[item.pk]
    return out


def _protection_model(name: str):
    from django.apps import apps

    return apps.get_model("protection", name)


def _protection_scope(user, own: Q) -> Q | None:
    """What a user reaches of the protection centre's work: outside organisations (rights holders, platforms) only
    `own` — what they submitted or what was addressed to them; the centre its own subtree; a bureau the items
    referred to it; oversight bodies and top-level supervisors their whole jurisdiction."""
    agency = user.agency
    if agency.kind in OUTSIDE_KINDS:
        return own
    subtree, region = _sorted_ids(agency_id_sets(user))
    scope = own | Q(centre_id__in=subtree)
    if sees_jurisdiction(user):
        scope |= Q(centre_id__in=region)
    return scope


def visible_complaints(user) -> QuerySet:
    """Complaints (投诉) the user may read: a rights holder its own, the centre its own, a bureau those referred to
    it (its subtree), oversight its jurisdiction."""
    Complaint = _protection_model("Complaint")
    if not _active(user):
        return Complaint.objects.none()
    if user.is_superuser:
        return Complaint.objects.all()
    if user.agency_id is None or user.agency.kind in JUSTICE_KINDS - OVERSIGHT_KINDS:
        return Complaint.objects.none()
    subtree = sorted(agency_id_sets(user)[0])
    own = Q(complainant_id__in=subtree) | Q(bureau_id__in=subtree)
    return Complaint.objects.filter(_protection_scope(user, own))


def visible_notices(user) -> QuerySet:
    """Takedown notices (通知) the user may read: a platform only those addressed to it, a rights holder its own,
    the centre those it sent, market-regulation and IP bureaus those of their jurisdiction (a platform that does
    not act answers to them, 《电子商务法》第八十四条), oversight its jurisdiction."""
    Notice = _protection_model("TakedownNotice")
    if not _active(user):
        return Notice.objects.none()
    if user.is_superuser:
        return Notice.objects.all()
    if user.agency_id is None or user.agency.kind in JUSTICE_KINDS - OVERSIGHT_KINDS:
        return Notice.objects.none()
    subtree, region = _sorted_ids(agency_id_sets(user))
    own = Q(platform_id__in=subtree) | Q(right_holder_id__in=subtree)
    scope = _protection_scope(user, own)
    if user.agency.kind in (AgencyKind.MARKET_REGULATION, AgencyKind.IP_OFFICE):
        scope |= Q(centre_id__in=region)
    return Notice.objects.filter(scope)


def visible_adjudications(user) -> QuerySet:
    """Patent-dispute adjudications the user may read: the handling bureau's subtree, the petitioner's own, the
    centre that referred the complaint, oversight its jurisdiction."""
    Adjudication = _protection_model("Adjudication")
    if not _active(user):
        return Adjudication.objects.none()
    if user.is_superuser:
        return Adjudication.objects.all()
    if user.agency_id is None or user.agency.kind in JUSTICE_KINDS - OVERSIGHT_KINDS:
        return Adjudication.objects.none()
    agency = user.agency
    scope = Q(petitioner__path__startswith=agency.path)
    if agency.kind not in OUTSIDE_KINDS:
        scope |= Q(bureau__path__startswith=agency.path) | Q(complaint__centre__path__startswith=agency.path)
        if sees_jurisdiction(user):
            scope |= Q(bureau__region_code__startswith=agency.jurisdiction_prefix)
    return Adjudication.objects.filter(scope)


def visible_mediations(user) -> QuerySet:
    """Mediations the user may read: the mediating organisation's subtree; a court those it assigned or entrusted;
    oversight its jurisdiction."""
    Mediation = _protection_model("Mediation")
    if not _active(user):
        return Mediation.objects.none()
    if user.is_superuser:
        return Mediation.objects.all()
    if user.agency_id is None or user.agency.kind in OUTSIDE_KINDS:
        return Mediation.objects.none()
    agency = user.agency
    scope = Q(organisation__path__startswith=agency.path) | Q(court__path__startswith=agency.path)
    if sees_jurisdiction(user):
        scope |= Q(organisation__region_code__startswith=agency.jurisdiction_prefix)
    return Mediation.objects.filter(scope)


def visible_registrations(user) -> QuerySet:
    """Outside organisations' applications for an account: the centre they were sent to (its subtree) checks them;
    nobody else reads them (the applicant has no account yet)."""
    Registration = _protection_model("Registration")
    if not _active(user):
        return Registration.objects.none()
    if user.is_superuser:
        return Registration.objects.all()
    if user.agency_id is None or user.agency.kind != AgencyKind.PROTECTION_CENTRE:
        return Registration.objects.none()
    return Registration.objects.filter(centre__path__startswith=user.agency.path)
