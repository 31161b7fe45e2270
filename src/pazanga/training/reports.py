"""Reports for programme staff and funders: who was trained, coverage, learning, satisfaction.

"Trained" means: has completed at least one module (a Completion) — decision 0053. Every
function here runs a fixed number of queries, however many sessions, libraries and
people there are (aggregates with values/annotate; answers gathered in one query).
"""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import pandas as pd
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.db.models.fields.json import KT
from django.utils import timezone
from django.utils.translation import gettext as _

from pazanga.common.formats import sorted_lt
from pazanga.common.i18n import localized
from pazanga.directory.enums import Settlement
from pazanga.directory.models import County, Municipality, Organisation
from pazanga.events.enums import RegistrationStatus
from pazanga.programme.models import Programme
from pazanga.questionnaires.enums import QuestionType
from pazanga.questionnaires.models import Question
from pazanga.training import queries
from pazanga.training.enums import Instrument
from pazanga.training.models import Completion, Enrolment, Module, Session, Trainer
from pazanga.training.rules import score_percent
from pazanga.training.statistics import PairedGain, mean, paired_gain, share
from pazanga.training.tables import Column, Table


@dataclass(frozen=True)
class Scope:
    """Which sessions a report covers: those of `programme` starting in `year` (every
    programme, every year when None); `county` narrows the libraries."""

    year: int | None = None
    county: County | None = None
    programme: Programme | None = None

    def sessions(self, prefix: str = "") -> Q:
        condition = Q()
        if self.year is not None:
            condition &= Q(**{f"{prefix}event__starts_at__year": self.year})
        if self.programme is not None:
            condition &= Q(**{f"{prefix}event__programme": self.programme})
        return condition

    def libraries(self, prefix: str = "") -> Q:
        if self.county is None:
            return Q()
        return Q(**{f"{prefix}municipality__county": self.county})


def completions(scope: Scope) -> QuerySet[Completion]:
    return Completion.objects.filter(
        scope.sessions("enrolment__session__"), scope.libraries("enrolment__library__")
    )


def libraries(scope: Scope) -> QuerySet[Organisation]:
    return Organisation.objects.libraries().filter(scope.libraries())


# --- Trained staff ---------------------------------------------------------------------


def trained_by_module_and_county(scope: Scope) -> Table:
    """Distinct people who completed each module, by county of their library."""
    modules = list(Module.objects.order_by("position"))
    counties = sorted_lt(County.objects.all(), key=lambda c: c.name_lt)
    cells = defaultdict(int)
    rows = (
        completions(scope)
        .values("module_id", "enrolment__library__municipality__county_id")
        .annotate(n=Count("person", distinct=True))
        .order_by()
    )
    for row in rows:
        cells[(row["enrolment__library__municipality__county_id"], row["module_id"])] = row["n"]
    totals = dict(
        completions(scope)
        .values_list("enrolment__library__municipality__county_id")
        .annotate(n=Count("person", distinct=True))
        .order_by()
    )
    table = Table(
        "module_county",
        _("Staff trained by module and county"),
        [
            Column(_("County")),
            *(Column(str(m.name), "int") for m in modules),
            Column(_("People trained (any module)"), "int"),
        ],
    )
    for county in counties:
        table.rows.append(
            [
                str(county.name),
                *(cells[(county.pk, m.pk)] for m in modules),
                totals.get(county.pk, 0),
            ]
        )
    table.rows.append(
        [
            _("Lithuania"),
            *(sum(cells[(c.pk, m.pk)] for c in counties) for m in modules),
            sum(totals.values()),
        ]
    )
    table.note = _("A person is counted once per module; the last column counts people once.")
    return table


@dataclass
class Coverage:
    """One group of libraries: how many, how many with trained staff, headcount, trained."""

    label: str
    libraries: int = 0
    libraries_trained: int = 0
    headcount: int = 0
    trained: int = 0
    key: Any = None

    @property
    def library_share(self) -> float | None:
        return share(self.libraries_trained, self.libraries)

    @property
    def staff_share(self) -> float | None:
        return share(self.trained, self.headcount)

    def row(self) -> list[Any]:
        return [
            self.label,
            self.libraries,
            self.libraries_trained,
            self.library_share,
            self.headcount,
            self.trained,
            self.staff_share,
        ]


def coverage_columns(first: str) -> list[Column]:
    return [
        Column(first),
        Column(_("Libraries"), "int"),
        Column(_("Libraries with trained staff"), "int"),
        Column(_("Share of libraries"), "share"),
        Column(_("Staff headcount"), "int"),
        Column(_("Staff trained"), "int"),
        Column(_("Trained ÷ headcount"), "share"),
    ]


def coverage_by(field: str, scope: Scope) -> dict[Any, Coverage]:
    """Coverage per value of an Organisation field (e.g. municipality__county_id): 2 queries."""
    groups: dict[Any, Coverage] = {}
    for row in (
        libraries(scope)
        .values(field)
        .annotate(n=Count("pk"), headcount=Sum("staff_headcount"))
        .order_by()
    ):
        groups[row[field]] = Coverage("", row["n"], 0, row["headcount"] or 0, 0, row[field])
    trained = (
        completions(scope)
        .values(f"enrolment__library__{field}")
        .annotate(
            libraries_trained=Count("enrolment__library", distinct=True),
            people=Count("person", distinct=True),
        )
        .order_by()
    )
    for row in trained:
        group = groups.setdefault(
            row[f"enrolment__library__{field}"],
            Coverage("", key=row[f"enrolment__library__{field}"]),
        )
        group.libraries_trained = row["libraries_trained"]
        group.trained = row["people"]
    return groups


def total(groups: list[Coverage], label: str) -> Coverage:
    return Coverage(
        label,
        sum(g.libraries for g in groups),
        sum(g.libraries_trained for g in groups),
        sum(g.headcount for g in groups),
        sum(g.trained for g in groups),
    )


def coverage_by_county(scope: Scope) -> Table:
    groups = coverage_by("municipality__county_id", scope)
    lines = []
    for county in sorted_lt(County.objects.all(), key=lambda c: c.name_lt):
        group = groups.get(county.pk, Coverage("", key=county.pk))
        group.label = str(county.name)
        lines.append(group)
    table = Table("coverage_county", _("Coverage by county"), coverage_columns(_("County")))
    table.rows = [g.row() for g in [*lines, total(lines, _("Lithuania"))]]
    return table


def coverage_by_settlement(scope: Scope) -> Table:
    groups = coverage_by("settlement", scope)
    labels = dict(Settlement.choices)
    lines = []
    for value in (Settlement.URBAN, Settlement.RURAL):
        group = groups.get(value, Coverage("", key=value))
        group.label = str(labels[value])
        lines.append(group)
    table = Table(
        "coverage_settlement", _("Coverage: urban and rural libraries"), coverage_columns(_("Area"))
    )
    table.rows = [g.row() for g in [*lines, total(lines, _("All"))]]
    return table


def coverage_by_municipality(scope: Scope) -> tuple[Table, dict[int, Coverage]]:
    groups = coverage_by("municipality_id", scope)
    municipalities = Municipality.objects.select_related("county")
    if scope.county is not None:
        municipalities = municipalities.filter(county=scope.county)
    lines = []
    for municipality in sorted_lt(municipalities, key=lambda m: m.name_lt):
        group = groups.get(municipality.pk, Coverage("", key=municipality.pk))
        group.label = municipality.short_name_lt
        lines.append(group)
    table = Table(
        "coverage_municipality",
        _("Coverage by municipality"),
        coverage_columns(_("Municipality")),
    )
    table.rows = [g.row() for g in lines]
    return table, {g.key: g for g in lines}


def trained_by_library(scope: Scope, text: str = "") -> QuerySet[Organisation]:
    """Libraries with their headcount, people trained and modules completed (one query)."""
    trained = Q(enrolments__completions__isnull=False) & scope.sessions("enrolments__session__")
    found = (
        libraries(scope)
        .select_related("municipality", "municipality__county")
        .annotate(
            trained=Count("enrolments__completions__person", filter=trained, distinct=True),
            completions=Count("enrolments__completions", filter=trained, distinct=True),
        )
        .filter(trained__gt=0)
    )
    if text:
        found = found.matching(text)
    return found.order_by("-trained", "name")


def library_table(rows: Any) -> Table:
    table = Table(
        "library",
        _("Staff trained by library"),
        [
            Column(_("Library")),
            Column(_("Municipality")),
            Column(_("Staff headcount"), "int"),
            Column(_("Staff trained"), "int"),
            Column(_("Trained ÷ headcount"), "share"),
            Column(_("Modules completed"), "int"),
        ],
    )
    for library in rows:
        table.rows.append(
            [
                library.display_name,
                library.municipality.short_name_lt if library.municipality else "",
                library.staff_headcount,
                library.trained,
                share(library.trained, library.staff_headcount or 0),
                library.completions,
            ]
        )
    return table


# --- Learning (Kirkpatrick level 2) and satisfaction (level 1) -------------------------


@dataclass
class SessionFacts:
    """Sessions with their instruments' codes, enrolments, submitted test scores and the
    feedback's Likert answers: a fixed number of queries, and no answers parsed in Python.

    `feedback` holds one row per feedback response (the enrolment id, then each Likert
    question's value or NaN), read as numbers by the database (decision 0093)."""

    sessions: dict[int, Session]
    codes: dict[int, dict[str, str]]
    enrolment_session: dict[int, int]
    responses: dict[tuple[int, str], dict[str, Any]]
    feedback: pd.DataFrame


def session_facts(scope: Scope) -> SessionFacts:
    sessions = {
        s.pk: s
        for s in Session.objects.filter(scope.sessions())
        .select_related(
            "event",
            "course__pre_test",
            "course__post_test",
            "course__feedback",
            "course__follow_up",
            "pre_test",
            "post_test",
            "feedback",
            "follow_up",
            "municipality",
        )
        .prefetch_related(
            Prefetch("trainers", queryset=Trainer.objects.select_related("user")),
            "course__modules",
        )
    }
    codes = {pk: queries.instrument_codes(s) for pk, s in sessions.items()}
    enrolment_session = dict(
        Enrolment.objects.filter(
            session__in=list(sessions), registration__status=RegistrationStatus.CONFIRMED
        ).values_list("pk", "session_id")
    )
    submitted = queries.responses_about_enrolments(list(enrolment_session))
    responses = {}
    for row in submitted.filter(score__isnull=False).values(
        "subject_id", "questionnaire__code", "score", "max_score"
    ):
        responses[(int(row["subject_id"]), row["questionnaire__code"])] = row
    feedback_codes = {c[Instrument.FEEDBACK] for c in codes.values() if Instrument.FEEDBACK in c}
    return SessionFacts(
        sessions,
        codes,
        enrolment_session,
        responses,
        likert_answers(submitted.filter(questionnaire__code__in=feedback_codes)),
    )


def likert_answers(feedback: QuerySet[Any]) -> pd.DataFrame:
    """The feedback responses' Likert answers, one row each: `enrolment`, `session` (filled
    in by the caller) and one numeric column per Likert question (NaN where a form does not
    ask it or the answer is not a number). The database extracts the values from the JSON;
    pandas converts whole columns. Two queries: the questions, then the values."""
    asked: dict[int, set[str]] = defaultdict(set)
    for questionnaire_id, name in Question.objects.filter(
        questionnaire_id__in=feedback.values("questionnaire_id"), type=QuestionType.LIKERT
    ).values_list("questionnaire_id", "name"):
        asked[questionnaire_id].add(name)
    names = sorted(set().union(*asked.values()))
    columns = {f"likert_{i}": KT(f"answers__{name}") for i, name in enumerate(names)}
    frame = pd.DataFrame.from_records(
        list(feedback.annotate(**columns).values_list("subject_id", "questionnaire_id", *columns)),
        columns=["enrolment", "questionnaire", *columns],
    )
    frame["enrolment"] = pd.to_numeric(frame["enrolment"], errors="coerce")
    for column, name in zip(columns, names, strict=True):
        values = pd.to_numeric(frame[column], errors="coerce")
        asking = [q for q, questions in asked.items() if name in questions]
        frame[column] = values.where(frame["questionnaire"].isin(asking))
    return frame.drop(columns="questionnaire")


def score_pairs(facts: SessionFacts) -> dict[int, tuple[float, float]]:
    """(pre %, post %) per enrolment that submitted both tests."""
    pairs = {}
    for enrolment_id, session_id in facts.enrolment_session.items():
        codes = facts.codes[session_id]
        pre = facts.responses.get((enrolment_id, codes.get(Instrument.PRE_TEST, "")))
        post = facts.responses.get((enrolment_id, codes.get(Instrument.POST_TEST, "")))
        if not pre or not post:
            continue
        pre_percent = score_percent(pre["score"], pre["max_score"])
        post_percent = score_percent(post["score"], post["max_score"])
        if pre_percent is not None and post_percent is not None:
            pairs[enrolment_id] = (float(pre_percent), float(post_percent))
    return pairs


def gain_columns(first: str) -> list[Column]:
    return [
        Column(first),
        Column(_("Pairs"), "int"),
        Column(_("Mean pre-test"), "percent"),
        Column(_("Mean post-test"), "percent"),
        Column(_("Mean gain (points)"), "number"),
        Column(_("95% CI low"), "number"),
        Column(_("95% CI high"), "number"),
        Column(_("t"), "number"),
        Column(_("p"), "p"),
    ]


def gain_row(label: str, gain: PairedGain) -> list[Any]:
    if gain.n == 0:
        return [label, 0, None, None, None, None, None, None, None]
    return [
        label,
        gain.n,
        gain.mean_pre,
        gain.mean_post,
        gain.mean_gain,
        gain.ci_low,
        gain.ci_high,
        gain.t,
        gain.p_value,
    ]


def knowledge_gain(facts: SessionFacts) -> tuple[Table, Table]:
    """Pre → post gain per module and per trainer, each with a paired t-test."""
    pairs = score_pairs(facts)
    by_module: dict[int, list[tuple[float, float]]] = defaultdict(list)
    by_trainer: dict[int, list[tuple[float, float]]] = defaultdict(list)
    modules: dict[int, Module] = {}
    trainers: dict[int, Trainer] = {}
    by_session: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for enrolment_id, pair in pairs.items():
        by_session[facts.enrolment_session[enrolment_id]].append(pair)
    for session_id, session_pairs in by_session.items():  # per session, not per person
        session = facts.sessions[session_id]
        for module in session.course.modules.all():
            modules[module.pk] = module
            by_module[module.pk].extend(session_pairs)
        for trainer in session.trainers.all():
            trainers[trainer.pk] = trainer
            by_trainer[trainer.pk].extend(session_pairs)
    note = _(
        "Scores in percent of the maximum; gain = post − pre in percentage points, "
        "paired t-test with a %(level)s%% confidence interval."
    ) % {"level": 95}
    module_table = Table("gain_module", _("Knowledge gain by module"), gain_columns(_("Module")))
    for module in sorted(modules.values(), key=lambda m: m.position):
        module_table.rows.append(gain_row(str(module.name), paired_gain(by_module[module.pk])))
    module_table.rows.append(gain_row(_("All modules"), paired_gain(list(pairs.values()))))
    module_table.note = note
    trainer_table = Table(
        "gain_trainer", _("Knowledge gain by trainer"), gain_columns(_("Trainer"))
    )
    for trainer in sorted(trainers.values(), key=str):
        trainer_table.rows.append(gain_row(str(trainer), paired_gain(by_trainer[trainer.pk])))
    trainer_table.note = note
    return module_table, trainer_table


def satisfaction_scores(facts: SessionFacts) -> dict[int, float]:
    """Each feedback response's mean over its Likert answers (1–5), per enrolment of the
    report's sessions: a mean over whole columns, no loop over the responses."""
    frame = facts.feedback
    likert = frame.drop(columns="enrolment")
    means = likert.mean(axis=1, skipna=True) if len(likert.columns) else pd.Series(dtype=float)
    scored = pd.DataFrame({"enrolment": frame["enrolment"], "mean": means}).dropna()
    scored = scored[scored["enrolment"].isin(facts.enrolment_session.keys())]
    return dict(zip(scored["enrolment"].astype(int), scored["mean"].astype(float), strict=True))


def satisfaction(facts: SessionFacts) -> tuple[Table, Table]:
    """Mean satisfaction (1–5) per session and per trainer, with response rates."""
    scores = satisfaction_scores(facts)
    participants: dict[int, int] = defaultdict(int)
    for session_id in facts.enrolment_session.values():
        participants[session_id] += 1
    per_session: dict[int, list[float]] = defaultdict(list)
    per_trainer: dict[int, list[float]] = defaultdict(list)
    trainers: dict[int, Trainer] = {}
    for enrolment_id, value in scores.items():
        per_session[facts.enrolment_session[enrolment_id]].append(value)
    for session_id, values in per_session.items():  # per session, not per person
        for trainer in facts.sessions[session_id].trainers.all():
            trainers[trainer.pk] = trainer
            per_trainer[trainer.pk].extend(values)
    columns = [
        Column(_("Session")),
        Column(_("Date")),
        Column(_("Trainers")),
        Column(_("Participants"), "int"),
        Column(_("Answers"), "int"),
        Column(_("Response rate"), "share"),
        Column(_("Mean satisfaction (1–5)"), "number"),
    ]
    session_table = Table("satisfaction_session", _("Satisfaction by session"), columns)
    for session in sorted(facts.sessions.values(), key=lambda s: (s.event.starts_at, s.pk)):
        values = per_session.get(session.pk, [])
        session_table.rows.append(
            [
                str(localized(session.event, "title")),
                timezone.localtime(session.event.starts_at).date().isoformat(),
                ", ".join(str(t) for t in session.trainers.all()),
                participants.get(session.pk, 0),
                len(values),
                share(len(values), participants.get(session.pk, 0)),
                mean(values),
            ]
        )
    trainer_table = Table(
        "satisfaction_trainer",
        _("Satisfaction by trainer"),
        [
            Column(_("Trainer")),
            Column(_("Answers"), "int"),
            Column(_("Mean satisfaction (1–5)"), "number"),
        ],
    )
    for trainer in sorted(trainers.values(), key=str):
        values = per_trainer[trainer.pk]
        trainer_table.rows.append([str(trainer), len(values), mean(values)])
    return session_table, trainer_table
