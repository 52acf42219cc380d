"""Who may act on a subject: an actor of its procedure resolved to people — the one answer that the engine, the
pages, the API, the menus and the work items all use — and the names a refusal gives of who must act."""
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ipenforce.orgs.choices import Role
from ipenforce.orgs.models import Agency, User
from ipenforce.orgs.selectors import nearest_role_holders
from ipenforce.workflow.definitions import Action, Actor, Procedure
from ipenforce.workflow.models import Approval

NAMES_SHOWN = 3


def acting_agency_id(procedure: Procedure, subject, actor: Actor, cache: dict | None = None) -> int | None:
    """The agency whose holders of the actor's role act: the nearest one upwards from the actor's agency of the
    subject that has someone in the role (that agency itself when nobody anywhere has it). `cache` (one per
    request: the user's) spares a query per subject on a list of subjects of the same agencies."""
    agency = procedure.agency_of(subject, actor.at)
    if agency is None:
        return None
    cache = cache if cache is not None else subject.__dict__.setdefault("_workflow_holders", {})
    if agency.pk not in cache:
        cache[agency.pk] = nearest_role_holders(agency)
    return cache[agency.pk].get(actor.role, agency.pk)


def acting_agency(procedure: Procedure, subject, actor: Actor, cache: dict | None = None):
    """The agency that acts as `actor` (for display): the officers' own where they are named, else the agency
    whose role holders the work reaches. `cache` as for `acting_agency_id`."""
    agency = procedure.agency_of(subject, actor.at)
    if agency is None or (actor.assigned and procedure.officers(subject)):
        return agency
    agency_id = acting_agency_id(procedure, subject, actor, cache)
    if agency.pk == agency_id:
        return agency
    cache = cache if cache is not None else {}
    if ("agency", agency_id) not in cache:
        cache[("agency", agency_id)] = Agency.objects.get(pk=agency_id)
    return cache[("agency", agency_id)]


def _officer_ids(procedure: Procedure, subject) -> set[int]:
    return {user.pk for user in procedure.officers(subject)}


def is_actor(procedure: Procedure, subject, actor: Actor, user) -> bool:
    if not (user and user.is_authenticated and user.is_active and user.agency_id and user.has_role(actor.role)):
        return False
    officers = _officer_ids(procedure, subject)
    if actor.independent and user.pk in officers:
        return False
    if actor.assigned and officers:
        return user.pk in officers
    return user.agency_id == acting_agency_id(procedure, subject, actor, request_cache(user))


def request_cache(user) -> dict:
    """Role holders by agency, kept on the user object of one request (a list of subjects asks once per agency)."""
    return user.__dict__.setdefault("_role_holders", {})


def may_start(procedure: Procedure, subject, action: Action, user) -> bool:
    """Whether `user` may take `action` on `subject` as one of its actors (its guards aside)."""
    return any(is_actor(procedure, subject, actor, user) for actor in action.by)


def may_answer(procedure: Procedure, subject, approval: Approval | None, user) -> bool:
    """Whether `user` answers the approval now: the actor its chain awaits, never the proposer."""
    if approval is None or approval.status != Approval.PENDING or user.pk == approval.proposer_id:
        return False
    return is_actor(procedure, subject, procedure.actors[approval.awaiting], user)


def people(procedure: Procedure, subject, actor: Actor) -> QuerySet[User]:
    """The people who are the actor for this subject now."""
    officers = _officer_ids(procedure, subject)
    if actor.assigned and officers:
        return User.objects.filter(pk__in=officers, is_active=True)
    users = User.objects.filter(is_active=True, agency_id=acting_agency_id(procedure, subject, actor),
                                role_grants__role=actor.role)
    return users.exclude(pk__in=officers) if actor.independent else users


def describe(procedure: Procedure, subject, actor: Actor) -> str:
    """The actor named for a message: "办案机构负责人（林科长）", or the role and the agency when nobody holds it."""
    names = [u.display_name for u in people(procedure, subject, actor).order_by("username")[:NAMES_SHOWN + 1]]
    role = str(Role(actor.role).label)
    if not names:
        agency = procedure.agency_of(subject, actor.at)
        return _("%(agency)s的%(role)s（尚无人担任）") % {"agency": agency.name if agency else "", "role": role}
    shown = "、".join(names[:NAMES_SHOWN]) + (_("等") if len(names) > NAMES_SHOWN else "")
    return _("%(role)s（%(names)s）") % {"role": role, "names": shown}


def who_acts(procedure: Procedure, subject, actors) -> str:
    return "；".join(describe(procedure, subject, actor) for actor in actors)
