"""Enumerations of the case: sources, IP types, procedures, states, party kinds, decision outcomes."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    INSPECTION = "inspection", _("监督检查")
    COMPLAINT = "complaint", _("投诉")
    REPORT = "report", _("举报")
    TRANSFER_IN = "transfer_in", _("其他机关移送")
    ASSIGNED = "assigned", _("上级交办")
    ECOMMERCE = "ecommerce", _("电商监测")
    OTHER = "other", _("其他")


class IpType(models.TextChoices):
    PATENT = "patent", _("专利（假冒专利）")
    TRADEMARK = "trademark", _("商标（侵权）")
    COPYRIGHT = "copyright", _("版权（侵权）")


class MatterType(models.TextChoices):
    """What a case is about: the three IP types, and trade secrets under 反不正当竞争法 (legal-rules.md §3.3.7, F7),
    which the protection centre and the IP statistics do not handle (they keep IpType)."""

    PATENT = IpType.PATENT.value, IpType.PATENT.label
    TRADEMARK = IpType.TRADEMARK.value, IpType.TRADEMARK.label
    COPYRIGHT = IpType.COPYRIGHT.value, IpType.COPYRIGHT.label
    TRADE_SECRET = "trade_secret", _("商业秘密（反不正当竞争法）")


# The offence each IP type is handled as, named by its fine rule in rules/fines.yaml.
FINE_RULE_BY_IP_TYPE = {
    IpType.PATENT: "fine.patent_counterfeiting",
    IpType.TRADEMARK: "fine.trademark_infringement",
    IpType.COPYRIGHT: "fine.copyright_infringement",
    MatterType.TRADE_SECRET: "fine.trade_secret",
}

# Nice classes 35–45 are services (尼斯分类), 1–34 goods: a service mark's counterfeiting has its own thresholds
# under the 2025 interpretation (legal-rules.md §3.3.1).
SERVICE_CLASSES = range(35, 46)


class Offence(models.TextChoices):
    """Which article the case is handled under, where an IP type has more than one (legal-rules.md §4). Empty: the
    IP type's main offence (FINE_RULE_BY_IP_TYPE)."""

    DEFAULT = "", _("按知识产权类型的主要违法行为")
    TM_UNREGISTERED_REQUIRED = "tm_unregistered_required", _("必须使用注册商标的商品未使用注册商标（商标法第五十一条）")
    TM_FALSE_REGISTERED = "tm_false_registered", _("冒充注册商标或使用禁用标志（商标法第五十二条）")
    PATENT_OTHERS = "patent_others", _("假冒他人专利（标注、使用他人专利号，伪造他人专利证书）")
    PATENT_OTHER_ACTS = ("patent_other_acts",
                         _("其他假冒专利行为（无专利或专利失效后标注等，专利法实施细则第一百零一条）"))
    TM_LABELS = "tm_labels", _("非法制造、销售非法制造的注册商标标识（商标法第五十七条第四项）")
    TM_WELL_KNOWN_WORDS = "tm_well_known_words", _("使用“驰名商标”字样（商标法第五十三条）")
    ECOMMERCE_PLATFORM = "ecommerce_platform", _("电子商务平台未对侵权采取必要措施（电子商务法第八十四条）")


# The fine rule of an offence other than the IP type's main one, and the IP type it belongs to (None: any).
FINE_RULE_BY_OFFENCE = {
    Offence.TM_LABELS: ("fine.trademark_infringement", IpType.TRADEMARK),
    Offence.TM_WELL_KNOWN_WORDS: ("fine.trademark_well_known_words", IpType.TRADEMARK),
    Offence.ECOMMERCE_PLATFORM: ("fine.ecommerce_platform", None),
    Offence.TM_UNREGISTERED_REQUIRED: ("fine.trademark_unregistered_required", IpType.TRADEMARK),
    Offence.TM_FALSE_REGISTERED: ("fine.trademark_false_registered", IpType.TRADEMARK),
    Offence.PATENT_OTHERS: ("fine.patent_counterfeiting", IpType.PATENT),
    Offence.PATENT_OTHER_ACTS: ("fine.patent_counterfeiting", IpType.PATENT),
}
# Offences that are not the conduct of an IP crime: no criminal threshold is measured for them (CL arts.213–218
# concern infringement and 假冒他人专利 only; legal-rules.md §3.3.4 note, §4 F2, F3, F5a).
NOT_CRIMINAL = {Offence.TM_UNREGISTERED_REQUIRED, Offence.TM_FALSE_REGISTERED, Offence.PATENT_OTHER_ACTS,
                Offence.TM_WELL_KNOWN_WORDS, Offence.ECOMMERCE_PLATFORM}


def fine_rule_for(ip_type: str, offence: str) -> str:
    if offence and offence in FINE_RULE_BY_OFFENCE:
        return FINE_RULE_BY_OFFENCE[offence][0]
    return FINE_RULE_BY_IP_TYPE[ip_type]


class Procedure(models.TextChoices):
    UNDECIDED = "", _("未分流")
    SIMPLE = "simple", _("简易程序")
    ORDINARY = "ordinary", _("普通程序")


class State(models.TextChoices):
    VERIFYING = "verifying", _("核查中")
    SIMPLE = "simple", _("简易程序待决定")
    NOT_FILED = "not_filed", _("不予立案")
    INVESTIGATING = "investigating", _("调查取证")
    SUSPENDED = "suspended", _("中止调查")
    REVIEWING = "reviewing", _("审核中")
    NOTIFYING = "notifying", _("待告知")
    STATEMENT = "statement", _("陈述申辩期")
    HEARING = "hearing", _("听证")
    DECIDING = "deciding", _("待决定")
    SERVING = "serving", _("待送达")
    EXECUTING = "executing", _("执行中")
    TRANSFERRED = "transferred", _("已移送公安机关")
    CLOSING = "closing", _("待结案")
    CLOSED = "closed", _("已结案")
    ARCHIVED = "archived", _("已归档")


# A case in any other state is still being worked (a transferred case waits on the police).
FINISHED_STATES = (State.CLOSED, State.ARCHIVED, State.NOT_FILED)


class Progress(models.TextChoices):
    """The case list's "how is it going" filter: still being worked, or with a time limit already past."""
    OPEN = "open", _("在办")
    OVERDUE = "overdue", _("已超期")


class PartyKind(models.TextChoices):
    NATURAL_PERSON = "natural_person", _("自然人")
    ORGANISATION = "organisation", _("法人或其他组织")
    INDIVIDUAL_BUSINESS = "individual_business", _("个体工商户")


# Which threshold column (rules/thresholds.yaml) applies to a party kind: an individual business is a natural
# person in civil law (民法典 第五十四条) and counts as 公民 for the simple-procedure and hearing amounts.
THRESHOLD_COLUMN = {
    PartyKind.NATURAL_PERSON: "natural_person",
    PartyKind.INDIVIDUAL_BUSINESS: "natural_person",
    PartyKind.ORGANISATION: "organisation",
}


class Outcome(models.TextChoices):
    PENALTY = "penalty", _("行政处罚")
    NO_PENALTY = "no_penalty", _("不予行政处罚")
    TRANSFER_POLICE = "transfer_police", _("移送公安机关")
    TRANSFER_AGENCY = "transfer_agency", _("移送其他行政机关")


class Discretion(models.TextChoices):
    """The bands of discretion of SAMR's guidance on penalty discretion (国市监法规〔2022〕2号, legal-rules.md §4.1)."""
    LIGHTER = "lighter", _("从轻处罚")
    MITIGATED = "mitigated", _("减轻处罚")
    GENERAL = "general", _("一般处罚")
    HEAVIER = "heavier", _("从重处罚")


class Retention(models.TextChoices):
    """保管期限 of a case file: the periods of 《机关文件材料归档范围和文书档案保管期限规定》 (国家档案局令第8号)."""
    PERMANENT = "permanent", _("永久")
    Y30 = "30y", _("定期30年")
    Y10 = "10y", _("定期10年")


class ServiceMethod(models.TextChoices):
    DIRECT = "direct", _("直接送达")
    LEFT = "left", _("留置送达")
    ELECTRONIC = "electronic", _("电子送达")
    POST = "post", _("邮寄送达")
    ENTRUSTED = "entrusted", _("委托送达")
    FORWARDED = "forwarded", _("转交送达")
    NOTICE = "notice", _("公告送达")


class AppealKind(models.TextChoices):
    REVIEW = "review", _("行政复议")
    LITIGATION = "litigation", _("行政诉讼")


class AppealOutcome(models.TextChoices):
    """How a review or lawsuit against the decision ended (行政复议法 2023 arts.63–68, 73–74; 行政诉讼法 arts.60, 62,
    69–70, 74–75, 77)."""

    UPHELD = "upheld", _("维持或驳回请求")
    CHANGED = "changed", _("变更")
    ANNULLED = "annulled", _("撤销或部分撤销")
    UNLAWFUL = "unlawful", _("确认违法")
    VOID = "void", _("确认无效")
    MEDIATED = "mediated", _("调解结案")
    WITHDRAWN = "withdrawn", _("撤回申请或撤诉")


# Outcomes in which the review body or the court corrected the decision (纠错), counted in performance assessment.
CORRECTED_OUTCOMES = (AppealOutcome.CHANGED, AppealOutcome.ANNULLED, AppealOutcome.UNLAWFUL, AppealOutcome.VOID)

