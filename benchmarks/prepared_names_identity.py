"""Are prepared names the same with this checkout's code as with another's? Name by name.

    .venv/bin/python benchmarks/prepared_names_identity.py --against /path/to/main-checkout \
        [--names PAIRS_OR_BATCH.csv ...]

A speed change to name preparation (screener/names.py) must not change what the matcher
compares. This gathers every name of every list in ../shared/data (as the index reads them:
names and weak aliases, with the entry's type and countries) and every name of the eval files,
then prepares each one in two child processes, one importing this checkout's `screener` and
one the other checkout's, and compares every field of every prepared form:
- each distinct name under each kind of schema (none, Person, Organization, Vessel), and Han
  text also with the Japanese reading (`prepare_name`);
- each distinct (name, entry type, countries) as an index prepares it (`alternative_readings`,
  which also decides the reading of Han text by the bearer's countries);
- each distinct (name, type, countries) as a record (`make_record`: the forms above and the
  readings it adds, Wade-Giles, Hebrew and Arabic script without their vowel letters).
`--names FILE` adds the names of a CSV of pairs (`name1`, `name2`, `schema`, `country1`,
`country2`: what `screener score-pairs` reads) or of a batch (`name`, `type`, `country`: what
`screener screen` reads), e.g. benchmarks/score_pairs_speed.py's 20,000 pairs.
Lists are parsed once, by this checkout, so both sides prepare the very same strings.
Exit code 0 when every form is identical, 1 with the first differences printed otherwise.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import os
import pickle
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent

SCHEMAS = (None, "Person", "Organization", "Vessel")
# (name, schema, countries as published) for `alternative_readings`; names alone for the rest.
Reading = tuple[str, str | None, tuple[str, ...]]


def gather(files: list[Path]) -> list[Reading]:
    """Every name the lists, eval files and `files` hold, with the type and countries that go
    with it."""
    from benchmarks.batch_common import SHARED_EVAL
    from benchmarks.match_quality import ALL_LISTS
    from screener.matching.sources import sources_from_paths

    found: dict[Reading, None] = {}
    for source in sources_from_paths(ALL_LISTS):
        for name in [*source.names, *source.weak_names]:
            if name and name.strip():
                found[(name, source.entity_type or None, tuple(source.countries))] = None
    for name, schema in _eval_names(SHARED_EVAL):
        found[(name, schema, ())] = None
    for file in files:
        for reading in _file_names(file):
            found[reading] = None
    return list(found)


def _file_names(file: Path) -> Iterator[Reading]:
    """The names of a file of pairs or of a batch, with their schema and country."""
    with open(file, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            schema = row.get("schema") or row.get("type") or None
            for name, country in (
                (row.get("name"), row.get("country")),
                (row.get("name1"), row.get("country1")),
                (row.get("name2"), row.get("country2")),
            ):
                if name and name.strip():
                    yield name, schema, (country,) if country else ()


def _eval_names(folder: Path) -> Iterator[tuple[str, str | None]]:
    import yaml

    with open(folder / "name_pairs_dev.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield row["name1"], row["schema"] or None
            yield row["name2"], row["schema"] or None
    for file in (
        "screen_negatives_dev.csv",
        "screen_positives_un_treated_dev.csv",
        "screen_positives_un_untreated_dev.csv",
    ):
        with open(folder / file, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                yield row["full_name"], "Person"
    with open(folder / "entity_checks.yml", encoding="utf-8") as handle:
        checks = yaml.safe_load(handle)["checks"]
    for check in checks:
        for side in ("query", "candidate"):
            name = (check.get(side) or {}).get("name")
            if name:
                yield str(name), check.get("schema")


def prepare_all(readings: list[Reading]) -> dict[str, Any]:
    """Every prepared form as plain tuples of its fields (no class, so either side unpickles),
    and the CPU seconds each part took: first as an index prepares its names, in a fresh
    process (no word seen yet, the transliteration dictionaries loaded), then every name
    under every schema."""
    from screener.matching.records import country_code, make_record
    from screener.names import alternative_readings, load_rules, prepare_name

    def fields(form: Any) -> tuple[Any, ...]:
        """The fields the form compares by (a dataclass on either side)."""
        return tuple(getattr(form, f.name) for f in dataclasses.fields(form) if f.compare)

    load_rules()
    alternative_readings("习近平")  # the Chinese and Japanese dictionaries load once, ~1 s
    codes = [frozenset(c for c in map(country_code, countries) if c) for *_, countries in readings]
    started = time.process_time()
    forms = [alternative_readings(n, s, c) for (n, s, _), c in zip(readings, codes, strict=True)]
    indexed_seconds = time.process_time() - started
    indexed = [tuple(fields(f) for f in found) for found in forms]
    names = list(dict.fromkeys(name for name, _schema, _countries in readings))
    started = time.process_time()
    prepared = []
    for schema in SCHEMAS:
        for name in names:
            form = prepare_name(name, schema)
            prepared.append(form)
            if form.script == "han":
                prepared.append(prepare_name(name, schema, japanese_reading=True))
    by_schema_seconds = time.process_time() - started
    records = [
        make_record([name], schema, countries=countries) for name, schema, countries in readings
    ]
    return {
        "by_schema": [fields(f) for f in prepared],
        "indexed": indexed,
        "records": [
            tuple(tuple(fields(f) for f in v) if k == "names" else v for k, v in fields_of(r))
            for r in records
        ],
        "seconds": (indexed_seconds, by_schema_seconds),
    }


def fields_of(record: Any) -> list[tuple[str, Any]]:
    """A record's compared fields, by name."""
    return [(f.name, getattr(record, f.name)) for f in dataclasses.fields(record) if f.compare]


def run_child(repo: Path, inputs: Path, output: Path) -> dict[str, Any]:
    """Every name prepared with `repo`'s code in a fresh process."""
    env = dict(os.environ, PYTHONPATH=str(repo))
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(inputs), str(output)]
    subprocess.run(command, env=env, cwd=repo, check=True)
    with open(output, "rb") as handle:
        found: dict[str, Any] = pickle.load(handle)
    return found


def child(inputs: Path, output: Path) -> None:
    import screener

    with open(inputs, "rb") as handle:
        readings = pickle.load(handle)
    prepared = prepare_all(readings)
    prepared["code"] = str(Path(screener.__file__).resolve().parent)
    with open(output, "wb") as handle:
        pickle.dump(prepared, handle, protocol=pickle.HIGHEST_PROTOCOL)


def compare(ours: dict[str, Any], theirs: dict[str, Any], readings: list[Reading]) -> int:
    differences = 0
    for part in ("by_schema", "indexed", "records"):
        if len(ours[part]) != len(theirs[part]):
            print(f"{part}: {len(ours[part])} forms here, {len(theirs[part])} there")
            differences += 1
            continue
        for position, (a, b) in enumerate(zip(ours[part], theirs[part], strict=True)):
            if a != b:
                differences += 1
                if differences <= 20:
                    where = readings[position] if part != "by_schema" else ""
                    print(f"{part} #{position} {where}:\n  here  {a}\n  there {b}")
    return differences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", type=Path, help="the other checkout (e.g. main's)")
    parser.add_argument(
        "--names", type=Path, action="append", default=[], help="a CSV of pairs or of a batch"
    )
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    if not args.against:
        parser.error("--against CHECKOUT is required")
    sys.path.insert(0, str(REPO))  # not in the children: each imports its checkout's code
    folder = Path(tempfile.mkdtemp(prefix="prepared-names-"))
    readings = gather(args.names)
    inputs = folder / "readings.pickle"
    with open(inputs, "wb") as handle:
        pickle.dump(readings, handle, protocol=pickle.HIGHEST_PROTOCOL)
    names = len({name for name, _schema, _countries in readings})
    print(f"{names} distinct names, {len(readings)} (name, type, countries) as indexed")
    results = {}
    print(f"load average {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores)")
    for label, repo in (("here", REPO), ("there", args.against.resolve())):
        results[label] = found = run_child(repo, inputs, folder / f"{label}.pickle")
        indexed, by_schema = found["seconds"]
        print(
            f"{label}: {found['code']}: as an index prepares them {indexed:.2f} CPU s "
            f"({indexed / len(readings) * 1e6:.1f} µs a name, fresh process); "
            f"every name under {len(SCHEMAS)} schemas {by_schema:.2f} CPU s "
            f"({by_schema / len(found['by_schema']) * 1e6:.1f} µs a form)"
        )
    differences = compare(results["here"], results["there"], readings)
    forms = sum(len(results["here"][part]) for part in ("by_schema", "indexed"))
    records = len(results["here"]["records"])
    print(f"{forms} prepared forms and {records} records compared: {differences} differ")
    sys.exit(1 if differences else 0)


if __name__ == "__main__":
    main()
