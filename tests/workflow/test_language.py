"""Refusals and errors come back in the language of the request: Chinese by default, English when asked."""
import json

import pytest


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
