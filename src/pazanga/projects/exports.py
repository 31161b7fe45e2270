"""Downloads through the one exporter base: the portfolio, the payment list for the
accountant, and the indicator roll-up."""

from collections.abc import Iterable, Iterator
from datetime import date

from django.utils.translation import gettext as _

from pazanga.common.exports import Exporter, Sheet
from pazanga.projects import queries
from pazanga.projects.models import Grant, Tranche


class PortfolioExport(Exporter):
    def __init__(self, grants: Iterable[Grant]) -> None:
        self.grants = grants

    def file_stem(self) -> str:
        return f"projects-portfolio-{date.today().isoformat()}"  # noqa: DTZ011 (a file name)

    def sheets(self) -> Iterator[Sheet]:
        yield Sheet(_("Portfolio"), self.rows())

    def rows(self) -> Iterator[list[object]]:
        yield [
            _("Reference"),
            _("Project"),
            _("Library"),
            _("Municipality"),
            _("County"),
            _("Status"),
            _("Awarded"),
            _("Paid"),
            _("Currency"),
            _("End"),
            _("Waits for"),
            _("Risks"),
        ]
        for grant in self.grants:
            municipality = grant.library.municipality
            yield [
                grant.reference,
                grant.title,
                grant.library.name,
                str(municipality.name) if municipality else "",
                str(municipality.county.name) if municipality else "",
                str(grant.get_status_display()),
                grant.awarded_amount,
                getattr(grant, "paid_total", None),
                grant.currency,
                grant.current_end,
                queries.next_due(grant),
                "; ".join(queries.flags_of(grant)),
            ]


class PaymentListExport(Exporter):
    """What the accountant pays: one row per tranche, the amount in the currency paid."""

    def __init__(self, tranches: Iterable[Tranche]) -> None:
        self.tranches = tranches

    def file_stem(self) -> str:
        return f"projects-payments-{date.today().isoformat()}"  # noqa: DTZ011 (a file name)

    def sheets(self) -> Iterator[Sheet]:
        yield Sheet(_("Payments"), self.rows())

    def rows(self) -> Iterator[list[object]]:
        yield [
            _("Reference"),
            _("Library"),
            _("Registry code"),
            _("Payment"),
            _("When"),
            _("Amount"),
            _("Currency"),
            _("To pay"),
            _("Currency paid"),
            _("Status"),
            _("Payment date"),
            _("Payment reference"),
        ]
        for tranche in self.tranches:
            grant = tranche.grant
            to_pay = tranche.paid_money
            if to_pay is None:
                from pazanga.projects.workflow import payment_in

                to_pay = payment_in(tranche, grant, tranche.paid_on or date.today())  # noqa: DTZ011
            yield [
                grant.reference,
                grant.library.name,
                grant.library.registry_code,
                tranche.position,
                str(tranche.get_condition_display()),
                tranche.amount,
                grant.currency,
                to_pay.amount,
                to_pay.currency,
                str(tranche.get_status_display()),
                tranche.paid_on,
                tranche.payment_reference,
            ]


class RollupExport(Exporter):
    def __init__(self, rollup: queries.Rollup, group_label: str) -> None:
        self.rollup, self.group_label = rollup, group_label

    def file_stem(self) -> str:
        return "projects-indicators"

    def sheets(self) -> Iterator[Sheet]:
        yield Sheet(_("Indicators"), self.rows())
        yield Sheet(_("Who was reached"), self.breakdown_rows(), formats=("xlsx",))

    def breakdown_rows(self) -> Iterator[list[object]]:
        yield [_("Indicator"), _("Broken down by"), _("Category"), _("Actual"), _("Share, %")]
        for breakdown in self.rollup.breakdowns:
            for part in breakdown.parts:
                yield [
                    str(breakdown.indicator.name),
                    breakdown.dimension,
                    part.label,
                    part.amount,
                    part.share,
                ]

    def rows(self) -> Iterator[list[object]]:
        header: list[object] = [self.group_label, _("Grants")]
        for indicator in self.rollup.indicators:
            header += [
                f"{indicator.name}: " + _("target"),
                f"{indicator.name}: " + _("actual"),
            ]
        yield header
        for row in [*self.rollup.rows, self.rollup.total]:
            cells: list[object] = [row.label, row.grants]
            for indicator in self.rollup.indicators:
                cell = row.cells.get(indicator.pk, queries.Cell())
                cells += [cell.target, cell.actual]
            yield cells
