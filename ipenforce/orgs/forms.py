"""Forms for agency and user administration, tokens and list filters (validation of substance is in services)."""
from django import forms
from django.utils.translation import gettext_lazy as _

from ipenforce.core.forms import BootstrapForm
from ipenforce.orgs.choices import AgencyKind, AgencyLevel, Role


class DateInput(forms.DateInput):
    input_type = "date"


class AgencyForm(BootstrapForm):
    parent = forms.ModelChoiceField(queryset=None, required=False, label=_("上级单位"), empty_label=_("（顶级单位）"))
    name = forms.CharField(label=_("单位名称"), max_length=100)
    short_name = forms.CharField(label=_("文号简称"), max_length=20,
                                 help_text=_("用于案件编号和文书文号，例如“深市监”。"))
    kind = forms.ChoiceField(label=_("单位类型"), choices=AgencyKind.choices)
    level = forms.ChoiceField(label=_("层级"), choices=AgencyLevel.choices)
    region_code = forms.CharField(label=_("行政区划代码"), max_length=6, min_length=6)
    is_active = forms.BooleanField(label=_("启用"), required=False, initial=True)

    def __init__(self, *args, parents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents


class UserForm(BootstrapForm):
    username = forms.CharField(label=_("用户名"), max_length=150)
    password = forms.CharField(label=_("初始密码"), widget=forms.PasswordInput, required=False)
    full_name = forms.CharField(label=_("姓名"), max_length=50, required=False)
    agency = forms.ModelChoiceField(queryset=None, label=_("所属单位"))
    roles = forms.MultipleChoiceField(label=_("角色"), choices=Role.choices, widget=forms.CheckboxSelectMultiple)
    phone = forms.CharField(label=_("联系电话"), max_length=30, required=False)
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    certificate_no = forms.CharField(label=_("执法证号"), max_length=40, required=False)
    certificate_valid_from = forms.DateField(label=_("执法证有效期起"), required=False, widget=DateInput)
    certificate_valid_to = forms.DateField(label=_("执法证有效期止"), required=False, widget=DateInput)
    is_active = forms.BooleanField(label=_("启用"), required=False, initial=True)

    def __init__(self, *args, agencies, editing: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        if editing:
            del self.fields["password"]
            self.fields["username"].disabled = True
        else:
            self.fields["password"].required = True
            del self.fields["is_active"]


class TokenForm(BootstrapForm):
    name = forms.CharField(label=_("令牌名称"), max_length=60)
    days = forms.IntegerField(label=_("有效天数"), min_value=1, max_value=366, initial=90)


class AgencyFilterForm(BootstrapForm):
    q = forms.CharField(label=_("名称"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("单位类型"), required=False, choices=[("", _("全部类型"))] + AgencyKind.choices)


class UserFilterForm(BootstrapForm):
    q = forms.CharField(label=_("用户名或姓名"), required=False, max_length=100)
    role = forms.ChoiceField(label=_("角色"), required=False, choices=[("", _("全部角色"))] + Role.choices)
    is_active = forms.NullBooleanField(
        label=_("状态"), required=False,
        widget=forms.Select(choices=[("", _("全部")), ("true", _("启用")), ("false", _("停用"))]),
    )
