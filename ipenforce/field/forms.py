"""Forms of the record pages: a record (its questions as 问/答 lines) and a signature drawn on the pad."""
from django import forms
from django.utils.translation import gettext_lazy

from ipenforce.cases.selectors import assignable_officers
from ipenforce.core.forms import BootstrapForm
from ipenforce.field.choices import RecordKind, SignerRole

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def parse_questions(text: str) -> list[dict]:
    """Lines starting with 问： open a question, lines with 答： its answer; other lines continue the last one."""
    out, current = [], None
    for line in (text or "").splitlines():
        stripped = line.strip()
        if stripped.startswith(("问：", "问:")):
            current = {"q": stripped[2:].strip(), "a": ""}
            out.append(current)
        elif stripped.startswith(("答：", "答:")) and current is not None:
            current["a"] = (current["a"] + "\n" + stripped[2:].strip()).strip()
        elif stripped and current is not None:
            key = "a" if current["a"] else "q"
            current[key] = (current[key] + "\n" + stripped).strip()
    return out


def questions_text(questions: list[dict]) -> str:
    return "\n".join(f"问：{q['q']}\n答：{q['a']}" for q in questions)


class RecordForm(BootstrapForm):
    kind = forms.ChoiceField(label=gettext_lazy("笔录种类"), choices=RecordKind.choices)
    started_at = forms.DateTimeField(label=gettext_lazy("开始时间"), widget=DATETIME)
    ended_at = forms.DateTimeField(label=gettext_lazy("结束时间"), widget=DATETIME, required=False)
    place = forms.CharField(label=gettext_lazy("地点"), max_length=200)
    officer_ids = forms.MultipleChoiceField(label=gettext_lazy("执法人员（至少两名，持有效执法证）"),
                                            widget=forms.CheckboxSelectMultiple)
    certificates_shown = forms.BooleanField(label=gettext_lazy("执法人员已出示执法证件"), required=False)
    party_present = forms.BooleanField(label=gettext_lazy("当事人（被询问人）在场"), required=False, initial=True)
    person_name = forms.CharField(label=gettext_lazy("当事人或被询问人姓名"), max_length=100, required=False)
    person_role = forms.CharField(label=gettext_lazy("身份（法定代表人、现场负责人、委托代理人等）"), max_length=60,
                                  required=False)
    person_id_number = forms.CharField(label=gettext_lazy("身份证件号码"), max_length=40, required=False)
    person_phone = forms.CharField(label=gettext_lazy("联系电话"), max_length=40, required=False)
    person_address = forms.CharField(label=gettext_lazy("住址或单位"), max_length=200, required=False)
    witness_name = forms.CharField(label=gettext_lazy("见证人姓名"), max_length=100, required=False)
    witness_id_number = forms.CharField(label=gettext_lazy("见证人身份证件号码"), max_length=40, required=False)
    rights_read = forms.BooleanField(label=gettext_lazy("已告知权利义务（申请回避、如实回答等）"), required=False)
    findings = forms.CharField(label=gettext_lazy("现场检查情况"), widget=forms.Textarea(attrs={"rows": 4}),
                               required=False)
    measures = forms.CharField(label=gettext_lazy("采取的措施"), widget=forms.Textarea(attrs={"rows": 2}),
                               required=False)
    questions = forms.CharField(label=gettext_lazy("问答（每问以“问：”开头，每答以“答：”开头）"),
                                widget=forms.Textarea(attrs={"rows": 6}), required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer_ids"].choices = [(str(u.pk), f"{u.display_name}（{u.certificate_no or '无执法证'}）")
                                              for u in assignable_officers(case)]

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("kind", None)
        data["officer_ids"] = [int(i) for i in data["officer_ids"]]
        data["questions"] = parse_questions(data["questions"])
        return data


class SignatureForm(BootstrapForm):
    signer = forms.ChoiceField(label=gettext_lazy("签名人"))
    name = forms.CharField(label=gettext_lazy("见证人姓名"), max_length=100, required=False)
    refused = forms.BooleanField(label=gettext_lazy("当事人拒绝签名（不签名，记录拒绝情况，并由见证人签名）"),
                                 required=False)
    note = forms.CharField(label=gettext_lazy("拒绝签名情况"), max_length=300, required=False)
    image = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, record, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(f"officer:{o['id']}", f"{SignerRole.OFFICER.label}：{o['name']}") for o in record.officers]
        if record.party_present:
            choices.append(("party", f"{SignerRole.PARTY.label}：{record.person_name}"))
        choices.append(("witness", SignerRole.WITNESS.label))
        self.fields["signer"].choices = choices

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        role, _sep, officer = data.pop("signer").partition(":")
        return {**data, "role": role, "officer_id": int(officer) if officer else None}
