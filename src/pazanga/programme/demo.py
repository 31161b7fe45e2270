"""Demo people for every role, and confirmed library-staff roles for the demo staff.

All demo logins share one password, printed by `make run`.
"""

import random

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password

from pazanga.directory.demo import DEMO_EMAIL_DOMAIN, copy_domain
from pazanga.directory.enums import OrganisationKind
from pazanga.directory.models import Organisation, User
from pazanga.programme.enums import AssignmentStatus, Role
from pazanga.programme.models import Programme, RoleAssignment

DEMO_PASSWORD = "pazanga-demo-2014"  # noqa: S105 (published demo login)
ADMIN_EMAIL = "admin@pazanga.example"
# email, first name, last name, role, position
DEMO_LOGINS = (
    (
        "programa@pazanga.example",
        "Rasa",
        "Programavičienė",
        Role.PROGRAMME_STAFF,
        "projekto vadovė",
    ),
    ("biblioteka@pazanga.example", "Jonas", "Bibliotekininkas", Role.LIBRARY_STAFF, "direktorius"),
    ("vertintoja@pazanga.example", "Aistė", "Vertintoja", Role.REVIEWER, "ekspertė"),
    ("komisija@pazanga.example", "Tomas", "Komisijonis", Role.COMMITTEE_MEMBER, "komisijos narys"),
    ("lektore@pazanga.example", "Eglė", "Lektorė", Role.TRAINER, "lektorė"),
    ("tyreja@pazanga.example", "Ieva", "Tyrėja", Role.RESEARCHER, "sociologė"),
    ("partneris@pazanga.example", "Paulius", "Partneris", Role.PARTNER, "programų vadovas"),
)


def load(rng: random.Random) -> None:
    programme = Programme.objects.current()
    if programme is None or User.objects.filter(email=ADMIN_EMAIL).exists():
        return
    password = make_password(DEMO_PASSWORD)
    lnb = Organisation.objects.get(kind=OrganisationKind.NATIONAL_LIBRARY)
    User.objects.create(
        email=ADMIN_EMAIL,
        first_name="Demo",
        last_name="Administratorius",
        organisation=lnb,
        password=password,
        is_staff=True,
        is_superuser=True,
        is_demo=True,
    )
    demo_library = (
        Organisation.objects.filter(kind=OrganisationKind.MUNICIPAL_LIBRARY)
        .order_by("municipality__code")
        .first()
    )
    for email, first, last, role, position in DEMO_LOGINS:
        organisation = demo_library if role == Role.LIBRARY_STAFF else lnb
        user = User.objects.create(
            email=email,
            first_name=first,
            last_name=last,
            organisation=organisation
            if role in (Role.LIBRARY_STAFF, Role.PROGRAMME_STAFF)
            else None,
            position=position,
            password=password,
            is_demo=True,
        )
        RoleAssignment.objects.create(
            user=user,
            programme=programme,
            role=role,
            organisation=organisation if role == Role.LIBRARY_STAFF else None,
            status=AssignmentStatus.CONFIRMED,
        )
    confirm_demo_library_staff(programme)
    mark_demo_logins_verified()


def mark_demo_logins_verified() -> None:
    """The published demo logins work at once, without the e-mail verification step."""
    emails = [ADMIN_EMAIL, *(email for email, *_rest in DEMO_LOGINS)]
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True)
        for user in User.objects.filter(email__in=emails)
    )


def confirm_demo_library_staff(programme: Programme, *, domain: str = DEMO_EMAIL_DOMAIN) -> None:
    staff = User.objects.filter(
        is_demo=True, email__endswith=f"@{domain}", organisation__isnull=False
    ).values_list("pk", "organisation_id")
    RoleAssignment.objects.bulk_create(
        [
            RoleAssignment(
                user_id=user_id,
                programme=programme,
                role=Role.LIBRARY_STAFF,
                organisation_id=organisation_id,
                status=AssignmentStatus.CONFIRMED,
            )
            for user_id, organisation_id in staff
        ],
        batch_size=1000,
    )


def load_copy(rng: random.Random, copy: int) -> None:
    """Confirmed library-staff roles for copy `copy`'s staff (see directory.demo.load_copy)."""
    del rng  # nothing is drawn: every copy's person acts for their own library
    programme = Programme.objects.current()
    domain = copy_domain(copy)
    if (
        programme is None
        or RoleAssignment.objects.filter(user__email__endswith=f"@{domain}").exists()
    ):
        return
    confirm_demo_library_staff(programme, domain=domain)
