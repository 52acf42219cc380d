"""Case numbers per agency and year, e.g. 深福市监罚〔2026〕17号, without gaps or duplicates."""
from ipenforce.cases.models import Case, NumberSeries
from ipenforce.core.numbering import series_next


def case_number_allocate(*, case: Case, year: int) -> str:
    seq = series_next(NumberSeries, agency=case.agency, year=year)
    case.number_year, case.number_seq = year, seq
    case.number = f"{case.agency.short_name}罚〔{year}〕{seq}号"
    return case.number
