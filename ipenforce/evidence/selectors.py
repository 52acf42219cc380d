"""Reads: a case's evidence with files and custody, in a fixed number of queries."""
from django.db.models import Prefetch, QuerySet

from ipenforce.evidence.models import CustodyEvent, EvidenceFile, EvidenceItem


def case_evidence(case) -> QuerySet[EvidenceItem]:
    return EvidenceItem.objects.filter(case=case).prefetch_related(
        "collectors",
        Prefetch("files", queryset=EvidenceFile.objects.select_related("stored")),
        Prefetch("custody", queryset=CustodyEvent.objects.select_related("actor")),
    )
