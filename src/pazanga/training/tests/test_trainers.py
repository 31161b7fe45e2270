"""Trainers' profiles: programme staff add and edit them; the curriculum shows them."""

import pytest
from django.urls import reverse
from django.utils import translation

from pazanga.common.audit import timeline
from pazanga.programme.enums import Role
from pazanga.programme.tests.factories import person_with_role
from pazanga.training.models import Trainer


def english(name: str, *args: object) -> str:
    with translation.override("en"):
        return reverse(f"training:{name}", args=args)


@pytest.fixture
def new_trainer_person(programme):
    return person_with_role(
        Role.TRAINER, email="ruta@lektoriai.example", first_name="Rūta", last_name="Rutkė"
    )


def test_programme_staff_add_a_trainer_with_a_bilingual_bio_and_modules(
    client_of, staff_member, new_trainer_person, modules, trainer
):
    staff = client_of(staff_member)
    form = staff.get(english("add_trainer")).content.decode()
    assert "ruta@lektoriai.example" in form
    assert "egle@lektoriai.example" not in form  # she has a profile already
    data = {
        "user": new_trainer_person.pk,
        "bio_lt": "Bibliotekininkė, projektų vadovė.",
        "bio_en": "Librarian and project manager.",
        "modules": [modules["leadership"].pk, modules["project-management"].pk],
    }
    page = staff.post(english("add_trainer"), data, follow=True).content.decode()
    assert "The trainer&#x27;s profile is saved." in page
    assert "Rūta Rutkė" in page and "Leadership" in page
    profile = Trainer.objects.get(user=new_trainer_person)
    assert profile.bio_en == "Librarian and project manager."
    assert {m.code for m in profile.modules.all()} == {"leadership", "project-management"}
    entry = timeline(profile).get()
    assert (entry.action, entry.actor) == ("training.trainer.saved", staff_member)
    assert entry.data == {"created": True, "modules": ["leadership", "project-management"]}


def test_only_people_with_the_trainer_role_can_get_a_profile(
    client_of, staff_member, outsider, trainer_user, trainer
):
    staff = client_of(staff_member)
    for person in (outsider, trainer_user):  # no role; a profile already
        page = staff.post(english("add_trainer"), {"user": person.pk, "bio_lt": "Tekstas"})
        assert page.status_code == 200
        assert "Select a valid choice" in page.content.decode()
        assert "Tekstas</textarea>" in page.content.decode()
    assert Trainer.objects.count() == 1


def test_with_nobody_left_to_add_the_form_says_so(client_of, staff_member, trainer):
    page = client_of(staff_member).get(english("add_trainer")).content.decode()
    assert "Everyone who holds the trainer role already has a profile." in page


def test_programme_staff_edit_a_trainer_but_not_whose_profile_it_is(
    client_of, staff_member, trainer, modules, outsider
):
    url = english("edit_trainer", trainer.pk)
    staff = client_of(staff_member)
    assert 'name="user"' not in staff.get(url).content.decode()
    data = {
        "user": outsider.pk,
        "bio_lt": "Lektorė, 10 metų patirtis.",
        "bio_en": "Trainer with ten years' experience.",
        "modules": [modules["change-management"].pk],
    }
    assert staff.post(url, data).status_code == 302
    trainer.refresh_from_db()
    assert trainer.user.email == "egle@lektoriai.example"
    assert trainer.bio_lt == "Lektorė, 10 metų patirtis."
    assert [m.code for m in trainer.modules.all()] == ["change-management"]
    assert timeline(trainer).get().data == {"created": False, "modules": ["change-management"]}


def test_an_english_bio_needs_a_lithuanian_one(client_of, staff_member, trainer):
    url = english("edit_trainer", trainer.pk)
    page = client_of(staff_member).post(url, {"bio_lt": "", "bio_en": "Only English."})
    assert "Write the biography in Lithuanian too." in page.content.decode()
    assert "Only English.</textarea>" in page.content.decode()
    trainer.refresh_from_db()
    assert trainer.bio_lt == "Lektorė."


@pytest.mark.parametrize(
    ("name", "with_pk"), [("add_trainer", False), ("edit_trainer", True), ("trainers", False)]
)
def test_trainer_pages_are_forbidden_to_others(
    client_of, trainer, outsider, librarian_a, trainer_user, staff_member, name, with_pk
):
    url = english(name, *([trainer.pk] if with_pk else []))
    for person in (outsider, librarian_a, trainer_user):
        assert client_of(person).get(url).status_code == 403
        assert client_of(person).post(url, {"bio_lt": "Pakeista"}).status_code == 403
    trainer.refresh_from_db()
    assert trainer.bio_lt == "Lektorė."
    if with_pk:
        assert client_of(staff_member).get(english(name, trainer.pk + 100)).status_code == 404


def test_the_trainer_list_searches_by_name(client_of, staff_member, trainer, other_trainer):
    staff = client_of(staff_member)
    page = staff.get(english("trainers"), {"q": "lektorė"}).content.decode()
    assert "Eglė Lektorė" in page and "Petras" not in page
    nothing = staff.get(english("trainers"), {"q": "niekas"}).content.decode()
    assert "No trainer matches this search." in nothing


def test_the_curriculum_shows_each_modules_trainers_in_the_readers_language(
    client, trainer, modules
):
    trainer.bio_en = "Trainer."
    trainer.save()
    lithuanian = client.get(reverse("training:curriculum")).content.decode()
    module_section = lithuanian.split("<h2>Projektų valdymas</h2>")[1].split("<section")[0]
    assert "Eglė Lektorė" in module_section and "Lektorė." in module_section
    leadership = lithuanian.split("<h2>Lyderystė</h2>")[1].split("<section")[0]
    assert "Eglė Lektorė" not in leadership
    assert "Trainer." in client.get(english("curriculum")).content.decode()
