"""Statistics for programme evaluation: pure Python, numpy and scipy, no Django."""

from commonground.evaluation.stats.agreement import Agreement, agreement
from commonground.evaluation.stats.cohort_report import (
    CohortReport,
    MeasureResult,
    ReportOptions,
    StatementResult,
    cohort_report,
    gather,
    report_from,
)
from commonground.evaluation.stats.effect_sizes import (
    cohens_d_av,
    cohens_d_z,
    hedges_correction,
    hedges_g_av,
)
from commonground.evaluation.stats.instrument import (
    FreeTextQuestion,
    Indicator,
    Instrument,
    Scale,
    Statement,
    Theme,
)
from commonground.evaluation.stats.instrument_file import load_instrument, parse_instrument
from commonground.evaluation.stats.multiple import holm_adjust
from commonground.evaluation.stats.paired import (
    PairedComparison,
    PairedTTest,
    compare_paired,
    compare_pairs,
)
from commonground.evaluation.stats.problems import InvalidInput
from commonground.evaluation.stats.raters import OTHERS, RaterGroup, Rating, compare_raters
from commonground.evaluation.stats.report_input import ReportInput
from commonground.evaluation.stats.response_rates import ResponseRate, response_rates
from commonground.evaluation.stats.responses import RATER_TYPES, WAVES, Response
from commonground.evaluation.stats.responses_csv import load_responses, parse_responses
from commonground.evaluation.stats.signed_rank import SignedRankTest, signed_rank_test
from commonground.evaluation.stats.summary import Summary, summarise
from commonground.evaluation.stats.theme_scores import theme_score
from commonground.evaluation.stats.trends import change_by_cohort

__all__ = [
    "OTHERS",
    "RATER_TYPES",
    "WAVES",
    "Agreement",
    "CohortReport",
    "FreeTextQuestion",
    "Indicator",
    "Instrument",
    "InvalidInput",
    "MeasureResult",
    "PairedComparison",
    "PairedTTest",
    "RaterGroup",
    "Rating",
    "ReportInput",
    "ReportOptions",
    "Response",
    "ResponseRate",
    "Scale",
    "SignedRankTest",
    "Statement",
    "StatementResult",
    "Summary",
    "Theme",
    "agreement",
    "change_by_cohort",
    "cohens_d_av",
    "cohens_d_z",
    "cohort_report",
    "compare_paired",
    "compare_pairs",
    "compare_raters",
    "gather",
    "hedges_correction",
    "hedges_g_av",
    "holm_adjust",
    "load_instrument",
    "load_responses",
    "parse_instrument",
    "parse_responses",
    "report_from",
    "response_rates",
    "signed_rank_test",
    "summarise",
    "theme_score",
]
