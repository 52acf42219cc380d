"""Refusals and errors come back in the language of the request: Chinese by default, English when asked."""
import json

import pytest

from ipenforce.core.models import WorkItem


def _post(walker, username, action, language, **data):
    client = walker.api(username)
    response = client.client.post(f"/api/v1/cases/{walker.case['id']}/actions/{action}",
                                  json.dumps({"version": walker.case["version"], **data}),
                                  content_type="application/json",
                                  headers={**client.headers, "Accept-Language": language})
    return response.status_code, response.json()


@pytest.mark.parametrize("language, words", [("zh-hans", "当前状态"), ("en", "is not possible in the current state")])
def test_a_refusal_of_the_engine_speaks_the_language_of_the_request(demo, walker, language, words):
    walker.register()
    status, body = _post(walker, "ft_officer1", "decide", language, outcome="penalty", fine="1")
    assert status == 422 and body["code"] == "wrong_state"
    assert words in body["message"]


@pytest.mark.parametrize("language, words", [("zh-hans", "应由"), ("en", "This is for")])
def test_a_refusal_that_needs_someone_else_names_them_in_that_language(demo, walker, language, words):
    walker.register()
    status, body = _post(walker, "ft_officer1", "assign_officers", language,
                         officers=[demo.user("ft_officer1").pk, demo.user("ft_officer2").pk])
    assert status in (403, 422), body
    assert words in body["message"], body


def test_a_version_conflict_is_explained_in_english(demo, walker):
    walker.register()
    walker.case["version"] -= 1
    status, body = _post(walker, "ft_officer1", "triage", "en", procedure="ordinary", reason="x")
    assert status == 409 and "Someone else updated" in body["message"], body


def test_work_opened_by_an_english_request_is_titled_in_the_platform_language(demo, walker):
    walker.register()
    walker.act("ft_unithead", "assign_officers", officers=[demo.user("ft_officer1").pk, demo.user("ft_officer2").pk])
    walker.act("ft_officer1", "triage", procedure="ordinary", reason="罚款须按违法经营额计算")
    status, body = _post(walker, "ft_officer1", "file", "en", comment="拟立案")
    assert status == 200, body
    titles = list(WorkItem.objects.filter(target_id=str(walker.case["id"]), state=WorkItem.OPEN)
                  .values_list("title", flat=True))
    tasks = [t.rsplit(" · ", 1)[1] for t in titles]  # after the case's own name
    assert tasks and not any(c.isascii() and c.isalpha() for t in tasks for c in t), titles
