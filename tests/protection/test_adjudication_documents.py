"""The papers of an adjudication, one per stage, read back line by line from the stored .docx: acceptance or
refusal, the copy served on the respondent, the hearing notice, the suspension, the decision (an order to stop, or
the request dismissed), the 调解书 and the service record; each stored under its hash, a changed file refused."""
from datetime import date, datetime
from io import BytesIO
from zoneinfo import ZoneInfo

import time_machine
from docx import Document

from ipenforce.protection.models import Adjudication, AdjudicationDocument
from tests.conftest import FUTIAN
from tests.protection.conftest import COMPLETE
from tests.protection.helpers import ok, step

CLOSING_CITATION = "《专利纠纷行政裁决和调解办法》（国家知识产权局，2025年2月1日施行；条号未核实）"
DEFENCE_CITATION = "国家现行规定未读；《专利行政执法办法》（2015）及上海、浙江地方规定的模式"
CASE = "本部门受理的深圳市鹏城新能源科技有限公司与某充电宝网店专利侵权纠纷一案"


def _at(day: date):
    return time_machine.travel(datetime(day.year, day.month, day.day, 10, tzinfo=ZoneInfo("Asia/Shanghai")),
                               tick=False)


def _act(api, pk: int, action: str, **data):
    version = Adjudication.objects.get(pk=pk).version
    return ok(api.post(f"/api/v1/adjudications/{pk}/actions/{action}", {"version": version, **data}))


def _lines(api, pk: int, kind: str) -> list[str]:
    data = ok(api.get(f"/api/v1/adjudications/{pk}"))
    document = next(d for d in data["documents"] if d["kind"] == kind)
    response = api.get(document["url"])
    assert response.status_code == 200 and response["X-Document-SHA256"] == document["sha256"]
    return [p.text for p in Document(BytesIO(response.content)).paragraphs]


def _requested(outside) -> int:
    holder, centre = outside.api("rights_holder"), outside.api("centre_staff")
    complaint = ok(holder.post("/api/v1/complaints", COMPLETE), 201)
    ok(step(centre, "complaints", complaint["id"], "accept"))
    ok(step(centre, "complaints", complaint["id"], "refer_to_adjudication", bureau_id=outside.agency(FUTIAN).pk,
            patent="实用新型专利 ZL202120000001.X"))
    return Adjudication.objects.get(complaint_id=complaint["id"]).pk


def _head(pk: int, kind: str, day: str) -> list[str]:
    return ["深圳市市场监督管理局福田监管局", kind, f"深福市监专裁{day}〔2026〕{pk}号"]


def test_each_stage_of_an_infringement_decision_has_its_paper(outside):
    officer, head = outside.api("ft_officer1"), outside.api("ft_head")
    with _at(date(2026, 3, 2)):
        pk = _requested(outside)
        _act(officer, pk, "accept")
        _act(officer, pk, "serve_copy", served_on="2026-03-04")
        _act(officer, pk, "hear", defence="被请求人答辩称其产品结构不同",
             hearing="2026年3月25日上午9时，本部门第一听证室")
    with _at(date(2026, 3, 20)):
        _act(officer, pk, "suspend", invalidation="无效宣告请求受理通知书 4W1234567", from_date="2026-03-20")
        _act(head, pk, "approve", comment="同意中止")
    with _at(date(2026, 4, 20)):
        _act(officer, pk, "resume", until_date="2026-04-19", reason="无效宣告请求审查决定维持专利权有效")
        _act(officer, pk, "decide", outcome="infringement",
             decision="被请求人销售的充电宝落入涉案专利权利要求1的保护范围。")
        _act(head, pk, "approve", comment="同意")
        _act(officer, pk, "serve_decision", served_on="2026-04-20")
    api = outside.api("rights_holder")  # the petitioner reads the papers too
    end = ["深圳市市场监督管理局福田监管局"]
    assert _lines(api, pk, "acceptance") == [
        *_head(pk, "专利侵权纠纷处理请求受理通知书", "受"), "深圳市鹏城新能源科技有限公司：",
        "你方于2026-03-02提出的请求处理某充电宝网店侵犯实用新型专利 ZL202120000001.X的专利侵权纠纷，经审查，"
        "符合受理条件，本部门决定予以受理。",
        f"本部门将向被请求人送达请求书副本。本案应于2026-06-02前结案（{CLOSING_CITATION}）。", "特此通知。",
        *end, "2026-03-02"]
    assert _lines(api, pk, "copy_service") == [
        *_head(pk, "答辩通知书", "答"), "某充电宝网店：",
        "深圳市鹏城新能源科技有限公司请求本部门处理你方涉嫌侵犯实用新型专利 ZL202120000001.X的专利侵权纠纷，本部门已于"
        "2026-03-02受理，现将请求书副本送达你方（送达日期：2026-03-04）。",
        f"请于2026-03-19前向本部门提交答辩书及有关证据（期限依据：{DEFENCE_CITATION}）。期满不答辩的，不影响本部门处理。",
        *end, "2026-03-02"]
    assert _lines(api, pk, "hearing") == [
        *_head(pk, "口头审理通知书", "审"), "深圳市鹏城新能源科技有限公司、某充电宝网店：",
        CASE + "，定于2026年3月25日上午9时，本部门第一听证室进行口头审理或调查。",
        "请双方当事人携带身份证明、授权委托书和证据原件按时参加。", *end, "2026-03-02"]
    assert _lines(api, pk, "suspension") == [
        *_head(pk, "中止处理通知书", "中"), "深圳市鹏城新能源科技有限公司、某充电宝网店：",
        CASE + "，因被请求人就实用新型专利 ZL202120000001.X提出的无效宣告请求已被国家知识产权局受理（无效宣告请求受理"
        "通知书 4W1234567），经本部门负责人批准，决定自2026-03-20起中止处理。",
        "中止期间不计入结案期限。中止的原因消除后，本部门将恢复处理并通知双方当事人。", *end, "2026-03-20"]
    decision = _lines(api, pk, "decision")
    assert decision == [
        *_head(pk, "专利侵权纠纷行政裁决书", "决"), "请求人：深圳市鹏城新能源科技有限公司", "被请求人：某充电宝网店",
        "请求人于2026-03-02就被请求人侵犯其实用新型专利 ZL202120000001.X请求本部门处理，本部门于2026-03-02受理。",
        "请求人的请求：请求删除侵权商品链接并查处",
        "经审理查明：被请求人销售的充电宝落入涉案专利权利要求1的保护范围。",
        "本部门认为，被请求人的行为构成侵犯专利权。依照《中华人民共和国专利法》第六十五条的规定，决定如下："
        "责令被请求人立即停止侵权行为。",
        "当事人不服本决定的，可以自收到本决定书之日起15日内依照《中华人民共和国行政诉讼法》向人民法院起诉；"
        "侵权人期满不起诉又不停止侵权行为的，本部门可以申请人民法院强制执行（《中华人民共和国专利法》（2020）第六十五条）。",
        *end, "2026-04-20"]
    assert _lines(api, pk, "service") == [
        *_head(pk, "送达回证", "送"), f"送达文书：专利侵权纠纷行政裁决书（深福市监专裁决〔2026〕{pk}号）",
        "受送达人：深圳市鹏城新能源科技有限公司、某充电宝网店", "送达日期：2026-04-20",
        "送达机关：深圳市市场监督管理局福田监管局", "受送达人（签名）：", *end, "2026-04-20"]
    page = outside.client("ft_officer1").get(f"/protection/adjudications/{pk}/").content.decode()
    assert page.count("/documents/") == 6 and "专利侵权纠纷行政裁决书" in page
    assert outside.api("other_holder").get(
        f"/api/v1/adjudications/{pk}/documents/{AdjudicationDocument.objects.first().pk}").status_code == 404


def test_a_refusal_a_dismissal_and_a_mediation_have_their_papers(outside):
    officer, head = outside.api("ft_officer1"), outside.api("ft_head")
    with _at(date(2026, 5, 6)):
        refused, dismissed, mediated = _requested(outside), _requested(outside), _requested(outside)
        _act(officer, refused, "refuse", reason="请求人不是专利权人或者利害关系人")
        for pk in (dismissed, mediated):
            _act(officer, pk, "accept")
            _act(officer, pk, "serve_copy", served_on="2026-05-06")
            _act(officer, pk, "hear", defence="未答辩")
        _act(officer, dismissed, "decide", outcome="dismissed", decision="被请求人的产品缺少权利要求1的技术特征。")
        _act(head, dismissed, "approve", comment="同意")
        _act(officer, mediated, "mediate", decision="被请求人停止销售并赔偿请求人人民币五万元。")
    api = outside.api("ft_officer1")
    assert _lines(api, refused, "refusal")[3:7] == [
        "深圳市鹏城新能源科技有限公司：",
        "你方于2026-05-06提出的请求处理某充电宝网店侵犯实用新型专利 ZL202120000001.X的专利侵权纠纷，经审查，"
        "本部门决定不予受理。",
        "理由：请求人不是专利权人或者利害关系人", "你方可以依法向人民法院起诉（《中华人民共和国专利法》第六十五条）。"]
    hearing = _lines(api, dismissed, "hearing")
    assert hearing[4] == ("本部门受理的深圳市鹏城新能源科技有限公司与某充电宝网店专利侵权纠纷一案，"
                          "将进行口头审理或调查，时间、地点另行通知。")
    decision = _lines(api, dismissed, "decision")
    assert decision[8:10] == [
        "本部门认为，被请求人的行为不构成侵犯专利权。决定如下：驳回请求人的请求。",
        "当事人不服本决定的，可以自收到本决定书之日起15日内依照《中华人民共和国行政诉讼法》向人民法院起诉"
        "（《中华人民共和国专利法》（2020）第六十五条）。"]
    assert _lines(api, mediated, "mediation") == [
        *_head(mediated, "专利侵权纠纷调解书", "调"), "请求人：深圳市鹏城新能源科技有限公司", "被请求人：某充电宝网店",
        "案由：专利侵权纠纷（实用新型专利 ZL202120000001.X）",
        "请求人于2026-05-06请求本部门处理，本部门于2026-05-06受理。经本部门主持调解，双方当事人自愿达成如下协议：",
        "被请求人停止销售并赔偿请求人人民币五万元。", "本调解书由双方当事人和调解人员签名，加盖本部门印章。",
        "请求人（签名）：　　　　　　被请求人（签名）：　　　　　　调解人员（签名）：",
        "深圳市市场监督管理局福田监管局", "2026-05-06"]
    assert not AdjudicationDocument.objects.filter(adjudication_id=mediated, kind="decision").exists()
    stored = AdjudicationDocument.objects.get(adjudication_id=refused)
    AdjudicationDocument.objects.filter(pk=stored.pk).update(sha256="0" * 64)  # the file no longer matches
    tampered = api.get(f"/api/v1/adjudications/{refused}/documents/{stored.pk}")
    assert tampered.status_code == 409 and tampered.json()["code"] == "integrity_check_failed"
    client = outside.client("ft_officer1")
    page = client.get(f"/protection/adjudications/{refused}/documents/{stored.pk}/")
    assert page.status_code == 302
    page = client.get(page["Location"])
    assert page.status_code == 200 and "哈希值不符" in page.content.decode()
