"""Forms of the protection desk: a complaint, a step of a complaint or a notice (the engine's action form with the
agencies a step may name), the centre's targets."""
from django import forms
from django.utils.translation import gettext_lazy as _

from ipenforce.core.forms import BootstrapForm, BootstrapModelForm
from ipenforce.protection.models import Complaint, Mediator, Registration, RightsCertificate
from ipenforce.protection.selectors import bureaus, platforms
from ipenforce.workflow.forms import action_form_class

AGENCY_CHOICES = {"bureau_id": bureaus, "platform_id": platforms}


class ComplaintForm(BootstrapModelForm):
    received_on = forms.DateField(label=_("登记日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    class Meta:
        model = Complaint
        fields = ["complainant_name", "complainant_contact", "identity", "ip_type", "right_text", "accused_name",
                  "shop_url", "evidence", "request", "key_enterprise"]
        widgets = {name: forms.Textarea(attrs={"rows": 2})
                   for name in ("identity", "right_text", "evidence", "request")}

    certificate_ids = forms.ModelMultipleChoiceField(
        label=_("引用本单位已登记的权利证书"), queryset=RightsCertificate.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, centre_desk: bool = True, certificates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not centre_desk:  # a rights holder files for itself; the 直通车 flag is the centre's
            for name in ("complainant_name", "key_enterprise", "received_on"):
                del self.fields[name]
        if certificates is None:
            del self.fields["certificate_ids"]
        else:
            self.fields["certificate_ids"].queryset = certificates


def step_form(procedure, key: str, data=None):
    action = procedure.actions[key]
    choices = {f.name: [(str(a.pk), a.name) for a in AGENCY_CHOICES[f.name]()]
               for f in action.fields if f.kind == "agency"}
    return action_form_class(action, choices)(data, prefix=key)


class TargetForm(BootstrapForm):
    acceptance_working_days = forms.IntegerField(label=_("投诉受理审查目标（工作日）"), min_value=1, max_value=60,
                                                 help_text=_("本中心自定的工作目标，不是法定期限。"))
    priority_working_days = forms.IntegerField(
        label=_("重点企业（直通车）投诉受理审查目标（工作日）"), min_value=1, max_value=60, required=False,
        help_text=_("本中心自定的较短工作目标，不是法定期限；不填则与一般投诉相同。"))


class MediatorForm(BootstrapModelForm):
    class Meta:
        model = Mediator
        fields = ["name", "roster", "speciality"]


class CertificateForm(BootstrapModelForm):
    file = forms.FileField(label=_("证书文件（PDF、JPEG、PNG，不超过10 MB）"))

    class Meta:
        model = RightsCertificate
        fields = ["ip_type", "number", "title", "owner_name", "valid_until"]
        widgets = {"valid_until": forms.DateInput(attrs={"type": "date"})}


class RegistrationForm(BootstrapModelForm):
    password = forms.CharField(label=_("密码"), widget=forms.PasswordInput, strip=False)
    password_again = forms.CharField(label=_("再次输入密码"), widget=forms.PasswordInput, strip=False)
    file = forms.FileField(label=_("营业执照等证明文件（PDF、JPEG、PNG，不超过10 MB）"))

    class Meta:
        model = Registration
        fields = ["organisation_name", "kind", "uscc", "contact_name", "phone", "email", "username"]

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("两次输入的密码不一致。"))
        return data
