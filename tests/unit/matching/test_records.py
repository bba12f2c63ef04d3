"""A record is made through its slots (issue 22: CPU per name); it must be the dataclass's."""

from __future__ import annotations

import dataclasses

import pytest

from screener.matching.records import MatchRecord, make_record


@pytest.mark.parametrize(
    ("names", "schema", "extra"),
    [
        (["Hannah Marie Schmidt"], "Person", {}),
        (["Kestrel Mining GmbH"], "Company", {"countries": ["DE"], "dates": ["1999-01-02"]}),
        (["习近平", "Xi Jinping"], None, {"weak_names": ["Xi"]}),
        (["MV Sea Star"], "Vessel", {"identifiers": [("IMO", "IMO 9876543")]}),
        ([""], None, {}),
    ],
)
def test_a_made_record_is_the_record_its_dataclass_makes(
    names: list[str], schema: str | None, extra: dict[str, list[object]]
) -> None:
    made = make_record(names, schema, **extra)  # type: ignore[arg-type]
    fields = {f.name: getattr(made, f.name) for f in dataclasses.fields(MatchRecord)}
    fields["data"] = {}
    assert made == MatchRecord(**fields) and hash(made) == hash(MatchRecord(**fields))
    assert made.data == {} and made.data is not make_record(names, schema, **extra).data  # type: ignore[arg-type]
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.kind = "person"  # type: ignore[misc]
