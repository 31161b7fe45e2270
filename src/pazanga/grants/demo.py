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
from pazanga.directory.demo import copy_domain
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


# --- Copies of the network (manage.py load_demo --scale N) ------------------------------

COPY_APPLYING_SHARE = 0.5  # every second library of a copy applies: ~6,000 applications at N=10
COPY_PANEL = 40  # reviewers per copy's call: about 47 reviews each
COPY_FUNDED_SHARE = 0.45


def load_copy(rng: random.Random, copy: int) -> None:
    """Copy `copy`'s 2015 call (code DEMO-S<copy>), decided: applications from half of the
    copy's libraries, three submitted reviews each, ranked and funded by the same queries the
    ranking page uses. Generated history, created in bulk in its final states: no workflow
    moves, no audit entries, no e-mail; the awarded signal is not sent (projects.demo opens
    the copy's grants itself). Skipped when the copy's call exists."""
    programme = Programme.objects.current()
    code = f"DEMO-S{copy}"
    if programme is None or Call.objects.filter(code=code).exists():
        return
    libraries = list(
        Organisation.objects.filter(
            kind=OrganisationKind.BRANCH, director__email__endswith=f"@{copy_domain(copy)}"
        )
        .select_related("municipality", "director")
        .order_by("pk")
    )
    if not libraries:
        return
    call = make_call(programme, code, 2015, "EUR", rng)
    Call.objects.filter(pk=call.pk).update(
        title_lt=f"[Demo] {call.title_lt} ({copy})", title_en=f"[Demo] {call.title_en} ({copy})"
    )
    panel = copy_panel(programme, call, copy, rng)
    applying = rng.sample(libraries, round(len(libraries) * COPY_APPLYING_SHARE))
    applications = copy_applications(call, applying, rng)
    criteria = list(call.criteria.all())
    copy_reviews(applications, panel, criteria, rng)
    rows = queries.ranking(call)
    call.budget = sum(
        (
            r.application.requested_total or Decimal(0)
            for r in rows[: round(len(rows) * COPY_FUNDED_SHARE)]
        ),
        Decimal(0),
    )
    call.save(update_fields=["budget"])
    funded = set(queries.proposal(call, rows).funded)
    decided_at = call.review_deadline + timedelta(days=14)
    decided = []
    for row in rows:
        application = row.application
        awarded = application.pk in funded
        application.status = S.AWARDED if awarded else S.RESERVE  # not a workflow status: bulk demo
        application.rank = row.rank
        application.score = Decimal(str(row.result.score))
        application.awarded_amount = application.requested_total if awarded else None
        application.decided_at = decided_at
        decided.append(application)
    Application.objects.bulk_update(
        decided, ["status", "rank", "score", "awarded_amount", "decided_at"], batch_size=1000
    )


def copy_panel(programme: Programme, call: Call, copy: int, rng: random.Random) -> list[User]:
    unusable = make_password(None)
    people = User.objects.bulk_create(
        User(
            email=f"ekspertas{index}@s{copy}.pazanga.example",
            first_name=first,
            last_name=last,
            password=unusable,
            is_demo=True,
        )
        for index, (first, last) in enumerate(
            REVIEWER_NAMES[i % len(REVIEWER_NAMES)] for i in range(COPY_PANEL)
        )
    )
    RoleAssignment.objects.bulk_create(
        RoleAssignment(
            user=person,
            programme=programme,
            role=Role.REVIEWER,
            status=AssignmentStatus.CONFIRMED,
        )
        for person in people
    )
    CallReviewer.objects.bulk_create(
        CallReviewer(call=call, reviewer=person, themes=rng.sample(Theme.values, 3))
        for person in people
    )
    return people


def copy_applications(
    call: Call, libraries: list[Organisation], rng: random.Random
) -> list[Application]:
    applications = []
    for number, library in enumerate(libraries, start=1):
        title, themes = rng.choice(PROJECTS)
        requested = Decimal(rng.randrange(3000, 16000, 250))
        staff = library.director
        application = Application(
            call=call,
            library=library,
            created_by=staff,
            submitted_by=staff,
            title=title,
            summary=f"{library.name} kartu su partneriais: {title.lower()}.",
            themes=themes,
            number=number,
            reference=f"{call.code}-{number:04d}",
            requested_total=requested,
            co_financing_total=(requested * Decimal("0.14")).quantize(Decimal(1)),
            submitted_at=call.closes_at - timedelta(hours=rng.randint(2, 600)),
            status=S.REVIEWED,  # not a workflow status: generated history, created decided below
            is_demo=True,
        )
        application.snapshot = {"title": title, "summary": application.summary}
        applications.append(application)
    Application.objects.bulk_create(applications, batch_size=1000)
    share = Decimal("0.65")
    BudgetLine.objects.bulk_create(
        (
            BudgetLine(
                application=application,
                category=category,
                description=description,
                requested=amount,
                co_financing=(amount * Decimal("0.14")).quantize(Decimal(1)),
            )
            for application in applications
            for category, description, amount in (
                (
                    BudgetCategory.EQUIPMENT,
                    "Įranga ir programinė įranga",
                    (application.requested_total * share).quantize(Decimal(1)),
                ),
                (
                    BudgetCategory.EVENTS,
                    "Užsiėmimai ir mokymai",
                    application.requested_total
                    - (application.requested_total * share).quantize(Decimal(1)),
                ),
            )
        ),
        batch_size=1000,
    )
    return applications


def copy_reviews(
    applications: list[Application],
    panel: list[User],
    criteria: list[Criterion],
    rng: random.Random,
) -> None:
    """Three reviewers per application, in turn round the panel; scores as in demo_review."""
    criteria_seen = services.reviews.scored_criteria(criteria)
    bias = {person.pk: rng.gauss(0, 0.08) for person in panel}
    assignments = []
    for index, application in enumerate(applications):
        for offset in range(3):
            reviewer = panel[(index * 3 + offset) % len(panel)]
            assignments.append(
                ReviewAssignment(
                    application=application,
                    reviewer=reviewer,
                    source=AssignmentSource.SOLVER,
                    affinity=round(rng.random(), 3),
                )
            )
    ReviewAssignment.objects.bulk_create(assignments, batch_size=1000)
    quality = {a.pk: rng.gauss(0.65, 0.15) for a in applications}
    reviews, scores = [], []
    for assignment in assignments:
        level = quality[assignment.application.pk] + bias[assignment.reviewer.pk]
        values = {
            c.pk: Decimal(round(min(1.0, max(0.0, rng.gauss(level, 0.12))) * c.max_score))
            for c in criteria
        }
        total = rules.review_total(criteria_seen, values)
        reviews.append(
            Review(
                assignment=assignment,
                status=ReviewStatus.SUBMITTED,  # not a workflow status: generated history
                recommendation=Recommendation.FUND
                if total >= GOOD_SCORE
                else Recommendation.DO_NOT_FUND,
                total=total,
                submitted_at=assignment.application.call.review_deadline
                - timedelta(days=rng.randint(1, 10)),
            )
        )
        scores.append(values)
    Review.objects.bulk_create(reviews, batch_size=1000)
    CriterionScore.objects.bulk_create(
        (
            CriterionScore(review=review, criterion_id=pk, score=value)
            for review, values in zip(reviews, scores, strict=True)
            for pk, value in values.items()
        ),
        batch_size=2000,
    )
