"""The indicators of performance assessment (绩效考核) and how each is counted (统计口径)."""
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

UNIT, OFFICER = "unit", "officer"


COUNT, PERCENT, DAYS, YUAN, POINTS = "count", "percent", "days", "yuan", "points"
UNIT_LABELS = {COUNT: _("件"), PERCENT: "%", DAYS: _("天"), YUAN: _("元"), POINTS: _("分")}


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    measure: str  # COUNT | PERCENT | DAYS | YUAN
    higher_is_better: bool
    definition: str
    levels: tuple[str, ...] = (UNIT, OFFICER)

    @property
    def unit(self) -> str:
        return str(UNIT_LABELS[self.measure])

    @property
    def prorated(self) -> bool:
        """Counts and amounts have annual targets, scaled to the share of the year the period covers."""
        return self.measure in (COUNT, YUAN)


INDICATORS = (
    Indicator("filed", _("查处案件"), COUNT, True,
              _("普通程序案件按立案日期、简易程序案件按当场处罚决定日期计入本期；个人指标计其承办的案件。")),
    Indicator("closed", _("结案"), COUNT, True, _("结案日期在本期内的案件。")),
    Indicator("closure_rate", _("结案率"), PERCENT, True, _("本期查处的案件中，至期末已结案的比例。")),
    Indicator("decision_days", _("平均办案天数"), DAYS, False,
              _("本期作出处理决定的普通程序案件，自立案至决定的平均自然日数。")),
    Indicator("overdue", _("超期环节"), COUNT, False,
              _("届满日在本期内的法定期限中，逾期完成或至期末（不晚于今天）仍未完成的个数。")),
    Indicator("overdue_rate", _("超期率"), PERCENT, False, _("超期环节占届满日在本期内的法定期限的比例。")),
    Indicator("transfers", _("移送公安机关"), COUNT, True, _("移送日期在本期内的涉嫌犯罪案件移送。")),
    Indicator("fines", _("罚没款"), YUAN, True, _("处理决定日期在本期内的罚款与没收违法所得之和。")),
    Indicator("corrected", _("复议诉讼纠错"), COUNT, False,
              _("终结日在本期内、处理决定被变更、撤销、确认违法或无效的行政复议和行政诉讼。")),
    Indicator("stale_approvals", _("审批超时"), COUNT, False,
              _("本期提请的审批中，自提请至审毕超过考核方案所定天数的，或至期末仍未审毕且已超过该天数的。"),
              levels=(UNIT,)),
    Indicator("file_review", _("案卷评查得分"), POINTS, True,
              _("本期评分的案卷评查（执法监督·案卷评查）中，该单位（含下级）案件的平均得分（满分按评查标准）。"),
              levels=(UNIT,)),
)
BY_CODE = {i.code: i for i in INDICATORS}


def indicators_for(level: str) -> list[Indicator]:
    return [i for i in INDICATORS if level in i.levels]

INDICATOR_CHOICES = [(i.code, i.label) for i in INDICATORS]

SCORING = _("各指标完成度：越高越好的指标为实际值 ÷ 目标值（最高为1，目标为0时为1）；越低越好的指标不超过目标值时为1，"
            "超过时为目标值 ÷ 实际值（目标为0时为0）。件数与金额的目标为年度目标，按考核区间占全年的天数折算。"
            "得分 = Σ 权重 × 完成度，按适用指标的权重之和折算为百分制；无法计算的指标（如分母为0）不计入。")
