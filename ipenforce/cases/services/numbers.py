"""Case numbers per agency and year, e.g. 深福市监罚〔2026〕17号: taken under a row lock, so never skipped or
duplicated; a number taken in a transaction that rolls back is given again."""
from ipenforce.cases.models import Case, NumberSeries


def case_number_allocate(*, case: Case, year: int) -> str:
    NumberSeries.objects.get_or_create(agency=case.agency, year=year)
    series = NumberSeries.objects.select_for_update().get(agency=case.agency, year=year)
    series.last += 1
    series.save(update_fields=["last"])
    case.number_year, case.number_seq = year, series.last
    case.number = f"{case.agency.short_name}罚〔{year}〕{series.last}号"
    return case.number
