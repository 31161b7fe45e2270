"""Demo calls: 2014 (litas) and 2015 (euro, 57 applications of which 45 are awarded, as in
the programme's report), with applications, a review panel, reviews and decisions, and an
open "[Demo]" call to try applying. Deterministic, idempotent, marked is_demo."""

import random
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from pazanga.common.audit import log_action
from pazanga.directory.enums import OrganisationKind
from pazanga.directory.models import Organisation, User
from pazanga.grants import eligibility, queries, rules, services
from pazanga.grants.enums import (
    ApplicationStatus,
    AssignmentSource,
    BudgetCategory,
    PartnerRole,
    Recommendation,
    ReviewStatus,
    Theme,
)
from pazanga.grants.models import (
    Application,
    BudgetLine,
    Call,
    CallReviewer,
    Criterion,
    CriterionScore,
    Partner,
    Review,
    ReviewAssignment,
)
from pazanga.grants.workflow import submit_review, transition
from pazanga.programme.enums import AssignmentStatus, Role
from pazanga.programme.models import Programme, RoleAssignment

VILNIUS = ZoneInfo("Europe/Vilnius")
GOOD_SCORE = 60
S = ApplicationStatus
CRITERIA = (
    ("Atitiktis bendruomenės poreikiams", "Relevance to the community's needs", 30),
    ("Partnerystė", "Partnership", 20),
    ("Naujumas", "Innovation", 20),
    ("Tęstinumas", "Sustainability", 15),
    ("Biudžeto pagrįstumas", "Budget justification", 15),
)
PROJECTS = (
    ("Skaitmeninio raštingumo dirbtuvės senjorams", ["digital_skills", "seniors"]),
    ("Jaunimo kūrybinės medijų laboratorija", ["creative", "youth"]),
    ("Karjeros klubas bedarbiams", ["employment", "education"]),
    ("Krašto paveldo skaitmeninimas su bendruomene", ["culture", "community"]),
    ("Sveikatos raštingumo vakarai", ["health", "seniors"]),
    ("E. paslaugų konsultacijos kaimo gyventojams", ["e_government", "digital_skills"]),
    ("Vaikų robotikos būrelis", ["youth", "education"]),
    ("Verslumo pradžiamokslis vietos amatininkams", ["employment", "creative"]),
    ("Bendruomenės kino klubas", ["culture", "community"]),
    ("Šeimų skaitymo ir programavimo savaitgaliai", ["youth", "digital_skills"]),
)
REVIEWER_NAMES = (
    ("Aistė", "Vertintoja"),
    ("Linas", "Žemaitis"),
    ("Rūta", "Kazlauskienė"),
    ("Mindaugas", "Petrauskas"),
    ("Giedrė", "Jankauskaitė"),
    ("Darius", "Stankevičius"),
    ("Ieva", "Vasiliauskaitė"),
    ("Tomas", "Butkus"),
    ("Laura", "Urbonaitė"),
    ("Andrius", "Navickas"),
    ("Simona", "Paulauskaitė"),
    ("Vytautas", "Kairys"),
)


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=VILNIUS)


def load(rng: random.Random) -> None:
    programme = Programme.objects.current()
    if programme is None or Call.objects.filter(code="BP2-2014").exists():
        return
    reviewers = demo_reviewers(programme, rng)
    libraries = list(
        Organisation.objects.filter(
            is_demo=True, kind__in=(OrganisationKind.MUNICIPAL_LIBRARY, OrganisationKind.BRANCH)
        )
        .select_related("municipality__county")
        .order_by("pk")
    )
    if len(libraries) < 100:  # noqa: PLR2004 (the directory demo was not loaded)
        return
    first = (
        Organisation.objects.filter(kind=OrganisationKind.MUNICIPAL_LIBRARY)
        .order_by("municipality__code")
        .first()
    )
    call_2014 = make_call(programme, "BP2-2014", 2014, "LTL", rng)
    run_round(call_2014, rng.sample(libraries, 40), reviewers, rng, funded_count=30)
    call_2015 = make_call(programme, "BP2-2015", 2015, "EUR", rng)
    chosen = [lib for lib in rng.sample(libraries, 57) if lib != first][:56]
    run_round(call_2015, [first, *chosen] if first else chosen, reviewers, rng, funded_count=45)
    open_call(programme)


def demo_reviewers(programme: Programme, rng: random.Random) -> list[User]:
    """The demo reviewer login plus eleven more experts, some from partner organisations."""
    password = make_password(None)
    partners = list(
        Organisation.objects.filter(is_demo=True, kind=OrganisationKind.NGO).order_by("pk")
    )
    people = []
    for index, (first, last) in enumerate(REVIEWER_NAMES):
        email = "vertintoja@pazanga.example" if index == 0 else f"ekspertas{index}@pazanga.example"
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "first_name": first,
                "last_name": last,
                "password": password,
                "is_demo": True,
                "organisation": rng.choice(partners) if partners and index % 3 == 1 else None,
            },
        )
        if created or not RoleAssignment.objects.filter(user=user, role=Role.REVIEWER).exists():
            RoleAssignment.objects.get_or_create(
                user=user,
                programme=programme,
                role=Role.REVIEWER,
                organisation=None,
                defaults={"status": AssignmentStatus.CONFIRMED},
            )
        people.append(user)
    return people


def make_call(
    programme: Programme, code: str, year: int, currency: str, rng: random.Random
) -> Call:
    litas = currency == "LTL"
    call = Call.objects.create(
        programme=programme,
        code=code,
        title_lt=f"Viešųjų bibliotekų bendruomenės projektai {year} m.",
        title_en=f"Public library community projects {year}",
        description_lt=(
            "Viešosios bibliotekos kviečiamos teikti bendruomenės projektus, parengtus su verslo, "
            "vietos valdžios ir nevyriausybinių organizacijų partneriais. Projektai atrenkami "
            "konkurso būdu."
        ),
        description_en=(
            "Public libraries are invited to apply for funding of community projects developed "
            "with partners from business, local government and NGOs; projects are selected "
            "competitively."
        ),
        who_may_apply_lt="Savivaldybių viešosios bibliotekos ir jų filialai.",
        who_may_apply_en="Municipal public libraries and their branches.",
        opens_at=at(year, 2, 2, 9),
        closes_at=at(year, 3, 16, 17),
        is_published=True,
        currency=currency,
        budget=Decimal(1),
        min_grant=Decimal(5000 if litas else 1500),
        max_grant=Decimal(60000 if litas else 17000),
        min_co_financing_percent=Decimal(10),
        eligible_kinds=[OrganisationKind.MUNICIPAL_LIBRARY, OrganisationKind.BRANCH],
        required_partner_kinds=[OrganisationKind.MUNICIPAL_ADMINISTRATION],
        required_training_module="" if litas else "projektu-rengimas",
        reviewers_per_application=3,
        min_reviewer_load=5,
        max_reviewer_load=16,
        review_deadline=at(year, 4, 20, 17),
        is_demo=True,
    )
    Criterion.objects.bulk_create(
        Criterion(call=call, name_lt=lt, name_en=en, weight=Decimal(w), max_score=10, position=i)
        for i, (lt, en, w) in enumerate(CRITERIA)
    )
    return call


def run_round(
    call: Call,
    libraries: list[Organisation],
    reviewers: list[User],
    rng: random.Random,
    *,
    funded_count: int,
) -> None:
    admins = {
        o.municipality_id: o
        for o in Organisation.objects.filter(kind=OrganisationKind.MUNICIPAL_ADMINISTRATION)
    }
    others: dict[int, list[Organisation]] = {}
    for org in Organisation.objects.filter(
        is_demo=True,
        kind__in=(OrganisationKind.BUSINESS, OrganisationKind.NGO, OrganisationKind.SCHOOL),
    ).order_by("pk"):
        others.setdefault(org.municipality_id, []).append(org)
    quality = {}
    applications = []
    for number, library in enumerate(libraries, start=1):
        application = demo_application(call, library, number, rng, admins=admins, others=others)
        quality[application.pk] = rng.gauss(0.65, 0.15)
        applications.append(application)
    ineligible = applications[-2:] if call.currency == "EUR" else []
    checked_at = call.closes_at + timedelta(days=5)
    for application in applications:
        transition(
            application,
            S.SUBMITTED,
            actor=None,
            note=application.reference,
            at=application.submitted_at,
            notify=False,
        )
        if application in ineligible:
            reason = "Partnerystės sutartis nepasirašyta."
            Application.objects.filter(pk=application.pk).update(eligibility_note=reason)
            transition(
                application, S.INELIGIBLE, actor=None, note=reason, at=checked_at, notify=False
            )
        else:
            transition(application, S.ELIGIBLE, actor=None, at=checked_at, notify=False)
    CallReviewer.objects.bulk_create(
        CallReviewer(call=call, reviewer=r, themes=rng.sample(Theme.values, 3)) for r in reviewers
    )
    services.refresh_conflicts(call)
    problem, apps, panel = services.assignment_problem(call)
    from pazanga.grants.solvers.assignment import solve_assignment

    result = solve_assignment(problem)
    bias = {r.pk: rng.gauss(0, 0.08) for r in reviewers}
    criteria = list(call.criteria.all())
    assignments = ReviewAssignment.objects.bulk_create(
        ReviewAssignment(
            application=apps[a],
            reviewer=panel[r].reviewer,
            source=AssignmentSource.SOLVER,
            affinity=problem.affinity[a][r],
        )
        for a, r in result.pairs
    )
    for application in apps:
        transition(application, S.IN_REVIEW, actor=None, notify=False)
    for assignment in assignments:
        level = quality[assignment.application.pk] + bias[assignment.reviewer.pk]
        demo_review(assignment, criteria, level, rng)
    decide(call, funded_count)


def demo_application(
    call: Call,
    library: Organisation,
    number: int,
    rng: random.Random,
    *,
    admins: dict[int, Organisation],
    others: dict[int, list[Organisation]],
) -> Application:
    title, themes = rng.choice(PROJECTS)
    scale = Decimal("3.4528") if call.currency == "LTL" else Decimal(1)
    requested = (Decimal(rng.randrange(3000, 16000, 250)) * scale).quantize(Decimal(1))
    submitted = call.closes_at - timedelta(hours=rng.randint(2, 600))
    staff = User.objects.filter(organisation=library).order_by("pk").first()
    application = Application.objects.create(
        call=call,
        library=library,
        created_by=staff,
        submitted_by=staff,
        title=title,
        summary=f"{library.name} kartu su partneriais: {title.lower()}.",
        target_community=rng.choice(
            ("Senjorai", "Jaunimas", "Bedarbiai", "Kaimo bendruomenė", "Šeimos su vaikais")
        ),
        themes=themes,
        number=number,
        reference=f"{call.code}-{number:03d}",
        requested_total=requested,
        submitted_at=submitted,
        is_demo=True,
    )
    partners = [admins[library.municipality_id]] if library.municipality_id in admins else []
    partners += rng.sample(
        others.get(library.municipality_id, []),
        min(1, len(others.get(library.municipality_id, []))),
    )
    Partner.objects.bulk_create(
        Partner(
            application=application,
            organisation=org,
            role=rng.choice(PartnerRole.values),
            contribution="Patalpos, savanoriai ir sklaida",
        )
        for org in partners
    )
    share = Decimal(rng.randint(60, 75)) / 100
    first = (requested * share).quantize(Decimal(1))
    BudgetLine.objects.bulk_create(
        [
            BudgetLine(
                application=application,
                category=BudgetCategory.EQUIPMENT,
                description="Įranga ir programinė įranga",
                requested=first,
                co_financing=(requested * Decimal("0.08")).quantize(Decimal(1)),
            ),
            BudgetLine(
                application=application,
                category=BudgetCategory.EVENTS,
                description="Užsiėmimai ir mokymai",
                requested=requested - first,
                co_financing=(requested * Decimal("0.06")).quantize(Decimal(1)),
            ),
        ]
    )
    application.co_financing_total = sum(
        line.co_financing for line in application.budget_lines.all()
    )
    application.eligibility_checks = [c.as_json() for c in eligibility.run_checks(application)]
    application.snapshot = services.build_snapshot(application)
    application.save()
    return application


def demo_review(
    assignment: ReviewAssignment, criteria: list[Criterion], level: float, rng: random.Random
) -> None:
    scores = {}
    for criterion in criteria:
        value = min(1.0, max(0.0, rng.gauss(level, 0.12)))
        scores[criterion.pk] = (Decimal(round(value * criterion.max_score)), "")
    criteria_seen = services.reviews.scored_criteria(criteria)
    values = {pk: value for pk, (value, _c) in scores.items()}
    total = rules.review_total(criteria_seen, values)
    review = Review.objects.create(
        assignment=assignment,
        recommendation=Recommendation.FUND if total >= GOOD_SCORE else Recommendation.DO_NOT_FUND,
        comment="Aiškus tikslas ir realūs partneriai."
        if total >= GOOD_SCORE
        else "Trūksta aiškių rezultatų rodiklių.",
        total=total,
    )
    CriterionScore.objects.bulk_create(
        CriterionScore(review=review, criterion_id=pk, score=value)
        for pk, (value, _c) in scores.items()
    )
    submitted_at = assignment.application.call.review_deadline - timedelta(days=rng.randint(1, 10))
    # The last review of an application moves it on to "reviewed" (workflow).
    submit_review(review, ReviewStatus.SUBMITTED, actor=None, at=submitted_at, notify=False)


def decide(call: Call, funded_count: int) -> None:
    """Budget = the top `funded_count` requests, so the proposal funds exactly that many."""
    rows = queries.ranking(call)
    call.budget = sum(
        (r.application.requested_total or Decimal(0) for r in rows[:funded_count]), Decimal(0)
    )
    call.save(update_fields=["budget"])
    proposal = queries.proposal(call, rows)
    funded = set(proposal.funded)
    decided_at = call.review_deadline + timedelta(days=14)
    for row in rows:
        application = row.application
        awarded = application.pk in funded
        Application.objects.filter(pk=application.pk).update(
            rank=row.rank,
            score=Decimal(str(row.result.score)),
            awarded_amount=application.requested_total if awarded else None,
        )
        transition(
            application,
            S.AWARDED if awarded else S.RESERVE,
            actor=None,
            at=decided_at,
            notify=False,
        )
    log_action(
        call, "grants.call.decided", data={"total_awarded": str(proposal.total), "count": len(rows)}
    )


def open_call(programme: Programme) -> None:
    """An open call (relative to today) so that the demo librarian can try applying."""
    now = timezone.now()
    call = Call.objects.create(
        programme=programme,
        code="DEMO-OPEN",
        title_lt="[Demo] Atviras kvietimas: bendruomenės projektai",
        title_en="[Demo] Open call: community projects",
        description_lt="Bandomasis kvietimas, kuriame galima išbandyti paraiškos teikimą.",
        description_en="A practice call to try applying.",
        opens_at=now - timedelta(days=7),
        closes_at=now + timedelta(days=60),
        is_published=True,
        currency="EUR",
        budget=Decimal(200000),
        min_grant=Decimal(1500),
        max_grant=Decimal(17000),
        min_co_financing_percent=Decimal(10),
        eligible_kinds=[OrganisationKind.MUNICIPAL_LIBRARY, OrganisationKind.BRANCH],
        required_partner_kinds=[OrganisationKind.MUNICIPAL_ADMINISTRATION],
        reviewers_per_application=2,
        max_reviewer_load=20,
        is_demo=True,
    )
    Criterion.objects.bulk_create(
        Criterion(call=call, name_lt=lt, name_en=en, weight=Decimal(w), max_score=10, position=i)
        for i, (lt, en, w) in enumerate(CRITERIA)
    )
