"""The official documents (文书) an IP case uses, after the SAMR 2021 template book (legal-rules.md §1.7).

`code` is the middle of the document number, e.g. 深福市监 + 处罚告 + 〔2026〕5号; forms without a number (approval
forms, records) have none. The codes other than 处罚告 and 听通 are this city's choice, not a national rule.
Each kind lists the rows of its form as (label, placeholder) and its body paragraphs; the texts are written for
ipenforce, the layout follows the template book as far as its structure is known. Legal periods quoted in the
texts are placeholders (`periods.*`) filled from rules/ by the context, never literals.
"""
from dataclasses import dataclass, field

from ipenforce.cases.choices import Outcome
from ipenforce.cases.choices import State as S
from ipenforce.cases.workflow import TRANSFERABLE_STATES


@dataclass(frozen=True)
class Kind:
    key: str
    title: str
    code: str | None = None
    number_from_case: bool = False  # the decision carries the case number (深福市监罚〔2026〕17号)
    rows: tuple[tuple[str, str], ...] = ()
    paragraphs: tuple[str, ...] = ()
    tables: tuple[str, ...] = field(default=())  # repeated: evidence, electronic, qa, signers, officers, evidence_list
    extra: str = ""  # made by another procedure, which gives this part of the context (e.g. "assignment")
    # The case states in which it may be made (legal-rules.md §1.2: each stage's documents, from its data); None:
    # whenever the case is open. An archived case's file is closed: nothing is made for it any more.
    states: frozenset | None = None
    outcomes: tuple[str, ...] = ()  # the decision it records, where it records one
    served: str = ""  # the case date that says it was served: from then on only a recorded correction
    seal: bool = False  # an outgoing document under the agency's seal


PARTY_ROWS = (
    ("当事人", "{{ party.name }}"),
    ("统一社会信用代码/身份证号", "{{ party.identifier }}"),
    ("住所", "{{ party.address }}"),
    ("法定代表人（负责人）", "{{ party.legal_representative }}"),
)
CASE_ROWS = (("案件编号", "{{ case.number }}"), ("案由", "{{ case.title }}"))
SIGN = ("{{ agency.name }}", "{{ today }}")
SEAL = "（印章）"

VERIFYING = frozenset({S.VERIFYING})
INVESTIGATION = frozenset({S.VERIFYING, S.SIMPLE, S.INVESTIGATING, S.SUSPENDED, S.REVIEWING})
MEASURES = frozenset({S.INVESTIGATING, S.SUSPENDED})
NOTICE = frozenset({S.NOTIFYING, S.STATEMENT, S.HEARING, S.DECIDING})
DECIDED = frozenset({S.SERVING, S.EXECUTING, S.CLOSING, S.CLOSED})

KINDS = {k.key: k for k in [
    Kind("case_source", "案件来源登记表", rows=(
        ("案件来源", "{{ case.source }}"), ("发现日期", "{{ case.discovered_on }}"), ("案由", "{{ case.title }}"),
        *PARTY_ROWS, ("涉案知识产权", "{{ rights_text }}"), ("登记人", "{{ case.created_by }}"),
    ), paragraphs=("线索内容：{{ case.description }}",)),
    Kind("filing_approval", "立案审批表", states=frozenset({S.VERIFYING, S.INVESTIGATING, S.SUSPENDED}), rows=(
        *CASE_ROWS, *PARTY_ROWS, ("案件来源", "{{ case.source }}"), ("办案人员", "{{ officers_text }}"),
        ("立案日期", "{{ case.filed_on }}"),
    ), paragraphs=("简要案情及立案依据：{{ case.description }}",
                   "繁简分流：{{ case.procedure }}（{{ case.triage_reason }}）",
                   "审批意见：{{ approvals_text }}")),
    Kind("non_filing_approval", "不予立案审批表", states=frozenset({S.VERIFYING, S.NOT_FILED}),
         rows=(("案由", "{{ case.title }}"), *PARTY_ROWS),
         paragraphs=("简要案情：{{ case.description }}", "不予立案理由：{{ last_reason }}",
                     "审批意见：{{ approvals_text }}")),
    Kind("site_record", "现场笔录", states=INVESTIGATION, rows=(
        *CASE_ROWS, *PARTY_ROWS, ("检查时间", "{{ record.started_at }}至{{ record.ended_at }}"),
        ("检查地点", "{{ record.place }}"), ("执法人员及执法证号", "{{ record.officers }}"),
        ("现场负责人或在场人", "{{ record.person }}"), ("见证人", "{{ record.witness }}"),
    ), paragraphs=("{{ record.certificates }}", "现场检查情况：{{ record.findings }}",
                   "采取的措施：{{ record.measures }}", "{{ record.refusal }}", "签名："), tables=("signers",)),
    Kind("inquiry_record", "询问笔录", states=INVESTIGATION, rows=(
        *CASE_ROWS, ("询问时间", "{{ record.started_at }}至{{ record.ended_at }}"), ("询问地点", "{{ record.place }}"),
        ("被询问人", "{{ record.person }}"), ("询问人及执法证号", "{{ record.officers }}"),
    ), paragraphs=("我们是{{ agency.name }}的执法人员，{{ record.certificates }}现依法向你进行询问调查，"
                   "你应当如实回答，你有申请回避的权利。{{ record.rights }}", "{{ record.refusal }}"),
         tables=("qa", "signers")),
    Kind("evidence_extraction", "证据提取单", states=INVESTIGATION, rows=(*CASE_ROWS, *PARTY_ROWS),
         paragraphs=("以下证据由执法人员依法提取：",), tables=("evidence",)),
    Kind("evidence_list", "证据清单", extra="evidence_list", rows=(*CASE_ROWS, *PARTY_ROWS),
         paragraphs=("本案证据如下，每项载明编号、来源、证明对象及其所出自的笔录：",), tables=("evidence_list",)),
    Kind("electronic_extraction", "电子数据证据提取笔录", states=INVESTIGATION, rows=(*CASE_ROWS, *PARTY_ROWS),
         paragraphs=("以下电子数据由执法人员依法提取，提取的文件及其 SHA-256 校验值如下：",), tables=("electronic",)),
    Kind("preservation_notice", "先行登记保存证据通知书", code="先保", states=MEASURES, seal=True,
         rows=(("文号", "{{ number }}"), *PARTY_ROWS),
         paragraphs=("{{ party.name }}：", "因调查{{ case.title }}一案，根据《中华人民共和国行政处罚法》第五十六条，"
                     "经本机关负责人批准，决定对下列物品先行登记保存，保存期间当事人或者有关人员不得损毁、销毁或者"
                     "转移证据。本机关将在{{ periods.preservation }}内作出处理决定。",), tables=("evidence",)),
    Kind("coercive_measure_decision", "实施行政强制措施决定书", code="强制", states=MEASURES, seal=True,
         rows=(("文号", "{{ number }}"), *PARTY_ROWS),
         paragraphs=("{{ party.name }}：",
                     "因调查{{ case.title }}一案，依据《中华人民共和国行政强制法》第二十五条等规定，"
                     "本机关决定对下列物品实施查封（扣押），期限为{{ periods.seizure }}。",
                     "如不服本决定，可以在{{ periods.review }}内申请行政复议，"
                     "或者在{{ periods.litigation }}内依法提起行政诉讼。"), tables=("evidence",)),
    Kind("penalty_notice", "行政处罚告知书", code="处罚告", states=NOTICE, served="notice_served_on", seal=True,
         rows=(("文号", "{{ number }}"), *PARTY_ROWS, ("案由", "{{ case.title }}")),
         paragraphs=("{{ party.name }}：",
                     "本机关对你（单位）涉嫌违法一案（案由：{{ case.title }}）进行了调查，现将拟作出行政处罚的事实、"
                     "理由、依据和处罚内容告知如下：",
                     "一、违法事实：{{ facts_text }}",
                     "二、证据：{{ evidence_text }}",
                     "三、违反的法律规定及处罚依据：你（单位）的上述行为违反了{{ violated_provision }}的规定；"
                     "依据{{ fine_citation }}。",
                     "四、拟作出的行政处罚：{{ proposed_penalty_text }}。",
                     "五、你（单位）的权利：根据《中华人民共和国行政处罚法》第四十四条、第四十五条{{ hearing_clause }}"
                     "的规定，你（单位）有陈述、申辩的权利{{ hearing_rights_text }}。请在收到本告知书之日起"
                     "{{ periods.statement }}内向本机关提出陈述、申辩{{ hearing_request_text }}，逾期未提出的，"
                     "视为放弃上述权利。")),
    Kind("hearing_notice", "听证通知书", code="听通", states=frozenset({S.HEARING}), served="hearing_notified_on",
         seal=True, rows=(("文号", "{{ number }}"), *PARTY_ROWS),
         paragraphs=("{{ party.name }}：",
                     "根据你（单位）的申请，本机关定于{{ case.hearing_on }}就{{ case.title }}一案举行听证。"
                     "请按时参加，可以委托一至二人代理。无正当理由不参加的，视为放弃听证。",)),
    Kind("penalty_decision", "行政处罚决定书", number_from_case=True, states=DECIDED, outcomes=(Outcome.PENALTY,),
         served="served_on", seal=True,
         rows=(("文号", "{{ number }}"), *PARTY_ROWS, ("案由", "{{ case.title }}")),
         paragraphs=("本机关于{{ case.filed_on }}对当事人涉嫌违法一案（案由：{{ case.title }}）立案调查，"
                     "现已调查终结。",
                     "一、违法事实：{{ facts_text }}",
                     "二、证据：上述事实有下列证据证明：{{ evidence_text }}。",
                     "三、陈述、申辩及复核意见：{{ statement_text }}",
                     "四、处罚依据及裁量理由：当事人的上述行为违反了{{ violated_provision }}的规定。"
                     "依据{{ fine_citation }}，{{ discretion_text }}{{ collective_text }}",
                     "五、处罚决定：本机关决定对当事人作出如下行政处罚：{{ penalty_items_text }}",
                     "六、履行方式和期限：当事人应当自收到本决定书之日起{{ periods.payment }}内，将罚没款合计"
                     "{{ amounts.total_text }}到指定的银行或者通过电子支付系统缴纳。到期不缴纳罚款的，本机关可以"
                     "每日按罚款数额的{{ periods.surcharge }}加处罚款（《中华人民共和国行政处罚法》第七十二条）。",
                     "七、救济途径：当事人如不服本决定，可以在收到本决定书之日起{{ periods.review }}内向"
                     "{{ case.review_body }}申请行政复议；也可以在{{ periods.litigation }}内直接向{{ case.court }}"
                     "提起行政诉讼。申请行政复议或者提起行政诉讼的，行政处罚不停止执行，法律另有规定的除外。",
                     "{{ publicity_notice }}")),
    Kind("no_penalty_decision", "不予行政处罚决定书", code="不罚", states=DECIDED, outcomes=(Outcome.NO_PENALTY,),
         served="served_on", seal=True, rows=(("文号", "{{ number }}"), *PARTY_ROWS),
         paragraphs=("本机关对当事人{{ party.name }}涉嫌违法一案（案由：{{ case.title }}）进行了调查。",
                     "经查：{{ facts_text }}",
                     "本机关决定不予行政处罚。理由：{{ case.decision_reason }}",
                     "当事人如不服本决定，可以在收到本决定书之日起{{ periods.review }}内向{{ case.review_body }}"
                     "申请行政复议；也可以在{{ periods.litigation }}内直接向{{ case.court }}提起行政诉讼。")),
    Kind("service_address", "送达地址确认书",
         rows=(*CASE_ROWS, *PARTY_ROWS, ("送达地址", "{{ party.service_address }}"), ("联系电话", "{{ party.phone }}")),
         paragraphs=("受送达人确认以上地址为本案文书的送达地址；地址变更的，应当及时书面告知。", "受送达人（签名）：")),
    Kind("service_receipt", "送达回证", states=DECIDED, rows=(*CASE_ROWS, ("受送达人", "{{ party.name }}"),
                                          ("送达地址", "{{ party.service_address }}"),
                                          ("送达方式", "{{ case.service_method }}"),
                                          ("送达日期", "{{ case.served_on }}")),
         paragraphs=("送达文书：{{ case.decision_title }}", "受送达人（签名）：          送达人（签名）：")),
    Kind("crime_transfer", "涉嫌犯罪案件移送书", code="移", states=TRANSFERABLE_STATES | {S.TRANSFERRED}, seal=True,
         rows=(("文号", "{{ number }}"), *CASE_ROWS, *PARTY_ROWS),
         paragraphs=("{{ transfer.police }}：",
                     "本机关在查处{{ case.title }}一案（案件编号：{{ case.number }}）中，发现当事人{{ party.name }}"
                     "涉嫌{{ transfer.crimes }}，根据《行政执法机关移送涉嫌犯罪案件的规定》第三条的规定，现将该案移送"
                     "你局，请依法审查。",
                     "一、涉嫌犯罪的事实：{{ facts_text }}",
                     "二、涉嫌罪名及达到的立案追诉标准：{{ transfer.thresholds }}",
                     "三、移送材料：{{ transfer.package }}",
                     "请在本移送书回执上签字，并将立案审查结果书面告知本机关。"),
         tables=("evidence",)),
    Kind("assignment_notice", "案件交办通知书", code="交", extra="assignment",
         rows=(("文号", "{{ number }}"), *CASE_ROWS, ("承办单位", "{{ assignment.receiver }}"),
               ("办理期限", "{{ assignment.period }}")),
         paragraphs=("{{ assignment.receiver }}：",
                     "现将{{ case.title }}（{{ assignment.kind }}）交由你单位办理。",
                     "交办要求：{{ assignment.instructions }}",
                     "请于签收后{{ assignment.period }}内办理完毕，并按以下要求反馈办理结果：{{ assignment.feedback }}",
                     "不属于你单位管辖的，请及时书面说明理由并退回。")),
    Kind("jurisdiction_designation", "指定管辖通知书", code="指", extra="assignment",
         rows=(("文号", "{{ number }}"), *CASE_ROWS, ("指定管辖单位", "{{ assignment.receiver }}")),
         paragraphs=("{{ assignment.receiver }}：",
                     "{{ case.title }}一案，原交由{{ assignment.previous_receiver }}办理，该单位以不属其管辖为由退回。",
                     "经研究，本机关指定该案由你单位管辖。理由：{{ assignment.reason }}",
                     "请于签收后{{ assignment.period }}内办理，并将办理结果报本机关。")),
    Kind("closing_approval", "结案审批表", states=frozenset({S.CLOSING, S.CLOSED}),
         rows=(*CASE_ROWS, *PARTY_ROWS, ("处理结果", "{{ case.outcome }}"),
               ("罚没款", "{{ amounts.fine }} / {{ amounts.confiscation }}"), ("缴款情况", "{{ payments_text }}"),
               ("公示日期", "{{ case.published_on }}")),
         paragraphs=("结案理由：处理决定已执行完毕。", "审批意见：{{ approvals_text }}")),
]}
