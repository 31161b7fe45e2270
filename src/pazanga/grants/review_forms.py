"""The reviewer's form: one score and comment per criterion, a recommendation, a comment."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pazanga.grants.enums import Recommendation
from pazanga.grants.models import Criterion, Review


class ReviewForm(forms.Form):
    recommendation = forms.ChoiceField(
        label=_("Recommendation"),
        choices=[("", "—"), *Recommendation.choices],
        required=False,
    )
    comment = forms.CharField(
        label=_("Overall comment"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(
        self, *args: Any, criteria: list[Criterion], review: Review | None, **kwargs: Any
    ) -> None:
        self.criteria = criteria
        given = {s.criterion_id: s for s in review.scores.all()} if review else {}
        initial = (
            {"recommendation": review.recommendation, "comment": review.comment} if review else {}
        )
        for criterion in criteria:
            if criterion.pk in given:
                initial[f"score_{criterion.pk}"] = given[criterion.pk].score
                initial[f"comment_{criterion.pk}"] = given[criterion.pk].comment
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.DecimalField(
                label=_("%(name)s (0–%(max)s)")
                % {"name": criterion.name, "max": criterion.max_score},
                help_text=criterion.guidance,
                min_value=Decimal(0),
                max_value=Decimal(criterion.max_score),
                decimal_places=1,
                required=False,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on %(name)s") % {"name": criterion.name},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )

    def scores(self) -> dict[int, tuple[Decimal | None, str]]:
        return {
            c.pk: (
                self.cleaned_data.get(f"score_{c.pk}"),
                self.cleaned_data.get(f"comment_{c.pk}", ""),
            )
            for c in self.criteria
        }
