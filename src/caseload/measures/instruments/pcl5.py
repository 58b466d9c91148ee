"""PCL-5: the twenty DSM-5 PTSD symptoms, 0-4 each over the past month, total 0-80, with
cluster scores B (items 1-5), C (6-7), D (8-14) and E (15-20) (Weathers et al. 2013).

Probable PTSD: total 33 or more. The National Center for PTSD reports 31-33 as the range
of good cut-points and proposes 33 until more is known (Bovin et al. 2016 found 31-33 in
veterans); we take 33, the value the authors themselves put forward.

Provisional diagnosis (DSM-5 rule as the authors apply it): an item rated 2 ("Moderately")
or more counts as a symptom, and at least 1 B, 1 C, 2 D and 2 E symptoms are needed."""

from collections.abc import Sequence
from dataclasses import replace

from caseload.measures.instruments.base import Band, Instrument, Option
from caseload.measures.instruments.common import (
    Answers,
    Context,
    all_answered,
    banded_score,
    items,
    screen_flag,
)
from caseload.measures.result import Score

PROBABLE_AT = 33
SYMPTOM_AT = 2
CLUSTERS = {
    "cluster_b": (range(1, 6), 1),
    "cluster_c": (range(6, 8), 1),
    "cluster_d": (range(8, 15), 2),
    "cluster_e": (range(15, 21), 2),
}

_OPTIONS = (
    Option(0, "Not at all"),
    Option(1, "A little bit"),
    Option(2, "Moderately"),
    Option(3, "Quite a bit"),
    Option(4, "Extremely"),
)
_TEXTS = (
    "Repeated, disturbing, and unwanted memories of the stressful experience?",
    "Repeated, disturbing dreams of the stressful experience?",
    "Suddenly feeling or acting as if the stressful experience were actually happening again "
    "(as if you were actually back there reliving it)?",
    "Feeling very upset when something reminded you of the stressful experience?",
    "Having strong physical reactions when something reminded you of the stressful "
    "experience (for example, heart pounding, trouble breathing, sweating)?",
    "Avoiding memories, thoughts, or feelings related to the stressful experience?",
    "Avoiding external reminders of the stressful experience (for example, people, places, "
    "conversations, activities, objects, or situations)?",
    "Trouble remembering important parts of the stressful experience?",
    "Having strong negative beliefs about yourself, other people, or the world (for "
    "example, having thoughts such as: I am bad, there is something seriously wrong with "
    "me, no one can be trusted, the world is completely dangerous)?",
    "Blaming yourself or someone else for the stressful experience or what happened after it?",
    "Having strong negative feelings such as fear, horror, anger, guilt, or shame?",
    "Loss of interest in activities that you used to enjoy?",
    "Feeling distant or cut off from other people?",
    "Trouble experiencing positive feelings (for example, being unable to feel happiness or "
    "have loving feelings for people close to you)?",
    "Irritable behavior, angry outbursts, or acting aggressively?",
    "Taking too many risks or doing things that could cause you harm?",
    'Being "superalert" or watchful or on guard?',
    "Feeling jumpy or easily startled?",
    "Having difficulty concentrating?",
    "Trouble falling or staying asleep?",
)

INSTRUMENT = Instrument(
    code="pcl5",
    name="PCL-5",
    title="PTSD Checklist for DSM-5",
    instructions=(
        "Below is a list of problems that people sometimes have in response to a very "
        "stressful experience. Please read each problem carefully and then choose one of the "
        "answers to indicate how much you have been bothered by that problem in the past "
        "month."
    ),
    items=items(_TEXTS, _OPTIONS),
    min_total=0,
    max_total=80,
    bands=(
        Band("below_cutoff", "Below the probable PTSD cut-off", 0, PROBABLE_AT - 1),
        Band("probable_ptsd", "Probable PTSD (33 or more)", PROBABLE_AT, 80),
    ),
    licence="Public domain (US National Center for PTSD).",
    citation=(
        "Weathers FW, Litz BT, Keane TM, Palmieri PA, Marx BP, Schnurr PP. The PTSD "
        "Checklist for DSM-5 (PCL-5). National Center for PTSD, 2013. Cut-off: Bovin MJ, "
        "Marx BP, Weathers FW, et al. Psychol Assess 2016;28(11):1379-1391."
    ),
    missing_rule=(
        "Not prorated: all twenty items are needed, because both the total and the "
        "cluster-by-cluster diagnosis rule depend on every item (the authors give no "
        "prorating rule)."
    ),
    # The clusters as item groups, for readers of the data (FHIR, charts).
    extra={
        "probable_ptsd_at": PROBABLE_AT,
        "clusters": {name: list(numbers) for name, (numbers, _) in CLUSTERS.items()},
    },
)
_MEANINGS = {
    "below_cutoff": (
        "Scores like this usually mean memories of a hard experience are not getting in "
        "the way much."
    ),
    "probable_ptsd": (
        "Scores like this often mean memories of a hard experience are getting in the way "
        "of daily life."
    ),
}


def rule(instrument: Instrument, answers: Answers, context: Context) -> Score:
    given = all_answered(instrument, answers)
    total = sum(given)
    subscales = {
        name: sum(given[n - 1] for n in numbers) for name, (numbers, _) in CLUSTERS.items()
    }
    met = provisional_diagnosis(given)
    flags = []
    if total >= PROBABLE_AT:
        flags.append(screen_flag(f"PCL-5 total {total} is 33 or more: probable PTSD"))
    if met:
        flags.append(
            screen_flag(
                "PCL-5 provisional PTSD diagnosis rule met (items rated 2 or more in at "
                "least 1 B, 1 C, 2 D and 2 E)",
                code="provisional_diagnosis",
            )
        )
    score = banded_score(instrument, total, _MEANINGS, flags=flags, subscales=subscales)
    return replace(score, levels={"provisional_diagnosis": "met" if met else "not_met"})


def provisional_diagnosis(answers: Sequence[int]) -> bool:
    return all(
        sum(1 for n in numbers if answers[n - 1] >= SYMPTOM_AT) >= needed
        for numbers, needed in CLUSTERS.values()
    )
