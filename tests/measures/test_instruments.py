"""The instrument registry and data: every code there, the data complete and consistent,
the licensed-wording loader, and the property tests every instrument must pass (range,
monotonicity, reverse scoring, no silent zeros)."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caseload.measures import instruments
from caseload.measures.instruments import all_instruments, get, load_licensed_wording
from caseload.measures.result import ScoringError
from caseload.measures.scoring import score

CODES = [
    "phq9", "phq2", "gad7", "gad2", "pcl5", "who5", "k10", "k6",
    "audit", "auditc", "dass21", "asq", "cssrs", "core10", "proqol5", "epds",
]  # fmt: skip
WITH_TOTAL = [code for code in CODES if code not in ("asq", "cssrs", "proqol5")]
SHIPPED = ["phq9", "phq2", "gad7", "gad2", "pcl5", "who5", "k10", "k6", "audit", "auditc",
           "dass21", "asq"]  # fmt: skip
LICENSED = ["cssrs", "core10", "proqol5", "epds"]
RISK_ITEMS = {"phq9": [9], "asq": [1, 2, 3, 4, 5], "cssrs": [1, 2, 3, 4, 5, 6, 7],
              "core10": [6], "epds": [10]}  # fmt: skip


def test_every_code_is_registered_in_order():
    assert [instrument.code for instrument in all_instruments()] == CODES
    assert all(get(code).code == code for code in CODES)


def test_an_unknown_code_is_a_key_error():
    with pytest.raises(KeyError):
        get("ors")


@pytest.mark.parametrize("code", CODES)
def test_instrument_data_is_complete(code):
    instrument = get(code)
    assert [item.number for item in instrument.items] == list(range(1, len(instrument.items) + 1))
    assert instrument.licence and instrument.citation and instrument.missing_rule
    assert instrument.name and instrument.title and instrument.instructions
    for item in instrument.items:
        values = [option.value for option in item.options]
        assert len(set(values)) == len(values) and all(o.label for o in item.options)
        assert item.loinc == "" or item.loinc.count("-") == 1


@pytest.mark.parametrize("code", SHIPPED)
def test_free_instruments_ship_their_wording(code):
    instrument = get(code)
    assert instrument.wording_shipped
    assert all(item.text for item in instrument.items)


@pytest.mark.parametrize("code", LICENSED)
def test_licensed_instruments_ship_no_wording(code, tmp_path, monkeypatch):
    monkeypatch.setenv("CASELOAD_LICENSED_DIR", str(tmp_path))
    instrument = get(code)
    assert not instrument.wording_shipped
    assert instrument.copyright == ""
    if code == "cssrs":  # labelled by the LOINC display names, as the issue asks
        assert instrument.items[0].text == "Wish to be dead"
        assert [item.loinc for item in instrument.items][-1] == "93269-9"
    else:
        assert all(item.text == "" for item in instrument.items)


def test_loinc_codes_given_by_the_issue():
    phq9 = get("phq9")
    assert (phq9.loinc_panel, phq9.loinc_total) == ("44249-1", "44261-6")
    assert [item.loinc for item in phq9.items] == [
        "44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5",
        "44253-3", "44260-8", "69722-7",
    ]  # fmt: skip
    assert (get("phq2").loinc_panel, get("phq2").loinc_total) == ("55757-9", "55758-7")
    assert (get("gad7").loinc_panel, get("gad7").loinc_total) == ("69737-5", "70274-6")
    assert (get("auditc").loinc_panel, get("auditc").loinc_total) == ("72109-2", "75626-2")
    assert [item.loinc for item in get("cssrs").items] == [
        "93246-7", "93247-5", "93248-3", "93249-1", "93250-9", "93267-3", "93269-9",
    ]  # fmt: skip


@pytest.mark.parametrize("code", [c for c in WITH_TOTAL if get(c).bands])
def test_bands_cover_the_range_without_gaps(code):
    instrument = get(code)
    bands = sorted(instrument.bands, key=lambda band: band.low)
    assert bands[0].low == instrument.min_total
    assert bands[-1].high == instrument.max_total
    for lower, upper in zip(bands, bands[1:], strict=False):
        assert upper.low == lower.high + 1


@pytest.mark.parametrize("code", CODES)
def test_risk_items_are_marked(code):
    marked = [item.number for item in get(code).items if item.risk]
    assert marked == RISK_ITEMS.get(code, [])


def test_completed_by():
    assert get("cssrs").completed_by == "clinician"
    assert get("phq9").completed_by == "client"


# Licensed wording loader -------------------------------------------------------------


def write(tmp_path, code, data):
    (tmp_path / f"{code}.json").write_text(json.dumps(data), encoding="utf-8")


@pytest.fixture
def licensed_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("CASELOAD_LICENSED_DIR", str(tmp_path))
    return tmp_path


def test_loaded_wording_replaces_the_labels(licensed_dir):
    write(licensed_dir, "core10", {"items": [f"Item {n}" for n in range(1, 11)],
                                   "copyright": "(c) Test Trust"})  # fmt: skip
    instrument = get("core10")
    assert [item.text for item in instrument.items][:2] == ["Item 1", "Item 2"]
    assert instrument.copyright == "(c) Test Trust"
    assert instrument.items[1].reverse  # scoring structure untouched
    assert load_licensed_wording("core10").copyright == "(c) Test Trust"


def test_loaded_wording_can_relabel_answers(licensed_dir):
    labels = [[f"{n}.{k}" for k in range(4)] for n in range(1, 11)]
    write(licensed_dir, "epds", {"items": ["q"] * 10, "copyright": "(c)", "options": labels})
    item10 = get("epds").items[9]
    assert [(o.value, o.label) for o in item10.options][0] == (0, "10.0")


def test_no_file_means_no_wording(licensed_dir):
    assert load_licensed_wording("proqol5") is None
    assert get("proqol5").items[0].text == ""


def test_shipped_instruments_ignore_a_file(licensed_dir):
    write(licensed_dir, "phq9", {"items": ["x"] * 10, "copyright": "(c)"})
    assert get("phq9").items[0].text == "Little interest or pleasure in doing things"


@pytest.mark.parametrize(
    "data",
    [
        {"items": ["x"] * 9, "copyright": "(c)"},
        {"items": ["x"] * 9 + [""], "copyright": "(c)"},
        {"items": ["x"] * 10},
        {"items": ["x"] * 10, "copyright": "  "},
        {"items": ["x"] * 10, "copyright": "(c)", "options": [["a"] * 5] * 9},
        {"items": ["x"] * 10, "copyright": "(c)", "options": [["a"] * 4] * 10},
        ["x"] * 10,
    ],
)
def test_a_malformed_file_fails_loudly(licensed_dir, data):
    write(licensed_dir, "core10", data)
    with pytest.raises(ValueError, match="core10.json"):
        get("core10")


def test_a_file_that_is_not_json_fails_loudly(licensed_dir):
    (licensed_dir / "cssrs.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match="not readable JSON"):
        load_licensed_wording("cssrs")


def test_default_licensed_dir_is_the_package_folder(monkeypatch):
    monkeypatch.delenv("CASELOAD_LICENSED_DIR", raising=False)
    assert instruments.licensed_dir().name == "licensed"
    assert (instruments.licensed_dir() / "README.md").is_file()


# Property tests ------------------------------------------------------------------------


def answers_for(code):
    """Any complete answer set: one of its option values for every item."""
    return st.tuples(*[st.sampled_from([o.value for o in item.options])
                       for item in get(code).items]).map(list)  # fmt: skip


def scorable(code, answers):
    """C-SSRS answers made consistent with its skip logic (question 7 needs a yes to 6)."""
    if code == "cssrs" and answers[5] != 1:
        answers[6] = None
    return answers


@pytest.mark.parametrize("code", WITH_TOTAL)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_property_total_within_range(code, data):
    instrument = get(code)
    result = score(code, data.draw(answers_for(code)))
    assert instrument.min_total <= result.total <= instrument.max_total


@settings(max_examples=100, deadline=None)
@given(answers=answers_for("proqol5"))
def test_property_proqol_subscales_within_range(answers):
    result = score("proqol5", answers)
    assert all(10 <= value <= 50 for value in result.subscales.values())
    assert set(result.levels.values()) <= {"low", "average", "high"}


def raise_one(code, answers, data):
    """The answers with one scored item moved to an answer that scores higher (for a
    reverse-scored item that is a lower option value)."""
    item = data.draw(st.sampled_from([i for i in get(code).items if i.scored]))
    value = answers[item.number - 1]
    values = sorted(o.value for o in item.options)
    higher = [v for v in values if (v < value if item.reverse else v > value)]
    if not higher:
        return None
    raised = list(answers)
    raised[item.number - 1] = data.draw(st.sampled_from(higher))
    return raised


@pytest.mark.parametrize("code", WITH_TOTAL)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_property_raising_an_answer_never_lowers_the_total(code, data):
    answers = data.draw(answers_for(code))
    raised = raise_one(code, answers, data)
    if raised is None:
        return
    before, after = score(code, answers), score(code, raised)
    assert after.total >= before.total
    for name, value in before.subscales.items():
        assert after.subscales[name] >= value


@pytest.mark.parametrize("code", ["audit", "phq9", "gad7", "k10", "core10", "epds", "pcl5"])
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_property_raising_an_answer_never_lowers_the_band(code, data):
    answers = data.draw(answers_for(code))
    raised = raise_one(code, answers, data)
    if raised is None:
        return
    order = [band.code for band in get(code).bands]
    before, after = score(code, answers), score(code, raised)
    assert order.index(after.band) >= order.index(before.band)


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_property_proqol_burnout_reverse_scoring(data):
    answers = data.draw(answers_for("proqol5"))
    number = data.draw(st.integers(1, 30))
    if answers[number - 1] == 5:
        return
    raised = list(answers)
    raised[number - 1] += 1
    before, after = score("proqol5", answers).subscales, score("proqol5", raised).subscales
    moved = {name: after[name] - before[name] for name in before}
    expected = -1 if number in (1, 4, 15, 17, 29) else 1
    assert sorted(moved.values()) == sorted([expected, 0, 0])


@pytest.mark.parametrize("code", [c for c in CODES if c not in ("asq", "cssrs")])
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_property_a_missing_answer_is_never_a_silent_zero(code, data):
    """Leaving a scored item out either stops scoring, naming an unanswered item, or is
    said out loud: a prorated total or a missing-answer note (skips included)."""
    answers = scorable(code, data.draw(answers_for(code)))
    item = data.draw(st.sampled_from([i for i in get(code).items if i.scored]))
    answers[item.number - 1] = None
    try:
        result = score(code, answers)
    except ScoringError as error:
        assert answers[error.item - 1] is None
        return
    assert (
        result.prorated
        or result.missing_note
        or any(flag.code == "risk_item_unanswered" for flag in result.flags)
    )


@pytest.mark.parametrize("code", CODES)
@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_property_risk_flags_use_alert_severities(code, data):
    result = score(code, scorable(code, data.draw(answers_for(code))))
    for flag in result.flags:
        assert flag.reason
        if flag.is_risk:
            assert flag.severity in ("moderate", "high")
    assert result.explanation and result.rules_version == get(code).rules_version


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("position", ["first", "last"])
def test_an_out_of_range_answer_names_the_item(code, position):
    instrument = get(code)
    answers = [item.options[0].value for item in instrument.items]
    item = instrument.items[0 if position == "first" else -1]
    answers[item.number - 1] = max(o.value for o in item.options) + 1
    with pytest.raises(ScoringError) as error:
        score(code, answers)
    assert error.value.item == item.number
    assert f"item {item.number}" in error.value.message


@pytest.mark.parametrize("code", CODES)
def test_a_short_answer_list_names_the_first_missing_item(code):
    count = len(get(code).items)
    with pytest.raises(ScoringError) as error:
        score(code, [0] * (count - 1))
    assert error.value.item == count
