"""The case-file review checklist (案卷评查标准) as versioned data: items with points and the deductions each may
take, loaded from checklists/*.yaml and validated. The shipped one is an editable example (the design files give
no official checklist); its `example` flag is shown wherever it is used."""
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

DIRECTORY = Path(__file__).resolve().parent / "checklists"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Deduction(_Strict):
    code: str
    text: str = Field(min_length=1)
    points: int = Field(gt=0)


class Item(_Strict):
    code: str
    title: str = Field(min_length=1)
    points: int = Field(gt=0)
    deductions: list[Deduction] = Field(min_length=1)

    @model_validator(mode="after")
    def _within(self):
        if any(d.points > self.points for d in self.deductions):
            raise ValueError(f"{self.code}: a deduction exceeds the item's points")
        return self


class Checklist(_Strict):
    key: str
    version: str
    title: str
    example: bool
    source: str = Field(min_length=1)
    total: int = Field(gt=0)
    items: list[Item] = Field(min_length=1)

    @model_validator(mode="after")
    def _adds_up(self):
        if sum(i.points for i in self.items) != self.total:
            raise ValueError(f"{self.key}: item points do not add up to the total")
        return self

    def item(self, code: str) -> Item | None:
        return next((i for i in self.items if i.code == code), None)


@cache
def checklist(key: str = "case_file_review") -> Checklist:
    return Checklist.model_validate(yaml.safe_load((DIRECTORY / f"{key}.yaml").read_text(encoding="utf-8")))
