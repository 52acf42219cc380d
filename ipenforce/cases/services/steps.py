"""Recording a step on the timeline that does not change the case's state (e.g. a document was produced)."""
from ipenforce.cases.choices import StepKind
from ipenforce.cases.models import Case, CaseStep


def case_step_record(*, case: Case, actor, action: str, comment: str = "", payload: dict | None = None) -> CaseStep:
    return CaseStep.objects.create(case=case, kind=StepKind.RECORD, action=action, actor=actor,
                                   from_state=case.state, to_state=case.state, comment=comment, payload=payload or {})
