"""Pipeline rules: stage validation, the default Sales pipeline, stage lookup and which stage comes next."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from pydantic import ValidationError

from crm.domain.pipelines import (
    MAX_STAGES,
    Pipeline,
    PipelineCreate,
    PipelineUpdate,
    Stage,
    StageKind,
    check_stages,
    default_pipeline,
)
from crm.errors import FailedPreconditionError, NotFoundError

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


def stage(stage_id: str, kind: str = "open", probability: int = 50, **extra: Any) -> dict[str, Any]:
    return {"id": stage_id, "name": stage_id.title(), "probability": probability, "kind": kind, **extra}


def valid_stages() -> list[dict[str, Any]]:
    return [stage("new", probability=10), stage("won", "won", 100), stage("lost", "lost", 0)]


def pipeline(*stages: dict[str, Any]) -> Pipeline:
    return Pipeline(id="p1", name="P", stages=[Stage(**s) for s in stages], created_at=NOW, updated_at=NOW)


def errors_of(model: type, data: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return str(caught.value)


@pytest.mark.parametrize(("stages", "message"), [
    pytest.param([stage("a"), stage("a"), stage("w", "won"), stage("l", "lost")], "unique", id="duplicate ids"),
    pytest.param([stage("w", "won"), stage("l", "lost"), stage("l2", "lost")], "at least one open",
                 id="no open stage"),
    pytest.param([stage("a"), stage("l", "lost"), stage("l2", "lost")], "exactly one won", id="no won stage"),
    pytest.param([stage("a"), stage("w", "won"), stage("w2", "won"), stage("l", "lost")], "exactly one won",
                 id="two won stages"),
    pytest.param([stage("a"), stage("b"), stage("w", "won")], "at least one lost", id="no lost stage"),
    pytest.param([stage("a"), stage("w", "won")], "at least 3", id="fewer than three stages"),
    pytest.param([stage(f"s{n}") for n in range(MAX_STAGES - 1)] + [stage("w", "won"), stage("l", "lost")],
                 "at most 30", id="31 stages"),
])
def test_stage_lists_that_break_a_rule_are_refused(stages, message):
    assert message in errors_of(PipelineCreate, {"name": "Bad", "stages": stages})


def test_duplicate_ids_are_named_once_each():
    stages = [stage("a"), stage("a"), stage("b"), stage("b"), stage("w", "won"), stage("l", "lost")]
    assert "unique within a pipeline: a, b" in errors_of(PipelineCreate, {"name": "Dup", "stages": stages})


def test_thirty_stages_and_several_lost_stages_are_allowed():
    stages = [stage(f"s{n}") for n in range(MAX_STAGES - 3)] + [
        stage("w", "won"), stage("l1", "lost"), stage("l2", "lost")]
    created = PipelineCreate.model_validate({"name": "Long", "stages": stages})
    assert len(created.stages) == MAX_STAGES
    assert check_stages(created.stages) == created.stages


@pytest.mark.parametrize(("field", "value"), [
    pytest.param("probability", -1, id="probability -1"),
    pytest.param("probability", 101, id="probability 101"),
    pytest.param("probability", 50.5, id="fractional probability"),
    pytest.param("color", "#abc", id="3-digit colour"),
    pytest.param("color", "abcdef", id="colour without #"),
    pytest.param("color", "#gggggg", id="colour not hex"),
    pytest.param("color", "#1234567", id="7-digit colour"),
    pytest.param("color", "red", id="colour name"),
    pytest.param("id", "Lead", id="upper-case id"),
    pytest.param("id", "_lead", id="id starting with underscore"),
    pytest.param("id", "a b", id="id with a space"),
    pytest.param("id", "a" * 41, id="41-char id"),
    pytest.param("id", "", id="empty id"),
    pytest.param("name", "", id="empty name"),
    pytest.param("name", "n" * 101, id="101-char name"),
    pytest.param("kind", "pending", id="unknown kind"),
    pytest.param("extra", 1, id="unknown field"),
])
def test_bad_stage_fields_are_refused(field, value):
    first = {**stage("a"), field: value}
    stages = [first, stage("w", "won"), stage("l", "lost")]
    errors_of(PipelineCreate, {"name": "Bad", "stages": stages})


@pytest.mark.parametrize(("probability", "color", "stored"), [
    pytest.param(0, "#ABCDEF", "#abcdef", id="upper-case hex is lower-cased"),
    pytest.param(100, " #00ff00 ", "#00ff00", id="spaces trimmed"),
])
def test_good_stage_fields_are_normalised(probability, color, stored):
    made = Stage(id="a-1_b", name="A", probability=probability, color=color)
    assert (made.probability, made.color, made.kind) == (probability, stored, StageKind.OPEN)


def test_stage_defaults_grey_and_open():
    assert (Stage(id="a", name="A", probability=5).color, Stage(id="a", name="A", probability=5).kind) == (
        "#9e9e9e", StageKind.OPEN)


def test_a_forty_char_stage_id_is_allowed():
    assert Stage(id="a" * 40, name="A", probability=1).id == "a" * 40


@pytest.mark.parametrize(("body", "message"), [
    pytest.param({"is_default": False}, "only be set to true", id="is_default false"),
    pytest.param({"stage_moves": {"a": "b"}}, "needs the new stages", id="moves without stages"),
    pytest.param({"stages": valid_stages(), "stage_moves": {"old": "gone"}}, "not in the new list: gone",
                 id="move to a stage not kept"),
    pytest.param({"name": ""}, "at least 1", id="empty name"),
    pytest.param({"id": "x"}, "Extra inputs", id="id is not writable"),
])
def test_bad_pipeline_updates_are_refused(body, message):
    assert message in errors_of(PipelineUpdate, body)


def test_a_pipeline_update_may_name_moves_into_kept_stages():
    update = PipelineUpdate.model_validate({"stages": valid_stages(), "stage_moves": {"old": "new"}})
    assert update.stage_moves == {"old": "new"} and update.is_default is None


def test_the_default_pipeline_is_sales_with_six_valid_stages():
    sales = default_pipeline(NOW)
    assert (sales.id, sales.name, sales.is_default) == ("sales", "Sales", True)
    assert check_stages(sales.stages) == sales.stages
    assert [(s.id, s.probability, s.kind.value) for s in sales.stages] == [
        ("lead", 10, "open"), ("qualified", 25, "open"), ("proposal", 50, "open"), ("negotiation", 75, "open"),
        ("closed_won", 100, "won"), ("closed_lost", 0, "lost"),
    ]
    assert sales.first_open().id == "lead" and sales.won_stage().id == "closed_won"
    assert sales.first_lost().id == "closed_lost"


@pytest.mark.parametrize(("current", "expected"), [
    pytest.param("lead", "qualified", id="lead -> qualified"),
    pytest.param("qualified", "proposal", id="qualified -> proposal"),
    pytest.param("negotiation", "closed_won", id="last open -> won"),
])
def test_next_after_in_the_sales_pipeline(current, expected):
    assert default_pipeline(NOW).next_after(current).id == expected


def test_next_after_skips_closed_stages_placed_between_open_ones():
    mixed = pipeline(stage("a"), stage("l", "lost"), stage("w", "won"), stage("b"), stage("l2", "lost"))
    assert mixed.next_after("a").id == "b"
    assert mixed.next_after("b").id == "w"


@pytest.mark.parametrize("closed", ["closed_won", "closed_lost"])
def test_next_after_a_closed_stage_is_refused(closed):
    with pytest.raises(FailedPreconditionError, match="only open deals advance"):
        default_pipeline(NOW).next_after(closed)


def test_unknown_stage_lookups_are_not_found():
    sales = default_pipeline(NOW)
    with pytest.raises(NotFoundError, match="no stage 'nope'"):
        sales.stage("nope")
    with pytest.raises(NotFoundError):
        sales.next_after("nope")
    assert not sales.has_stage("nope") and sales.has_stage("lead")


def test_positions_follow_list_order():
    reordered = pipeline(stage("b"), stage("l", "lost"), stage("a"), stage("w", "won"))
    assert [reordered.position(s) for s in ("b", "l", "a", "w")] == [0, 1, 2, 3]
    assert [s.id for s in reordered.open_stages()] == ["b", "a"]
    assert reordered.first_open().id == "b"
