"""A trademark case from filing to archive through the API, each document made at its stage and read line by line
for every element its template requires; served documents locked (corrections recorded); the case file (卷宗)
built on archiving, downloadable as a .zip whose manifest matches, and verify_evidence noticing an appended byte."""
import hashlib
import io
import json
import zipfile
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from ipenforce.cases.models import Case
from ipenforce.core.models import AuditEvent
from ipenforce.documents.models import CaseFile, Document
from tests.cases.conftest import today
from tests.documents.test_documents import _generate, text_of
from tests.evidence.test_evidence import PNG

pytestmark = pytest.mark.django_db

FINDINGS = "经查：当事人于2026年在其经营场所销售假冒“某品牌”注册商标的耳机200个，违法经营额80,000元。"
INTERNAL = ("检查发现", "罚款须按违法经营额计算", "法制审核意见：同意")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _lines(demo, document) -> list[str]:
    data = b"".join(demo.client("ft_officer1").get(document["download"]).streaming_content)
    return [line for line in text_of(data).split("\n") if line.strip()]


def _line(lines, start) -> str:
    found = [line for line in lines if line.startswith(start)]
    assert len(found) == 1, (start, lines)
    return found[0]


def _evidence(demo, case_id, description):
    api = demo.api("ft_officer1")
    response = api.client.post(f"/api/v1/cases/{case_id}/evidence", {
        "kind": "physical", "description": description, "source": "当事人仓库", "place": "华强北",
        "collected_at": timezone.now().isoformat(),
        "collector_ids": [demo.user("ft_officer1").pk, demo.user("ft_officer2").pk],
        "files": [SimpleUploadedFile("photo.png", PNG + description.encode())]}, headers=api.headers)
    assert response.status_code == 201, response.json()


def test_case_documents_at_their_stages_line_by_line_to_the_case_file(demo, walker):
    api = demo.api("ft_officer1")
    walker.register("trademark", illegal_turnover="80000")
    walker.to_investigation()
    case_id = walker.case["id"]
    _evidence(demo, case_id, "假冒耳机200个（照片）")
    refused = _generate(api, case_id, "penalty_decision", expect=422)
    assert refused["code"] == "document_wrong_stage" and "调查取证" in refused["message"]
    assert _generate(api, case_id, "penalty_notice", expect=422)["code"] == "document_wrong_stage"

    walker.act("ft_officer1", "submit_report", findings=FINDINGS, proposed_fine="120000",
               proposed_confiscation="5000")
    walker.refresh("ft_legal")
    walker.act("ft_legal", "review_pass", opinion="法制审核意见：同意")
    walker.refresh()
    notice = _generate(api, case_id, "penalty_notice")
    lines = _lines(demo, notice)
    year = today().year
    assert notice["number"] == f"深福市监处罚告〔{year}〕1号" and notice["number"] in lines
    assert "深圳市某某电子有限公司：" in lines  # the party addressed on its own line, the case title apart
    assert _line(lines, "本机关对你（单位）涉嫌违法一案（案由：trademark 案）")
    assert _line(lines, "一、违法事实：") == "一、违法事实：" + FINDINGS.removeprefix("经查：")
    assert _line(lines, "二、证据：") == "二、证据：物证：假冒耳机200个（照片）"
    assert _line(lines, "三、违反的法律规定及处罚依据：") == (
        "三、违反的法律规定及处罚依据：你（单位）的上述行为违反了《中华人民共和国商标法》第五十七条的规定；"
        "依据《中华人民共和国商标法》（2019）第六十条第二款。")
    assert _line(lines, "四、拟作出的行政处罚：") == (
        "四、拟作出的行政处罚：罚款人民币120,000.00元（大写：人民币壹拾贰万元整）；"
        "没收违法所得人民币5,000.00元（大写：人民币伍仟元整）。")
    rights = _line(lines, "五、你（单位）的权利：")
    assert "第六十三条、第六十四条" in rights and "有陈述、申辩的权利，并有要求举行听证的权利" in rights
    assert "收到本告知书之日起五个工作日内向本机关提出陈述、申辩或者要求举行听证" in rights
    assert "（印章）" in lines and "深圳市市场监督管理局福田监管局" in lines
    text = "\n".join(lines)
    assert "经查：经查" not in text and not any(note in text for note in INTERNAL)

    walker.act("ft_officer1", "serve_notice", served_on=str(today()))
    locked = _generate(api, case_id, "penalty_notice", expect=422)
    assert locked["code"] == "document_served" and locked["field"] == "correction_reason"
    walker.act("ft_officer1", "record_statement",
               content="当事人称不知道是侵权商品；经复核，当事人不能提供合法来源，申辩不予采纳")
    walker.act("ft_officer1", "end_statement", waived=True)
    walker.act("ft_officer1", "decide", outcome="penalty", fine="100000", confiscation="5000", order_to_stop=True,
               confiscated_goods="假冒“某品牌”耳机200个\n包装盒200个", confiscated_tools="丝印机1台",
               discretion="lighter", reason="当事人配合调查，如实陈述违法事实",
               review_body="深圳市市场监督管理局", court="深圳市福田区人民法院")
    walker.approve_chain("ft_unithead", "ft_head")
    walker.refresh()
    assert walker.state == "serving"
    decision = _generate(api, case_id, "penalty_decision")
    lines = _lines(demo, decision)
    case = Case.objects.get(pk=case_id)
    assert decision["number"] == case.number and case.number in lines
    assert _line(lines, "本机关于") == (f"本机关于{case.filed_on:%Y年%m月%d日}对当事人涉嫌违法一案"
                                     "（案由：trademark 案）"
                                     "立案调查，现已调查终结。")
    assert _line(lines, "一、违法事实：") == "一、违法事实：" + FINDINGS.removeprefix("经查：")
    assert _line(lines, "二、证据：") == "二、证据：上述事实有下列证据证明：物证：假冒耳机200个（照片）。"
    assert _line(lines, "三、陈述、申辩及复核意见：") == (
        f"三、陈述、申辩及复核意见：本机关于{today():%Y年%m月%d日}向当事人送达了《行政处罚告知书》。"
        "当事人提出了陈述、申辩，本机关复核意见如下：当事人称不知道是侵权商品；经复核，当事人不能提供合法来源，申辩不予采纳")
    assert _line(lines, "四、处罚依据及裁量理由：") == (
        "四、处罚依据及裁量理由：当事人的上述行为违反了《中华人民共和国商标法》第五十七条的规定。"
        "依据《中华人民共和国商标法》（2019）第六十条第二款，本案法定罚款幅度为人民币0.00元至400,000.00元。"
        "本机关决定对当事人从轻处罚。裁量理由：当事人配合调查，如实陈述违法事实。")
    assert _line(lines, "五、处罚决定：") == (
        "五、处罚决定：本机关决定对当事人作出如下行政处罚：（一）责令立即停止侵权行为；"
        "（二）没收、销毁侵权商品：假冒“某品牌”耳机200个、包装盒200个；"
        "（三）没收、销毁主要用于制造侵权商品和伪造注册商标标识的工具：丝印机1台；"
        "（四）没收违法所得人民币5,000.00元（大写：人民币伍仟元整）；"
        "（五）罚款人民币100,000.00元（大写：人民币壹拾万元整）。")
    assert _line(lines, "六、履行方式和期限：") == (
        "六、履行方式和期限：当事人应当自收到本决定书之日起十五日内，将罚没款合计人民币105,000.00元"
        "（大写：人民币壹拾万伍仟元整）到指定的银行或者通过电子支付系统缴纳。到期不缴纳罚款的，本机关可以每日按罚款"
        "数额的百分之三加处罚款（《中华人民共和国行政处罚法》第七十二条）。")
    assert _line(lines, "七、救济途径：") == (
        "七、救济途径：当事人如不服本决定，可以在收到本决定书之日起六十日内向深圳市市场监督管理局申请行政复议；"
        "也可以在六个月内直接向深圳市福田区人民法院提起行政诉讼。申请行政复议或者提起行政诉讼的，行政处罚不停止执行，"
        "法律另有规定的除外。")
    assert "（印章）" in lines and "深圳市某某电子有限公司" in lines
    text = "\n".join(lines)
    assert "经查：经查" not in text and not any(note in text for note in INTERNAL)

    walker.act("ft_officer1", "serve_decision", served_on=str(today()), method="direct")
    assert _generate(api, case_id, "penalty_decision", expect=422)["code"] == "document_served"
    corrected = _generate(api, case_id, "penalty_decision", correction_reason="更正当事人住所笔误")
    assert (corrected["version"], corrected["corrects_version"]) == (2, 1)
    assert corrected["number"] == decision["number"]
    event = AuditEvent.objects.filter(action="document.correct").get()
    assert event.after["corrects_sha256"] == decision["sha256"] and event.after["reason"] == "更正当事人住所笔误"

    walker.act("ft_officer1", "record_payment", amount="105000", paid_on=str(today()))
    walker.act("ft_officer1", "publish", published_on=str(today()))
    assert walker.act("ft_officer1", "close", expect=422)["code"] == "destruction_required"
    walker.act("ft_officer1", "record_destruction", destroyed_on=str(today()),
               record="在福田区固体废物处理中心粉碎销毁，监销人：张三、李四")
    assert walker.act("ft_officer1", "record_destruction", expect=422, destroyed_on=str(today()),
                      record="x")["code"] == "already_destroyed"
    walker.act("ft_officer1", "close")
    walker.approve_chain("ft_head")
    walker.refresh()
    closing = _lines(demo, _generate(api, case_id, "closing_approval"))
    assert "100,000.00 / 5,000.00" in closing
    walker.act("ft_officer1", "archive", archive_number=f"深福市监档〔{year}〕1号", retention="30y")
    assert walker.state == "archived"
    assert _generate(api, case_id, "service_address", expect=422)["code"] == "case_archived"

    decided = api.get(f"/api/v1/cases/{case_id}").json()["decision"]
    assert decided["confiscated_goods"] == ["假冒“某品牌”耳机200个", "包装盒200个"] and decided["order_to_stop"]
    assert decided["destroyed_on"] == str(today()) and decided["retention"] == "30y"
    detail = demo.client("ft_officer1").get(f"/cases/{case_id}/").content.decode()
    assert "包装盒200个" in detail and "粉碎销毁" in detail and "定期30年" in detail
    case_file = api.get(f"/api/v1/cases/{case_id}/case-file").json()
    assert case_file["archive_number"] == f"深福市监档〔{year}〕1号" and case_file["retention_label"] == "定期30年"
    contents = case_file["contents"]
    assert [e["seq"] for e in contents] == list(range(1, len(contents) + 1))
    documents = Document.objects.filter(case_id=case_id).count()
    assert [e["section"] for e in contents] == ["document"] * documents + ["record", "evidence"]
    assert all(e["pages"] >= 1 for e in contents)
    assert contents[0]["page_range"].startswith("1") and "更正当事人住所笔误" in "".join(e["title"] for e in contents)
    nanshan = demo.api("ns_officer1")
    assert nanshan.get(f"/api/v1/cases/{case_id}/case-file").status_code == 404
    assert nanshan.get(f"/api/v1/cases/{case_id}/case-file.zip").status_code == 404
    assert demo.client("ns_officer1").get(case_file["download"]).status_code == 404
    response = demo.client("ft_officer1").get(case_file["download"])
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    assert hashlib.sha256(data).hexdigest() == case_file["sha256"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        sums = archive.read("SHA256SUMS").decode().splitlines()
        for line in sums:
            sha, name = line.split("  ", 1)
            assert hashlib.sha256(archive.read(name)).hexdigest() == sha, name
        assert {line.split("  ", 1)[1] for line in sums} == set(archive.namelist()) - {"SHA256SUMS"}
        assert manifest["archive_number"] == case_file["archive_number"] and manifest["retention"] == "30y"
        assert [e["file"] for e in manifest["entries"]] == [e["file"] for e in contents]
        catalogue = text_of(archive.read("00-卷内目录.docx"))
        assert "卷内目录" in catalogue and case_file["archive_number"] in catalogue and "定期30年" in catalogue
    page = demo.client("ft_officer1").get(f"/cases/{case_id}/documents/").content.decode()
    assert "卷内目录" in page and case_file["archive_number"] in page and "generate-form" not in page

    call_command("verify_evidence")
    stored = CaseFile.objects.get(case_id=case_id)
    with default_storage.open(stored.storage_name, "ab") as handle:
        handle.write(b"\0")
    with pytest.raises(CommandError):
        call_command("verify_evidence")
    assert demo.client("ft_officer1").get(case_file["download"]).status_code >= 400
    assert api.get(f"/api/v1/cases/{case_id}/case-file.zip").status_code >= 400


def test_an_appended_byte_to_a_generated_document_fails_verify_evidence(demo, walker, capsys):
    walker.register("trademark")
    document = _generate(demo.api("ft_officer1"), walker.case["id"], "case_source")
    call_command("verify_evidence")
    with default_storage.open(Document.objects.get(pk=document["id"]).storage_name, "ab") as handle:
        handle.write(b"\n")
    with pytest.raises(CommandError):
        call_command("verify_evidence")
    assert "case_source v1" in capsys.readouterr().err


def test_crime_transfer_letter_names_the_police_the_crime_and_the_threshold(demo, walker):
    api = demo.api("ft_officer1")
    walker.register("trademark", illegal_turnover="80000")
    walker.to_investigation()
    walker.act("ft_officer1", "submit_report", findings=FINDINGS, proposed_fine="100000")
    case_id = walker.case["id"]
    _evidence(demo, case_id, "假冒耳机200个")
    letter = _lines(demo, _generate(api, case_id, "crime_transfer"))
    assert "深圳市公安局福田分局：" in letter
    opening = _line(letter, "本机关在查处trademark 案一案")
    assert "发现当事人深圳市某某电子有限公司涉嫌假冒注册商标罪" in opening and "移送你局" in opening
    assert _line(letter, "一、涉嫌犯罪的事实：") == "一、涉嫌犯罪的事实：" + FINDINGS.removeprefix("经查：")
    threshold = _line(letter, "二、涉嫌罪名及达到的立案追诉标准：")
    assert "假冒注册商标罪" in threshold and "非法经营数额≥50,000元" in threshold
    package = _line(letter, "三、移送材料：")
    assert "调查报告" in package and "涉案物品清单（见附表，共1项）" in package
    assert "检验报告或者鉴定意见（无）" in package
    assert "假冒耳机200个" in letter and "（印章）" in letter


def test_decision_amounts_flow_into_the_reports_fines(demo, walker):
    """罚没款 in the report = fines + confiscated illegal gains, on the decision date."""
    from ipenforce.cases.figures import period_summary

    walker.register("trademark", illegal_turnover="80000")
    walker.to_investigation()
    walker.to_decision(Decimal(120000))
    walker.act("ft_officer1", "decide", outcome="penalty", fine="100000", confiscation="5000",
               reason="x", review_body="深圳市市场监督管理局", court="深圳市福田区人民法院")
    walker.approve_chain("ft_unithead", "ft_head")
    from ipenforce.linkage.models import Transfer

    summary = period_summary(Case.objects.all(), Transfer.objects.all(), start=today(), end=today())
    assert summary["fines_decided"] == Decimal("105000.00")


def test_every_fine_rule_names_the_article_broken():
    """A 决定书 never reads "违反了的规定": each offence's fine rule has its violated article."""
    from ipenforce.cases.choices import FINE_RULE_BY_IP_TYPE, FINE_RULE_BY_OFFENCE
    from ipenforce.documents.context import VIOLATED

    used = {*FINE_RULE_BY_IP_TYPE.values(), *(rule for rule, _ip_type in FINE_RULE_BY_OFFENCE.values())}
    assert used - set(VIOLATED) == set()
    assert VIOLATED["fine.trademark_well_known_words"] == "《中华人民共和国商标法》第十四条第五款"
