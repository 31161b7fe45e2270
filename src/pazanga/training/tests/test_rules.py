"""Pure functions: attendance weighting, completion rules and report statistics."""

import math
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pazanga.training.rules import (
    Facts,
    Reason,
    Rule,
    attendance_percent,
    evaluate_completion,
    score_percent,
)
from pazanga.training.statistics import paired_gain, share

RULE = Rule(min_attendance_percent=75, min_post_test_percent=60, feedback_required=True)


def facts(**changes):  # type: ignore[no-untyped-def]
    values = {
        "attendance_percent": Decimal(100),
        "post_test_percent": Decimal(80),
        "has_post_test": True,
        "feedback_given": True,
        "has_feedback": True,
        **changes,
    }
    return Facts(**values)


@pytest.mark.parametrize(
    ("statuses", "days", "expected"),
    [
        (["present", "present"], 2, "100.0"),
        (["present", "late"], 2, "87.5"),
        (["present", "absent"], 2, "50.0"),
        (["present"], 2, "50.0"),  # a day with nothing recorded counts as absent
        (["excused", "present", "present"], 3, "66.7"),
        ([], 0, "0"),
    ],
)
def test_attendance_is_weighted_over_the_session_days(statuses, days, expected):
    assert attendance_percent(statuses, days) == Decimal(expected)


@settings(deadline=None)  # a loaded test machine is slow, not wrong
@given(st.lists(st.sampled_from(["present", "late", "excused", "absent"]), max_size=10))
def test_attendance_stays_between_0_and_100(statuses):
    assert Decimal(0) <= attendance_percent(statuses, max(len(statuses), 1)) <= Decimal(100)


def test_score_percent():
    assert score_percent(Decimal(2), Decimal(3)) == Decimal("66.7")
    assert score_percent(None, Decimal(3)) is None
    assert score_percent(Decimal(1), Decimal(0)) is None


def test_all_conditions_met():
    assert evaluate_completion(facts(), RULE).met


def test_every_unmet_condition_is_listed_in_order():
    result = evaluate_completion(
        facts(attendance_percent=Decimal(50), post_test_percent=Decimal(40), feedback_given=False),
        RULE,
    )
    assert not result.met
    assert result.reasons == (
        Reason("attendance", Decimal(75), Decimal(50)),
        Reason("post_test_low", Decimal(60), Decimal(40)),
        Reason("feedback_missing"),
    )


def test_a_missing_post_test_is_its_own_reason():
    result = evaluate_completion(facts(post_test_percent=None), RULE)
    assert result.reasons == (Reason("post_test_missing", Decimal(60)),)


def test_the_boundaries_are_inclusive():
    assert evaluate_completion(
        facts(attendance_percent=Decimal(75), post_test_percent=Decimal(60)), RULE
    ).met


def test_a_session_without_a_post_test_or_feedback_does_not_hold_people_to_them():
    result = evaluate_completion(
        facts(
            post_test_percent=None, has_post_test=False, feedback_given=False, has_feedback=False
        ),
        RULE,
    )
    assert result.met


def test_paired_gain_on_hand_computed_numbers():
    # Differences 10, 20, 30: mean 20, sd 10, se 10/sqrt(3) = 5.7735; t = 3.4641 on 2 df;
    # t(0.975, 2) = 4.302653, so the interval is 20 ± 24.8414.
    gain = paired_gain([(40, 50), (50, 70), (30, 60)])
    assert gain.n == 3
    assert gain.mean_pre == pytest.approx(40)
    assert gain.mean_post == pytest.approx(60)
    assert gain.mean_gain == pytest.approx(20)
    assert gain.sd_gain == pytest.approx(10)
    assert gain.t == pytest.approx(3.464102, rel=1e-6)
    assert gain.ci_low == pytest.approx(20 - 24.841377, rel=1e-6)
    assert gain.ci_high == pytest.approx(20 + 24.841377, rel=1e-6)
    assert gain.p_value == pytest.approx(0.074180, rel=1e-4)


def test_paired_gain_with_too_few_pairs_or_no_spread():
    assert paired_gain([]).n == 0 and math.isnan(paired_gain([]).mean_gain)
    one = paired_gain([(10, 30)])
    assert (one.mean_gain, one.ci_low, one.t) == (20, None, None)
    same = paired_gain([(10, 20), (30, 40)])
    assert (same.ci_low, same.ci_high, same.t, same.p_value) == (10, 10, None, None)


def test_share():
    assert share(1, 4) == 0.25
    assert share(1, 0) is None
