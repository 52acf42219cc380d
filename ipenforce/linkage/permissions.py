"""Every "may this user …" answer about transfers and the procuratorate's supervision."""
from ipenforce.linkage.workflow import OFFICERS, TRANSFER
from ipenforce.orgs.choices import OUTSIDE_KINDS, OVERSIGHT_KINDS, AgencyKind, Role
from ipenforce.workflow.permissions import is_actor


def may_attach(user, transfer, step) -> bool:
    """Documents are attached to a step by the agency that took it: the case's officers for the bureau's steps
    (the 所's own officers included), the liaisons of the police, procuratorate or court for theirs."""
    action = TRANSFER.actions.get(step.action)
    actors = (action.by or (OFFICERS,)) if action else ()
    return any(is_actor(TRANSFER, transfer, actor, user) for actor in actors)


def may_supervise(user) -> bool:
    """Procuratorate liaisons and supervisors issue supervision opinions (检察意见)."""
    return bool(user.agency_id and user.agency.kind == AgencyKind.PROCURATORATE
                and user.has_role(Role.PROCURATORATE_LIAISON, Role.SUPERVISOR))


def reads_opinions(user) -> bool:
    """Supervision opinions are for the bureau and the supervisors, not for the police or the courts."""
    return user.is_superuser or bool(user.agency_id and user.agency.kind not in (AgencyKind.POLICE, AgencyKind.COURT))


def reads_supervision(user) -> bool:
    """The supervision view (menu): superusers and oversight bodies."""
    return user.is_superuser or bool(user.agency_id and user.agency.kind in OVERSIGHT_KINDS)


def reads_transfers(user) -> bool:
    """The transfer queue (menu): every agency's users may have transfers in their reach — not outside
    organisations (rights holders, platforms)."""
    return user.is_superuser or bool(user.agency_id and user.agency.kind not in OUTSIDE_KINDS)
