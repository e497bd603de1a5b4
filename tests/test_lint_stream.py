"""Linting in chunks gives the very bytes of linting everything at once.

The reference here is the unchunked path built from the functions the command used
before it streamed (``build_context`` on every row, ``lint_in_context`` on every row,
each format rendered from every finding). The command is run with chunks of 1 row, of
a few rows (which split reviews' recommendations between chunks) and of more rows than
the file has; the findings, the summary and the totals line must not move.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner

from iro_cli.cli import cli
from iro_cli.config import Config
from iro_cli.exports.reader import read_checked
from iro_cli.lint import stream
from iro_cli.lint.engine import build_context, lint_in_context, settings_from_config
from iro_cli.lint.inputs import reviews_from_columns, rows_from_columns
from iro_cli.lint.sarif import render_sarif
from iro_cli.lint.summary import summarise
from iro_cli.lint.terms import load_terms
from iro_cli.lint.writers import COLUMNS, finding_blocks
from iro_cli.output import csv_from_blocks, json_from_blocks
from tests.conftest import REPO, SAMPLE, write_csv

AS_OF = date(2026, 11, 20)
LINT_DATA = REPO / "tests" / "data" / "lint"


def _reference(folder: Path) -> dict[str, Any]:
    """Every format of the findings, linted all at once as before chunks."""
    quiet = {"on_warning": lambda _message: None}
    recs = read_checked("recommendations", folder, Config(), **quiet)
    revs = read_checked("reviews", folder, Config(), **quiet)
    rows = rows_from_columns(recs.columns)
    contexts = build_context(rows, reviews_from_columns(revs.columns))
    results = lint_in_context(rows, contexts, load_terms(), settings_from_config({}), AS_OF)
    blocks = finding_blocks(rows, results)
    chairs = {rid: chair for rid, chair in zip(revs.columns["review_id"], revs.columns["chair"],
                                                 strict=True) if chair}  # fmt: skip
    dates = {rid: ctx.review_date for rid, ctx in contexts.items()}
    return {
        "csv": csv_from_blocks(COLUMNS, blocks, excel=True),
        "json": json_from_blocks(COLUMNS, blocks),
        "sarif": render_sarif(rows, results, recs.path),
        "findings": sum(map(len, results)),
        "summary": summarise(rows, results, chairs, dates),
        "rows": len(rows),
    }


def _run(folder: Path, tmp: Path, fmt: str, *extra: str) -> tuple[bytes, str]:
    out = tmp / f"out-{fmt}-{len(list(tmp.iterdir()))}.{fmt if fmt != 'table' else 'txt'}"
    day = AS_OF.strftime("%d/%m/%Y")
    args = ["lint-recommendations", "--exports", str(folder), "--as-of", day, "--fail-on",
            "never", "--format", fmt, "-o", str(out), "--jobs", "1", *extra]  # fmt: skip
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return out.read_bytes(), result.stderr


def _summary_from_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def _labelled_exports(folder: Path) -> Path:
    """The labelled (development) and held-out lint sets as an export: three rows a
    review, each review after one holding the rows' previous wording (the set's, else
    the group's own, copied) and every other one listed after the review that needs it
    (as an export not in review order may be); some numbers blank."""
    rows: list[dict[str, str]] = []
    for name in ("labelled.csv", "heldout.csv"):
        with (LINT_DATA / name).open(encoding="utf-8", newline="") as handle:
            rows += list(csv.DictReader(handle))
    recs = [["Review ID", "Person ID", "Recommendation No", "Recommendation", "Responsible",
             "Target Date"]]  # fmt: skip
    reviews = [["Review ID", "Person ID", "Review Type", "Review Date", "Status", "Chair",
                "Next Review Date"]]  # fmt: skip
    placed = 0
    for k in range(0, len(rows), 3):
        group = rows[k : k + 3]
        child, current, earlier = f"C{k}", f"R{k}", f"Q{k}"
        when = next((r["review_date"] for r in group if r["review_date"]), "03/03/2025")
        day, month, year = map(int, when.split("/"))
        before = date(year, month, day) - timedelta(days=182)
        nxt = next((r["next_review_date"] for r in group if r["next_review_date"]), "")
        chair = ("Ann Iro", "Bo Iro", "")[k // 3 % 3]
        reviews.append([earlier, child, "CLA Review", f"{before:%d/%m/%Y}", "Held", chair, ""])
        reviews.append([current, child, "CLA Review", when, "Held", chair, nxt])
        mine = [[current, child, "" if (k + n) % 7 == 0 else str(n + 1), r["recommendation"],
                 r["responsible"], r["target_date"]] for n, r in enumerate(group)]  # fmt: skip
        # The previous wording the set gives, else the group's own (copied: drift).
        worded = [r["previous"] or group[(n + 1) % len(group)]["recommendation"]
                  for n, r in enumerate(group)]  # fmt: skip
        old = [[earlier, child, str(n + 1), text, "", ""] for n, text in enumerate(worded)]
        placed += bool(old)
        recs += (mine + old) if placed % 2 else (old + mine)
    write_csv(folder, "recommendations.csv", recs)
    write_csv(folder, "reviews.csv", reviews)
    return folder


@pytest.fixture(scope="module")
def labelled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _labelled_exports(tmp_path_factory.mktemp("labelled"))


@pytest.mark.parametrize("which", ["sample", "labelled"])
def test_chunks_of_any_size_give_the_unchunked_bytes(
    which: str, labelled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = SAMPLE if which == "sample" else labelled
    want = _reference(folder)
    assert want["findings"] > 100  # a real test: many findings, many reviews
    tables = []
    for size in (1, 5, 1000, 10**7):  # 5 splits reviews (up to 6 recommendations each)
        if size == 1 and which == "sample":
            sizes = ("csv", "sarif")  # one chunk a row: 9,457 chunks, the slow case
        else:
            sizes = ("csv", "json", "sarif", "table")
        monkeypatch.setattr(stream, "CHUNK_ROWS", size)
        for fmt in sizes:
            data, stderr = _run(folder, tmp_path, fmt)
            if fmt == "table":
                tables.append(data)
            else:
                assert data == want[fmt], (which, size, fmt)
            assert f"{want['findings']} findings" in stderr
            assert f"in {want['rows']} recommendations" in stderr
        summary, _ = _run(folder, tmp_path, "csv", "--summary")
        got = _summary_from_csv(summary)
        assert len(got) == len(want["summary"])
        for line, expected in zip(got, want["summary"], strict=True):
            assert line["iro"] == expected["iro"] and line["review_id"] == (
                expected["review_id"] or ""
            )
            for key in ("recommendations", "smart_clean", "errors", "warnings", "info"):
                assert int(line[key]) == expected[key], (size, key)
    assert len(set(tables)) == 1  # the table is laid out from every finding, whatever the chunks


def test_labelled_export_needs_wording_read_ahead(labelled: Path) -> None:
    """The fixture lists every other previous review after the review that needs it:
    the streamed path must read those ahead (and does: same bytes, above)."""
    quiet = {"on_warning": lambda _message: None}
    recs = read_checked("recommendations", labelled, Config(), **quiet)
    revs = read_checked("reviews", labelled, Config(), **quiet)
    rows = rows_from_columns(recs.columns)
    surveyed = stream.survey(map(stream.id_columns, stream.rows_in_chunks(rows, 4)()))
    facts = stream.review_facts(surveyed, stream.review_table(revs))
    previous = {surveyed.review_ids[c] for c in facts.previous[facts.previous >= 0].tolist()}
    early = {surveyed.review_ids[c] for c in stream._early(surveyed, facts).nonzero()[0]}
    ids = recs.columns["review_id"]
    assert previous == {i for i in ids if i.startswith("Q")}  # each Q is its R's previous
    after = {q for q in previous if ids.index(q) > ids.index("R" + q[1:])}
    assert early == after
    assert len(early) >= 10 and len(previous - early) >= 10


def test_contexts_match_build_context_on_shuffled_rows_and_odd_reviews() -> None:
    """Review facts on arrays against ``build_context`` (the oracle): the sample's rows
    shuffled, some numbers blank, reviews cancelled, undated, without a next date, and
    Review IDs listed twice."""
    import random

    quiet = {"on_warning": lambda _message: None}
    recs = read_checked("recommendations", SAMPLE, Config(), **quiet)
    revs = read_checked("reviews", SAMPLE, Config(), **quiet)
    rng = random.Random(16)
    rows = rows_from_columns(recs.columns)
    rng.shuffle(rows)
    rows = [r._replace(recommendation_no=None) if rng.random() < 0.05 else r for r in rows]
    columns = {k: list(v) for k, v in revs.columns.items()}
    count = len(columns["review_id"])
    for i in rng.sample(range(count), 300):
        columns["status"][i] = "Cancelled"
    for i in rng.sample(range(count), 50):
        columns["review_date"][i] = None
    for i in rng.sample(range(count), 300):
        columns["next_review_date"][i] = None
    for i in rng.sample(range(count), 30):
        columns["review_id"][i] = columns["review_id"][rng.randrange(count)]
    table = stream.ReviewTable(
        np.array(columns["review_id"], dtype=object),
        stream._Codes().encode(columns["person_id"]),
        np.array(columns["review_date"], dtype="datetime64[D]"),
        np.array(columns["next_review_date"], dtype="datetime64[D]"),
        np.array([status == "Cancelled" for status in columns["status"]], dtype=bool),
        np.array([chair or "" for chair in columns["chair"]], dtype=object),
    )
    want = build_context(rows, reviews_from_columns(columns))
    for size in (1, 997, 10**6):
        chunks = stream.rows_in_chunks(rows, size)
        surveyed = stream.survey(map(stream.id_columns, chunks()))
        facts = stream.review_facts(surveyed, table)
        got: dict[str, Any] = {}
        drift = settings_from_config({"select": ["SMART007"]})
        for part in stream.lint_chunks(chunks, surveyed, facts, load_terms(), drift, AS_OF):
            got.update(part.contexts)
        assert got == want, size
    assert sum(bool(c.previous) for c in want.values()) > 500
    assert sum(not c.known for c in want.values()) == 0 < len(want)


def test_an_error_midway_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure after some findings were written: the temporary file is removed and no
    output file appears (the old one, when --force, is left whole)."""
    out = tmp_path / "findings.csv"
    out.write_bytes(b"old")
    calls = []
    real = stream.lint_in_context

    def failing(rows: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(len(rows))
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(rows, *args, **kwargs)

    monkeypatch.setattr(stream, "lint_in_context", failing)
    monkeypatch.setattr(stream, "CHUNK_ROWS", 1000)
    args = ["lint-recommendations", "--exports", str(SAMPLE), "--as-of", "20/11/2026",
            "-o", str(out), "--force", "--fail-on", "never"]  # fmt: skip
    result = CliRunner().invoke(cli, args)
    assert result.exit_code != 0 and len(calls) == 3
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["findings.csv"]


def test_json_and_sarif_with_no_findings_are_whole_documents(tmp_path: Path) -> None:
    write_csv(tmp_path, "recommendations.csv", [["Review ID", "Person ID", "Recommendation"]])
    for fmt, want in (("json", []), ("sarif", None)):
        data, _ = _run(tmp_path, tmp_path, fmt)
        parsed = json.loads(data)
        if want is None:
            assert parsed["runs"][0]["results"] == []
            assert data == render_sarif([], [], str(tmp_path / "recommendations.csv"))
        else:
            assert parsed == want and data == b"[]\n"


def test_a_file_changed_between_the_two_reads_is_an_error() -> None:
    rows = [stream.Row(f"Social worker will visit by {d}/01/2027.", f"R{d}", "P1", 1)
            for d in range(1, 9)]  # fmt: skip
    surveyed = stream.survey(map(stream.id_columns, stream.rows_in_chunks(rows, 3)()))
    settings = settings_from_config({})
    for changed in (rows[:-1], [*rows, rows[0]], [rows[1], rows[0], *rows[2:]]):
        with pytest.raises(stream.InputChanged, match="changed while they were being linted"):
            for _part in stream.lint_chunks(
                stream.rows_in_chunks(changed, 3), surveyed, None, load_terms(), settings, AS_OF
            ):
                pass
    linted = stream.lint_chunks(
        stream.rows_in_chunks(rows, 3), surveyed, None, load_terms(), settings, AS_OF
    )
    assert sum(len(part.rows) for part in linted) == 8
