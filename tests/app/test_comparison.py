"""``govsim.app.compare``: two designs on common seeds."""

from __future__ import annotations

import pytest

from govsim.app.comparison import compare
from govsim.errors import GovsimError
from govsim.figures.compare import COMPARISON_METRICS


def test_the_default_metrics_are_the_figures_main_metrics() -> None:
    result = compare(
        "gnso-council", "ietf-wg", steps=3, replications=2, backend_name="serial", progress=False
    )
    assert (result.a, result.b, result.failed, result.first_error) == (
        "gnso-council",
        "ietf-wg",
        0,
        None,
    )
    shown = result.table["metric"].tolist()
    assert shown == [m for m in COMPARISON_METRICS if m in shown]
    assert {"pass_rate", "welfare", "minority_loss"} <= set(shown)


def test_a_bad_design_is_named_by_its_label() -> None:
    with pytest.raises(GovsimError, match=r"^second: "):
        compare("gnso-council", "no-such", labels=("first", "second"), progress=False)
