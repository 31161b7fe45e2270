"""Demo funded projects, clearly marked: the grants of the demo's 2014 (litas) and 2015 (euro)
awards, taken through the same services the programme uses, then dated as they happened.

Every grant comes from an `is_demo` application and is `is_demo`; nothing is e-mailed (the
moves are `quiet`). The generator is the app's own seeded one, so every machine gets the same
demo, and a second load adds nothing.

- 2014 (LTL): every grant signed in June 2014 and closed with its final report approved in
  2015 or 2016; payments from 2015 on are made in euro at 3.45280.
- 2015 (EUR): a mix of stages: a few still at agreement (among them the demo librarian's
  library, to try signing and reporting), most under way with their interim report approved,
  some with it submitted, returned or late, one suspended, one terminated, a few closed.

Targets and values are drawn so that the roll-up is of the order of the programme's real
totals (reference.REAL_TOTALS: 13,248 trained, 22,143 in labs, 1,190 events, ...).
"""

import random
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.db.models import Max

from pazanga.common.models import AuditEntry
from pazanga.directory.enums import OrganisationKind
from pazanga.directory.models import Organisation, User
from pazanga.grants.enums import ApplicationStatus
from pazanga.grants.models import Application
from pazanga.programme.enums import AssignmentStatus, Role
from pazanga.programme.models import Programme, RoleAssignment
from pazanga.projects import reference, services
from pazanga.projects.enums import CATEGORIES, AmendmentStatus, ReportKind, TrancheStatus
from pazanga.projects.models import (
    Amendment,
    Grant,
    Indicator,
    Report,
    ReportVersion,
    Tranche,
    Visit,
)
from pazanga.questionnaires.models import Response

VILNIUS = ZoneInfo("Europe/Vilnius")
CALLS = ("BP2-2014", "BP2-2015")
STAFF_EMAIL = "programa@pazanga.example"
LIBRARIAN_EMAIL = "biblioteka@pazanga.example"
# Each grant's targets for an average award, from the real totals over the 75 demo grants.
PER_GRANT = {
    "people_trained": 175,
    "lab_participants": 290,
    "events": 16,
    "event_participants": 520,
    "services": 1.2,
    "products": 2.9,
}
# Shares of the real totals by field, in CATEGORIES order (ict, business, creative, personal,
# other): people trained 7,709 / 3,359 / 1,076 / 477 / 627; labs 6,058 / 356 / 6,542 / 6,599 /
# 2,588.
FIELD_SHARES = {
    "people_trained": (7709, 3359, 1076, 477, 627),
    "lab_participants": (6058, 356, 6542, 6599, 2588),
}
SEX_SHARES = (64, 36)
AGE_SHARES = (10, 20, 45, 25)
# Stages of the 2015 grants, in the proportions of a programme mid-way (weights over 45).
STAGES_2015 = (
    ("agreement", 3),
    ("interim_late", 4),
    ("interim_submitted", 6),
    ("interim_returned", 3),
    ("interim_approved", 4),
    ("interim_paid", 16),
    ("reporting", 3),
    ("closed", 4),
    ("suspended", 1),
    ("terminated", 1),
)


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=VILNIUS)


def split(total: int, shares: Iterable[int]) -> list[int]:
    """`total` split by `shares` into whole numbers that add up to it exactly."""
    weights = list(shares)
    exact = [total * w / sum(weights) for w in weights]
    whole = [int(x) for x in exact]
    rest = total - sum(whole)
    for index in sorted(range(len(exact)), key=lambda i: whole[i] - exact[i])[:rest]:
        whole[index] += 1
    return whole


class History:
    """Dates what the services just did: audit entries made since the last mark."""

    def __init__(self) -> None:
        self.mark = self.last()

    @staticmethod
    def last() -> int:
        return AuditEntry.objects.aggregate(m=Max("pk"))["m"] or 0

    def happened(self, when: datetime) -> None:
        AuditEntry.objects.filter(pk__gt=self.mark).update(created_at=when)
        self.mark = self.last()


class Builder:
    """Takes one demo grant through its history."""

    def __init__(
        self,
        grant: Grant,
        rng: random.Random,
        *,
        staff: User | None,
        indicators: dict[str, Indicator],
        nearby: dict[int, list[int]],
    ) -> None:
        self.grant, self.rng, self.staff = grant, rng, staff
        self.indicators, self.nearby = indicators, nearby
        self.history = History()
        self.writer = (
            User.objects.filter(organisation=grant.library, is_demo=True).order_by("pk").first()
        )
        self.size = float(grant.awarded_amount) / (34528.0 if grant.currency == "LTL" else 10000.0)
        self.last_day = grant.awarded_on

    def happened(self, day: date) -> datetime:
        when = at(day)
        self.history.happened(when)
        self.last_day = max(self.last_day, day)
        return when

    # --- agreement ----------------------------------------------------------------------

    def targets(self) -> dict[str, Decimal]:
        wanted = {}
        for code, per_grant in PER_GRANT.items():
            value = per_grant * self.size * self.rng.uniform(0.8, 1.2)
            wanted[code] = Decimal(max(1, round(value)))
        wanted["libraries_involved"] = Decimal(len(self.involved()))
        services.set_targets(
            self.grant, {self.indicators[c]: v for c, v in wanted.items()}, actor=self.writer
        )
        self.happened(self.grant.awarded_on + timedelta(days=10))
        return wanted

    def sign(self, day: date) -> None:
        services.sign_agreement(self.grant, signed_on=day, actor=self.staff, quiet=True)
        when = self.happened(day)
        Grant.objects.filter(pk=self.grant.pk).update(activated_at=when)

    def pay(self, position: int, day: date) -> None:
        tranche = self.grant.tranches.get(position=position)
        if tranche.status != TrancheStatus.DUE:
            return
        services.approve_tranche(tranche, actor=self.staff)
        services.pay_tranche(
            tranche,
            paid_on=day,
            reference=f"MP-{day.year}-{self.grant.pk:03d}{position}",
            actor=self.staff,
            quiet=True,
        )
        Tranche.objects.filter(pk=tranche.pk).update(approved_at=at(day - timedelta(days=2)))
        self.happened(day)

    # --- reports ------------------------------------------------------------------------

    def involved(self) -> list[int]:
        """The library and the libraries of its municipality that take part."""
        around = self.nearby.get(self.grant.library.municipality_id or 0, [])
        count = min(len(around), self.rng.randint(8, 18))
        return sorted({self.grant.library_id, *self.rng.sample(around, count)})

    def values(self, targets: dict[str, Decimal], share: float) -> list[services.ValueInput]:
        given = []
        for code, target in targets.items():
            indicator = self.indicators[code]
            if code == "libraries_involved":
                items = self.involved()
                given.append(services.ValueInput(indicator, Decimal(len(items)), items=items))
                continue
            amount = max(0, round(float(target) * share * self.rng.uniform(0.85, 1.2)))
            breakdown = {}
            for dimension in indicator.disaggregations:
                codes = [c for c, _label in CATEGORIES[dimension]]
                shares = {"sex": SEX_SHARES, "age_group": AGE_SHARES}.get(
                    dimension, FIELD_SHARES.get(code, (1,) * len(codes))
                )
                parts = split(amount, shares)
                breakdown[dimension] = {c: Decimal(n) for c, n in zip(codes, parts, strict=True)}
            given.append(services.ValueInput(indicator, Decimal(amount), breakdown=breakdown))
        satisfaction = Decimal(str(round(self.rng.uniform(4.1, 4.8), 2)))
        given.append(services.ValueInput(self.indicators["satisfaction"], satisfaction))
        return given

    def narrative(self, targets: dict[str, Decimal], final: bool) -> dict[str, object]:
        title = self.grant.title
        events = int(targets.get("events", 10))
        return {
            "activities": (
                f"Įgyvendinant projektą „{title}“ surengta apie {events} renginių ir užsiėmimų; "
                "dalyviai mokėsi naudotis kompiuteriu, internetu ir e. paslaugomis."
            ),
            "changes": self.rng.choice(
                (
                    "Dalis užsiėmimų perkelta į vasarą dėl patalpų remonto.",
                    "Didelių pokyčių nebuvo, veikla vyko pagal planą.",
                    "Įranga pristatyta vėliau, todėl pirmieji užsiėmimai prasidėjo mėnesiu vėliau.",
                )
            ),
            "partners": "Savivaldybė suteikė patalpas, vietos verslas – lektorius ir prizus.",
            "community": (
                "Gyventojai dažniau lankosi bibliotekoje, daugiau senjorų naudojasi e. paslaugomis."
                if final
                else "Pirmieji dalyviai jau patys naudojasi e. paslaugomis."
            ),
            "next_steps": "Populiariausi užsiėmimai bus tęsiami ir projektui pasibaigus.",
        }

    def expenses(self, share: float, final: bool) -> dict[int, Decimal]:
        spent = {}
        for line in self.grant.budget_lines.all():
            already = sum(
                (e.amount for e in line.expenses.exclude(report__status="cancelled")), Decimal(0)
            )
            left = line.current_amount - already
            fraction = self.rng.uniform(0.92, 1.0) if final else share * self.rng.uniform(0.9, 1.1)
            amount = (line.current_amount * Decimal(str(fraction))).quantize(Decimal(1))
            spent[line.pk] = max(Decimal(0), min(left, amount))
        return spent

    def write(
        self, kind: str, targets: dict[str, Decimal], *, share: float, spend: float
    ) -> Report:
        report = self.grant.reports.filter(kind=kind).order_by("number").first()
        final = kind == ReportKind.FINAL
        services.save_report(
            report,
            actor=self.writer,
            expenses=self.expenses(spend, final),
            co_financing_received=Decimal(
                int(float(self.grant.awarded_amount) * self.rng.uniform(0.04, 0.08))
            ),
            public_summary=self.summary(targets) if final else "",
            values=self.values(targets, share),
            narrative_answers=self.narrative(targets, final),
        )
        return report

    def summary(self, targets: dict[str, Decimal]) -> str:
        return (
            f"Projektas „{self.grant.title}“ subūrė bendruomenę: surengta apie "
            f"{int(targets['events'])} renginių, apmokyta apie {int(targets['people_trained'])} "
            "žmonių, sukurtos naujos bibliotekos paslaugos, kurios teikiamos ir toliau."
        )

    def submit(self, report: Report, day: date) -> None:
        services.submit_report(report, actor=self.writer, quiet=True)
        when = self.happened(day)
        Report.objects.filter(pk=report.pk).update(submitted_at=when)
        version = report.versions.order_by("-number").first()
        ReportVersion.objects.filter(pk=version.pk).update(submitted_at=when)
        Response.objects.filter(pk=version.narrative_id).update(submitted_at=when)

    def decide(self, report: Report, day: date, *, approve: bool) -> None:
        comments = (
            {}
            if approve
            else {
                "financial": "Pridėkite išlaidas pagrindžiančius dokumentus.",
                "indicators": "Patikslinkite dalyvių skaičių pagal amžiaus grupes.",
            }
        )
        services.review_report(
            report, approve=approve, comments=comments, actor=self.staff, quiet=True
        )
        when = self.happened(day)
        Report.objects.filter(pk=report.pk).update(decided_at=when)
        version = report.versions.order_by("-number").first()
        ReportVersion.objects.filter(pk=version.pk).update(decided_at=when)

    def report(
        self,
        kind: str,
        targets: dict[str, Decimal],
        *,
        submitted: date,
        share: float,
        spend: float = 0.5,
        returned: bool = False,
        approved: date | None = None,
    ) -> Report:
        report = self.write(kind, targets, share=share, spend=spend)
        self.submit(report, submitted)
        if returned:
            self.decide(report, submitted + timedelta(days=12), approve=False)
            self.write(kind, targets, share=share, spend=spend)
            self.submit(report, submitted + timedelta(days=20))
        if approved is not None:
            self.decide(report, approved, approve=True)
        return report

    # --- the rest -----------------------------------------------------------------------

    def reallocate(self, day: date, *, fraction: Decimal) -> None:
        lines = list(self.grant.budget_lines.all())
        if len(lines) < 2:  # noqa: PLR2004 (money moves between two lines)
            return
        moved = (lines[0].current_amount * fraction).quantize(Decimal(1), ROUND_HALF_UP)
        services.request_reallocation(
            self.grant,
            changes={lines[0].pk: -moved, lines[1].pk: moved},
            reason="Įranga kainavo mažiau, todėl daugiau lėšų skiriama užsiėmimams.",
            actor=self.writer,
            by_staff=False,
            quiet=True,
        )
        when = self.happened(day)
        Amendment.objects.filter(grant=self.grant).update(requested_at=when)
        Amendment.objects.filter(grant=self.grant, status=AmendmentStatus.APPROVED).update(
            decided_at=when
        )

    def extend(self, day: date, months: int = 3) -> None:
        new_end = self.grant.current_end + timedelta(days=30 * months)
        services.request_extension(
            self.grant,
            new_end=new_end,
            reason="Renginių ciklas baigsis vėliau, nes partneriai pakeitė grafiką.",
            actor=self.staff,
            by_staff=True,
            quiet=True,
        )
        when = self.happened(day)
        Amendment.objects.filter(grant=self.grant).update(requested_at=when, decided_at=when)
        self.grant.refresh_from_db()

    def visit(self, day: date, *, done: bool) -> None:
        visit = services.record_visit(
            self.grant,
            visited_on=day,
            officer=self.staff,
            checklist={
                "activities": True,
                "equipment": True,
                "publicity": self.rng.random() > 0.3,  # noqa: PLR2004 (a demo's odds)
                "records": True,
                "partners": self.rng.random() > 0.2,  # noqa: PLR2004 (a demo's odds)
                "documents": True,
            },
            findings="Užsiėmimai vyksta, įranga naudojama; dalyvių apskaita tvarkoma.",
            follow_ups=[
                (
                    "Viešinti programos paramą bibliotekos interneto svetainėje",
                    day + timedelta(days=30),
                )
            ],
            actor=self.staff,
        )
        when = self.happened(day)
        Visit.objects.filter(pk=visit.pk).update(created_at=when)
        if done:
            services.complete_follow_up(
                visit.follow_ups.get(), done_on=day + timedelta(days=20), actor=self.staff
            )
            self.happened(day + timedelta(days=20))

    def finish(self) -> None:
        """Dates the grant's own stamps: opened at the award, last seen at its last step."""
        self.grant.refresh_from_db()
        opened = at(self.grant.awarded_on)
        Grant.objects.filter(pk=self.grant.pk).update(
            created_at=opened, last_activity_at=at(self.last_day)
        )
        AuditEntry.objects.filter(
            action="projects.grant.opened", object_id=str(self.grant.pk)
        ).update(created_at=opened)
        if self.grant.closed_at is not None:
            Grant.objects.filter(pk=self.grant.pk).update(closed_at=at(self.last_day))


def load(rng: random.Random) -> None:
    if Grant.objects.filter(is_demo=True).exists():
        return
    programme = Programme.objects.current()
    applications = list(
        Application.objects.filter(
            is_demo=True, status=ApplicationStatus.AWARDED, call__code__in=CALLS
        )
        .select_related("call", "library")
        .order_by("call__code", "number")
    )
    if programme is None or not applications:
        return
    reference.load()
    indicators = {i.code: i for i in Indicator.objects.all()}
    staff = User.objects.filter(email=STAFF_EMAIL).first()
    nearby: dict[int, list[int]] = {}
    for pk, municipality in Organisation.objects.filter(
        kind__in=(OrganisationKind.MUNICIPAL_LIBRARY, OrganisationKind.BRANCH)
    ).values_list("pk", "municipality_id"):
        nearby.setdefault(municipality or 0, []).append(pk)
    demo_library = (
        Organisation.objects.filter(kind=OrganisationKind.MUNICIPAL_LIBRARY)
        .order_by("municipality__code")
        .values_list("pk", flat=True)
        .first()
    )
    later = [a for a in applications if a.call.code == CALLS[1]]
    stages = stages_for(later, demo_library, rng)
    for application in applications:
        grant = services.open_grant(application)
        builder = Builder(grant, rng, staff=staff, indicators=indicators, nearby=nearby)
        if application.call.code == CALLS[0]:
            history_2014(builder, rng)
        else:
            history_2015(builder, stages[application.pk], rng)
        builder.finish()
    let_the_demo_librarian_sign(programme, demo_library)


def let_the_demo_librarian_sign(programme: Programme, demo_library: int | None) -> None:
    """The demo librarian acts for a library with a 2015 grant awaiting its agreement, so the
    whole way from signing to an approved report can be tried with the demo logins."""
    waiting = Grant.objects.filter(is_demo=True, call__code=CALLS[1], status="agreement")
    if waiting.filter(library_id=demo_library).exists():
        return
    grant = waiting.order_by("reference").first()
    librarian = User.objects.filter(email=LIBRARIAN_EMAIL).first()
    if grant is None or librarian is None:
        return
    RoleAssignment.objects.get_or_create(
        user=librarian,
        programme=programme,
        role=Role.LIBRARY_STAFF,
        organisation=grant.library,
        defaults={"status": AssignmentStatus.CONFIRMED},
    )


def stages_for(
    applications: list[Application], demo_library: int | None, rng: random.Random
) -> dict[int, str]:
    """Each 2015 grant's stage; the demo librarian's own grant waits for its agreement."""
    names = [name for name, weight in STAGES_2015 for _ in range(weight)]
    while len(names) < len(applications):
        names.append("interim_paid")
    rng.shuffle(names)
    stages = {a.pk: name for a, name in zip(applications, names, strict=False)}
    for application in applications:
        if application.library_id == demo_library:
            stages[application.pk] = "agreement"
    return stages


def day_in(rng: random.Random, start: date, days: int) -> date:
    return start + timedelta(days=rng.randint(0, days))


def history_2014(builder: Builder, rng: random.Random) -> None:
    """Signed in June 2014, interim report early 2015, final report and closing in 2015–16."""
    targets = builder.targets()
    builder.sign(day_in(rng, date(2014, 6, 2), 20))
    builder.pay(1, builder.last_day + timedelta(days=rng.randint(5, 12)))
    if rng.random() < 0.3:  # noqa: PLR2004 (a demo's odds)
        builder.visit(day_in(rng, date(2014, 10, 1), 50), done=True)
    interim_in = day_in(rng, date(2014, 12, 10), 35)
    builder.report(
        ReportKind.INTERIM,
        targets,
        submitted=interim_in,
        share=0.45,
        returned=rng.random() < 0.2,  # noqa: PLR2004 (a demo's odds)
        approved=interim_in + timedelta(days=rng.randint(24, 40)),
    )
    builder.pay(2, builder.last_day + timedelta(days=rng.randint(4, 10)))
    if rng.random() < 0.25:  # noqa: PLR2004 (a demo's odds)
        builder.reallocate(builder.last_day + timedelta(days=20), fraction=Decimal("0.05"))
    if rng.random() < 0.15:  # noqa: PLR2004 (a demo's odds)
        builder.extend(date(2015, 5, 10))
    final_in = builder.grant.current_end + timedelta(days=rng.randint(5, 40))
    builder.report(
        ReportKind.FINAL,
        targets,
        submitted=final_in,
        share=0.62,
        approved=final_in + timedelta(days=rng.randint(14, 60)),
    )
    builder.pay(3, min(builder.last_day + timedelta(days=rng.randint(5, 20)), date(2016, 12, 20)))


def history_2015(builder: Builder, stage: str, rng: random.Random) -> None:  # noqa: PLR0911 (one return per stage)
    targets = builder.targets()
    if stage == "agreement":
        return
    builder.sign(day_in(rng, date(2015, 6, 2), 25))
    builder.pay(1, builder.last_day + timedelta(days=rng.randint(5, 12)))
    if rng.random() < 0.35:  # noqa: PLR2004 (a demo's odds)
        builder.visit(day_in(rng, date(2015, 10, 1), 60), done=rng.random() < 0.5)  # noqa: PLR2004
    if stage == "terminated":
        services.terminate_grant(
            builder.grant,
            reason="Biblioteka uždaryta dėl pastato avarinės būklės; veikla negali būti tęsiama.",
            actor=builder.staff,
            quiet=True,
        )
        builder.happened(date(2015, 11, 20))
        return
    if stage == "interim_late":
        builder.write(ReportKind.INTERIM, targets, share=0.45, spend=0.5)
        builder.happened(date(2015, 12, 15))
        return
    interim_in = day_in(rng, date(2015, 12, 8), 30)
    spend = 0.25 if rng.random() < 0.15 else 0.5  # noqa: PLR2004 (some spend too slowly)
    if stage == "interim_submitted":
        builder.report(ReportKind.INTERIM, targets, submitted=interim_in, share=0.45, spend=spend)
        return
    if stage == "interim_returned":
        report = builder.write(ReportKind.INTERIM, targets, share=0.45, spend=spend)
        builder.submit(report, interim_in)
        builder.decide(report, interim_in + timedelta(days=14), approve=False)
        return
    builder.report(
        ReportKind.INTERIM,
        targets,
        submitted=interim_in,
        share=0.45,
        spend=spend,
        approved=interim_in + timedelta(days=rng.randint(20, 35)),
    )
    if stage == "interim_approved":
        return
    builder.pay(2, builder.last_day + timedelta(days=rng.randint(4, 10)))
    if stage == "suspended":
        services.suspend_grant(
            builder.grant,
            reason="Laukiama savivaldybės sprendimo dėl patalpų; veikla laikinai sustabdyta.",
            actor=builder.staff,
            quiet=True,
        )
        builder.happened(date(2016, 3, 1))
        return
    if stage == "interim_paid":
        if rng.random() < 0.1:  # noqa: PLR2004 (a request for staff to decide)
            builder.reallocate(date(2016, 3, 14), fraction=Decimal("0.2"))
        return
    final_in = builder.grant.current_end + timedelta(days=rng.randint(3, 25))
    approved = final_in + timedelta(days=rng.randint(15, 40)) if stage == "closed" else None
    builder.report(ReportKind.FINAL, targets, submitted=final_in, share=0.62, approved=approved)
    if stage == "closed":
        builder.pay(3, builder.last_day + timedelta(days=rng.randint(5, 15)))


def load_copy(rng: random.Random, copy: int) -> None:
    """The grants of copy `copy`'s call (grants.demo.load_copy), opened by the service the
    award opens them with and left at their agreement stage. Skipped when they exist."""
    del rng  # nothing is drawn: the opening service decides every figure
    applications = Application.objects.filter(
        call__code=f"DEMO-S{copy}", status=ApplicationStatus.AWARDED, is_demo=True
    ).order_by("number")
    if Grant.objects.filter(call__code=f"DEMO-S{copy}").exists():
        return
    if applications.exists():
        reference.load()
    for application in applications:
        services.open_grant(application)
    Grant.objects.filter(call__code=f"DEMO-S{copy}").update(is_demo=True)
