"""The form of any action, built from its declared fields; the engine parses and validates what is submitted."""
from django import forms
from django.utils.translation import gettext_lazy as _

from ipenforce.core.forms import BootstrapForm
from ipenforce.workflow.definitions import Action


def action_form_class(action: Action, choices: dict | None = None) -> type[BootstrapForm]:
    """A Django form for the action's fields. `choices` gives the options of fields whose values depend on the
    subject or the user (the officers who may be assigned, the police agencies)."""
    choices = choices or {}
    form_fields = {}
    for f in action.fields:
        if f.kind == "text":
            field = forms.CharField(label=f.label, required=f.required, widget=forms.Textarea(attrs={"rows": 2}))
        elif f.kind == "date":
            field = forms.CharField(label=f.label, required=f.required, widget=forms.DateInput(attrs={"type": "date"}))
        elif f.kind == "money":
            field = forms.CharField(label=f.label, required=f.required,
                                    widget=forms.TextInput(attrs={"inputmode": "decimal"}))
        elif f.kind == "choice":
            field = forms.ChoiceField(label=f.label, required=f.required, choices=[("", "—"), *f.choices])
        elif f.kind == "agency":
            field = forms.ChoiceField(label=f.label, required=f.required, choices=choices.get(f.name, ()))
        elif f.kind == "bool":
            field = forms.BooleanField(label=f.label, required=False)
        elif f.kind == "users":
            field = forms.MultipleChoiceField(label=f.label, required=f.required, choices=choices.get(f.name, ()),
                                              widget=forms.CheckboxSelectMultiple)
        else:  # schedule
            field = forms.CharField(label=f.label, required=f.required, widget=forms.Textarea(
                attrs={"rows": 3, "placeholder": "2026-12-31 5000"}))
        form_fields[f.name] = field
    if "comment" not in form_fields:
        form_fields["comment"] = forms.CharField(label=_("意见"), required=False,
                                                 widget=forms.Textarea(attrs={"rows": 2}))
    return type("ActionForm", (BootstrapForm,), form_fields)
