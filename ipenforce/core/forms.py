"""Forms of the kernel: the Bootstrap base form and service errors shown on the field they name, the due-date
calculator and the working-day calendar."""
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipenforce.core import rules
from ipenforce.core.errors import ApplicationError


def add_service_error(form: forms.Form, exc: ApplicationError, aliases: dict[str, str] | None = None) -> None:
    field = (aliases or {}).get(exc.field, exc.field)
    if not hasattr(form, "cleaned_data"):  # an unbound form (a page's first view) can carry the error too
        form.cleaned_data = {}
    form.add_error(field if field in form.fields else None, exc.message)


def bootstrap_widgets(form: forms.BaseForm) -> None:
    """Give each widget of the form Bootstrap's class for its kind."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple):
            css = ""
        elif isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        if css:
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class BootstrapForm(forms.Form):
    """A form whose widgets carry Bootstrap's classes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self)


class BootstrapModelForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self)


class YearForm(BootstrapForm):
    year = forms.IntegerField(label=gettext_lazy("年份"), min_value=2000, max_value=2100)


class DayForm(BootstrapForm):
    date = forms.DateField(label=gettext_lazy("日期"), widget=forms.DateInput(attrs={"type": "date"}))
    is_working_day = forms.TypedChoiceField(
        label=gettext_lazy("类型"), coerce=lambda v: v == "1",
        choices=[("0", gettext_lazy("休息日（节假日）")), ("1", gettext_lazy("工作日（调休上班）"))],
    )
    name = forms.CharField(label=gettext_lazy("说明"), max_length=50, required=False)


class DueForm(BootstrapForm):
    rule = forms.ChoiceField(label=gettext_lazy("期限规则"))
    start = forms.DateField(label=gettext_lazy("起算日"), widget=forms.DateInput(attrs={"type": "date"}))
    extensions_granted = forms.IntegerField(label=gettext_lazy("已批准延长次数"), min_value=0, max_value=5, initial=0)
    pause_start = forms.DateField(label=gettext_lazy("不计入期间起"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))
    pause_end = forms.DateField(label=gettext_lazy("不计入期间止"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule"].choices = [
            (r.key, r.title) for r in rules.all_rules() if isinstance(r, rules.TimeLimitRule)
        ]

    def clean(self):
        data = super().clean()
        if data.get("pause_end") and not data.get("pause_start"):
            self.add_error("pause_start", _("填写不计入期间止时必须填写起始日。"))
        if data.get("pause_start") and data.get("pause_end") and data["pause_end"] < data["pause_start"]:
            self.add_error("pause_end", _("不计入期间止不能早于起始日。"))
        return data


def posted_version(request) -> int:
    """The version a page's form was made from; anything but a number is no version, which the services answer
    with a conflict (409) rather than an error."""
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() and len(value) < 10 else 0
