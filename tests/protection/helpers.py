"""Walking a complaint and a notice through the API."""
from ipenforce.protection.models import Complaint, TakedownNotice


def step(api, resource: str, pk: int, action: str, **data):
    model = Complaint if resource == "complaints" else TakedownNotice
    version = model.objects.get(pk=pk).version
    return api.post(f"/api/v1/{resource}/{pk}/actions/{action}", {"version": version, **data})


def ok(response, status=200):
    assert response.status_code == status, response.content.decode()
    return response.json()
