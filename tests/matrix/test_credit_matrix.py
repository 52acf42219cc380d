"""Who may read and do what in credit supervision: the public page answers everyone (no login) with the published
summary only; the publication, listing and party pages and the API answer only within scope (see `base.py`)."""
import pytest

from ipenforce.cases.models import Case
from ipenforce.credit.models import Listing, Publication
from tests.cases.conftest import COMPANY, today
from tests.matrix.base import ABSENT, LISTED, Call, MatrixTest, expect

pytestmark = pytest.mark.django_db


def _version(model, key):
    return lambda ids: model.objects.get(pk=ids[key]).version


class TestCreditMatrix(MatrixTest):
    def make(self, demo, walker):
        walker.register("trademark", party=COMPANY, title="矩阵信用案件")
        walker.to_investigation()
        party = Case.objects.get(pk=walker.case["id"]).parties.get().pk
        response = demo.api("ft_officer1").post(f"/api/v1/credit/cases/{walker.case['id']}/listings", {
            "party_id": party, "ground": "intentional_ip", "heavier_penalty": "fine_heavier",
            "seriousness": "情节严重"})
        assert response.status_code == 201
        walker.to_decision(proposed_fine="30000")
        walker.to_execution("30000")
        walker.act("ft_officer1", "publish", published_on=str(today()))
        publication = Publication.objects.get(case_id=walker.case["id"])
        return {"case": walker.case["id"], "publication": publication.pk, "number": publication.decision_number,
                "listing": Listing.objects.get(case_id=walker.case["id"]).pk, "uscc": COMPANY["uscc"]}

    def calls(self, ids):
        number = ids["number"]
        everyone = expect(200, 200, 200, 200, 200)
        return [
            Call("public list", "get", "/public/penalties/", expect(LISTED, LISTED, LISTED, LISTED, LISTED),
                 marker=number),
            Call("public detail", "get", "/public/penalties/{publication}/", everyone),
            Call("public page shows no internal link", "get", "/public/penalties/{publication}/",
                 expect(ABSENT, ABSENT, ABSENT, ABSENT, ABSENT), marker="/cases/{}/".format(ids["case"])),
            Call("credit overview", "get", "/credit/", expect(LISTED, LISTED, ABSENT, 404, 302), marker=number),
            Call("publication page", "get", "/credit/publications/{publication}/", expect(200, 200, 404, 404, 302)),
            Call("listing page", "get", "/credit/listings/{listing}/", expect(200, 200, 404, 404, 302)),
            Call("party page", "get", "/credit/parties/", expect(LISTED, LISTED, ABSENT, 404, 302),
                 data={"identifier": ids["uscc"]}, marker="/cases/{}/".format(ids["case"])),
            Call("API publications", "api_get", "/api/v1/credit/publications",
                 expect(LISTED, LISTED, ABSENT, ABSENT, 401), marker=number),
            Call("API publication", "api_get", "/api/v1/credit/publications/{publication}",
                 expect(200, 200, 404, 404, 401)),
            Call("API listings", "api_get", "/api/v1/credit/listings", expect(LISTED, LISTED, ABSENT, ABSENT, 401),
                 marker=COMPANY["name"]),
            Call("API listing", "api_get", "/api/v1/credit/listings/{listing}", expect(200, 200, 404, 404, 401)),
            Call("public decision text", "get", "/public/penalties/{publication}/decision.docx", everyone),
            Call("decision text", "get", "/credit/publications/{publication}/decision.docx",
                 expect(200, 200, 404, 404, 302)),
            Call("API decision text", "api_get", "/api/v1/credit/publications/{publication}/decision.docx",
                 expect(200, 200, 404, 404, 401)),
            Call("API repeat checks", "api_get", "/api/v1/credit/cases/{case}/repeat-checks",
                 expect(200, 200, 404, 404, 401)),
            Call("API party", "api_get", "/api/v1/credit/parties/{uscc}", expect(200, 200, 200, 403, 401)),
            Call("API listing step", "api_post", "/api/v1/credit/listings/{listing}/actions/not_list",
                 expect(200, 403, 404, 404, 401), data={"version": _version(Listing, "listing"), "reason": "不列入"}),
            Call("API publication step", "api_post", "/api/v1/credit/publications/{publication}/actions/set_period",
                 expect(200, 403, 404, 404, 401),
                 data={"version": _version(Publication, "publication"), "period": "long", "reason": "一般"}),
        ]
