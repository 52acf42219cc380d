"""The form of a transfer step: the engine's action form with the agencies a step may name."""
from ipenforce.linkage.workflow import TRANSFER
from ipenforce.orgs.choices import AgencyKind
from ipenforce.orgs.models import Agency
from ipenforce.workflow.forms import action_form_class

AGENCY_KIND_OF_FIELD = {"police_id": AgencyKind.POLICE, "court_id": AgencyKind.COURT}


def step_form(key: str, data=None):
    action = TRANSFER.actions[key]
    choices = {f.name: [(str(a.pk), a.name) for a in Agency.objects.filter(
        kind=AGENCY_KIND_OF_FIELD[f.name], is_active=True).order_by("path")]
        for f in action.fields if f.kind == "agency"}
    form = action_form_class(action, choices)(data, prefix=key)
    for name in choices:
        form.fields[name].widget.attrs["class"] = "form-select"
    return form
