"""Evidence on S3-compatible object storage (django-storages), against moto's in-process fake of S3."""
import boto3
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from moto import mock_aws

from ipenforce.evidence.files import store, verify_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def s3_storage(settings):
    with mock_aws():
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="ipenforce-test")
        settings.STORAGES = {**settings.STORAGES, "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": "ipenforce-test", "region_name": "us-east-1", "access_key": "test",
                        "secret_key": "test", "default_acl": "private", "file_overwrite": False}}}
        yield


def test_files_are_stored_once_and_verified_in_the_bucket(s3_storage):
    from tests.evidence.test_evidence import PNG

    first, _name = store(SimpleUploadedFile("a.png", PNG))
    again, _name = store(SimpleUploadedFile("b.png", PNG))
    assert first.pk == again.pk and default_storage.exists(first.storage_name)
    assert verify_all() == (1, [])
    default_storage.delete(first.storage_name)
    checked, failures = verify_all()
    assert checked == 1 and failures[0].check_note == "missing"
