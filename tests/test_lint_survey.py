"""The lint survey's IDs on Arrow: codes in order of first appearance across chunks,
the last occurrence of each ID found by Arrow's hash look-up."""

from __future__ import annotations

import pyarrow as pa

from iro_cli.exports.tables import strings
from iro_cli.lint import stream


def test_codes_follow_first_appearance_across_chunks_of_any_kind() -> None:
    chunks = [
        (pa.chunked_array([strings(["R7", "R3", "R7"])]), ["P1", "P2", "P1"], [1, 2, None]),
        (["R3", "R9"], pa.chunked_array([pa.array(["P2", None])]), [3, 1]),
    ]
    surveyed = stream.survey(chunks)
    assert surveyed.review.tolist() == [0, 1, 0, 1, 2]  # R7, R3, R7 | R3, R9
    assert surveyed.person.tolist() == [0, 1, 0, 1, 2]  # P1, P2, P1 | P2, "" (blank)
    assert list(surveyed.review_ids) == ["R7", "R3", "R9"]
    assert list(surveyed.person_ids) == ["P1", "P2", ""]
    assert surveyed.review_ids[2] == "R9" and surveyed.review_ids.take(surveyed.review[3:]) == [
        "R3",
        "R9",
    ]
    assert surveyed.number.tolist() == [1, 2, stream.NO_NUMBER, 3, 1]
    assert stream.survey([]).rows == 0


def test_the_last_occurrence_of_each_id() -> None:
    keys = ["a", "b", "a", "c", "b"]
    assert stream._last_position(keys, ["a", "b", "c", "z"]).tolist() == [2, 4, 3, -1]
    arrow = pa.chunked_array([strings(keys[:2]), strings(keys[2:])])
    assert stream._last_position(arrow, strings(["c", "a"])).tolist() == [3, 2]
    assert stream._last_position([], ["a"]).tolist() == [-1]
    assert stream._last_position(keys, []).tolist() == []
