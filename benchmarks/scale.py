"""How Screener's cost grows with the size of the lists (issue 19).

Generates a deterministic synthetic FtM file of `--entries` persons, companies and vessels
(with aliases in Latin, Cyrillic, Han and Arabic script, sanctions and ownership
statements) and a GLEIF RR file of as many relationships (benchmarks/scale_data.py), then
times the real code paths, each phase in its own child process so that its peak memory is
its own and nothing is warm that a user's next command would not have:

- import: `screener.lists.service.import_path` of both files (the FtM list is the
  `entries`; the RR file is timed apart as `rr_import_s`), peak RSS of that process;
- index: `screener.matching.db_index.build_index`, then the kept index saved with
  `index_store.save_index` (its size), then read back in a new process with `kept_index`;
- search: `MatchIndex.search` (what `screener search` calls) on list names, variants of
  them and absent names, p50/p95;
- batch: `screener.batch.build.build_screener` then `runner.screen_batch` (default workers),
  its CPU with the workers'; then, in the same process, the brute force a user would write
  (rapidfuzz's cdist of each name against every list name, benchmarks/batch_bruteforce.py)
  over the batch's first `--baseline` names, its rate that of the whole batch (`baseline_*`,
  `batch_vs_baseline`);
- ownership: every ownership/control link of the active versions read into one compact
  graph (`CompactGraph.from_columns`, the graph `OwnershipGraph.build` would hold; FtM ids
  and GLEIF LEIs joined through the entries' LEI identifiers), the sanctioned entries
  resolved once (`Seeding`), then `screener.ownership.propagate` for every regime; its CPU
  split into user and system time (the kernel giving the process memory) and page faults;
- ownership_baseline: what a pandas user would write for OFAC's rule over the same rows
  (`baseline_ofac_*`), in a process of its own; it must block as many parties as the rule.
  `benchmarks/ownership_work.py` counts the rule's instructions instead of its seconds.

    python benchmarks/scale.py --entries 50000 [--db URL | --pg] [--queries 300] [--batch 3000]
        [--baseline 100] --json

SQLite in a temporary folder by default; `--db` names another database (the office
PostgreSQL): it should be empty, since the import is measured into it. `--pg` starts a
PostgreSQL server of its own for the run (durable settings, as an office server's).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.scale_data import write_ftm, write_gleif_rr  # noqa: E402


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _vm_hwm_mb() -> float:
    """The process's peak RSS so far (VmHWM), readable between stages."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return _peak_rss_mb()


# --- phases, each run in a child: python benchmarks/scale.py --phase NAME --db URL --work DIR


def phase_import(url: str, work: Path) -> dict[str, Any]:
    from screener.lists.detect import parser_for
    from screener.lists.service import import_path
    from screener.store import open_store

    store = open_store(url)
    stages: dict[str, float] = {}

    def progress(_done: int, _total: int, stage: str) -> None:
        if stage == "writing entries" and "parsed_rss_mb" not in stages:
            stages["parsed_rss_mb"] = round(_vm_hwm_mb(), 1)

    started, cpu = time.perf_counter(), time.process_time()
    result = import_path(
        store, work / "synthetic.ftm.json", format="ftm-json", on_progress=progress
    )
    import_s, import_cpu_s = time.perf_counter() - started, time.process_time() - cpu
    ftm_rss = _vm_hwm_mb()
    started = time.perf_counter()
    rr = import_path(
        store, work / "rr-synthetic.xml", format=parser_for(work / "rr-synthetic.xml").format_name
    )
    rr_s = time.perf_counter() - started
    return {
        "import_s": round(import_s, 2),
        "import_cpu_s": round(import_cpu_s, 2),
        "import_peak_rss_mb": round(ftm_rss, 1),
        "import_rss_after_parse_mb": stages.get("parsed_rss_mb"),
        "imported_entries": result.entry_count,
        "imported_links": result.link_count,
        "rr_import_s": round(rr_s, 2),
        "rr_links": rr.link_count,
        "import_and_rr_peak_rss_mb": round(_peak_rss_mb(), 1),
    }


def phase_index(url: str, work: Path) -> dict[str, Any]:
    from screener.collector import collector_paused_then_frozen
    from screener.matching.db_index import build_kept_parts, version_facts
    from screener.matching.index_store import index_dir, index_key, save_parts
    from screener.store import open_store

    store = open_store(url, migrate=False)
    with store.session() as session:
        started, cpu, workers_cpu = time.perf_counter(), time.process_time(), _children_cpu_s()
        with collector_paused_then_frozen():  # as kept_index builds it
            parts = build_kept_parts(session)
        build_s, build_cpu_s = time.perf_counter() - started, time.process_time() - cpu
        workers_cpu_s = _children_cpu_s() - workers_cpu
        key = index_key(version_facts(session))
    build_rss = _vm_hwm_mb()
    started = time.perf_counter()
    save_parts(parts, index_dir(), key)
    save_s = time.perf_counter() - started
    size = sum(p.stat().st_size for p in index_dir().iterdir() if p.name.startswith(key))
    return {
        "index_build_s": round(build_s, 2),
        "index_build_cpu_s": round(build_cpu_s, 2),
        "index_build_workers_cpu_s": round(workers_cpu_s, 2),
        "index_save_s": round(save_s, 2),
        "index_mb": round(size / 2**20, 1),
        "index_entries": int(parts.name_entry[-1]) + 1 if len(parts.name_entry) else 0,
        "index_names": len(parts.name_entry),
        "index_build_peak_rss_mb": round(build_rss, 1),
        "index_build_worker_peak_rss_mb": round(
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1
        ),
    }


def phase_index_check(url: str, work: Path) -> dict[str, Any]:
    """The index built on every core against the one-process build of the same entries
    (`MatchIndex.from_entries`): every array, key, name, entry and weight equal, and every
    entry's candidate record as a batch reads it from the kept form (`narrowed`)."""
    import numpy as np

    from screener.collector import collector_paused_then_frozen
    from screener.matching.db_index import active_sources
    from screener.matching.index import MatchIndex, _with_names
    from screener.matching.index_build import build_kept
    from screener.matching.index_store import index_from_parts
    from screener.store import open_store

    store = open_store(url, migrate=False)
    with store.session() as session:
        sources = active_sources(session)
    with collector_paused_then_frozen():
        built = index_from_parts(build_kept(sources))
        started = time.perf_counter()
        serial = MatchIndex.from_entries(sources)
        serial_s = time.perf_counter() - started
    # before the entries are made (below): each entry's record narrowed to its first name,
    # as the kept entries make it for a batch from the entry's facts alone, equal to the
    # serial build's record narrowed as the search narrows it
    narrowed = getattr(built.entries, "narrowed", None)
    firsts = np.searchsorted(serial.name_entry, np.arange(len(serial.entries))).tolist()
    narrowed_equal = narrowed is not None and all(
        narrowed(position, (built.name_forms[first],))
        == _with_names(serial.entries[position].record, (serial.name_forms[first],))
        for position, first in enumerate(firsts)
    )
    checks = {
        "narrowed": narrowed_equal,
        "name_entry": np.array_equal(serial.name_entry, built.name_entry),
        "name_group": np.array_equal(serial.name_group, built.name_group),
        "keys": list(serial.keys.numbers) == list(built.keys.numbers),
        "offsets": np.array_equal(serial.keys.offsets, built.keys.offsets),
        "flat": np.array_equal(serial.keys.flat, built.keys.flat),
        "rarity": serial.rarity.__dict__ == built.rarity.__dict__,
        "entity_types": serial.entity_types == built.entity_types
        and np.array_equal(serial.entry_type, built.entry_type),
        "names": all(a == b for a, b in zip(serial.name_forms, built.name_forms, strict=True)),
        "entries": all(a == b for a, b in zip(serial.entries, built.entries, strict=True)),
    }
    return {
        "index_check_entries": len(serial.entries),
        "index_check_names": len(serial.name_forms),
        "index_check_serial_s": round(serial_s, 2),
        "index_check_equal": checks,
    }


def _queries(index: Any, count: int, absent_share: float = 0.25) -> list[tuple[str, str | None]]:
    """List names as listed, with a typo, in reverse order, and names not on any list.

    A search box sees mostly names that are looked up because they may be listed (a quarter
    absent); a batch of counterparties is mostly names on no list (`absent_share` 0.9, as in
    benchmarks/batch_speed.py). Absent names come from the same syllables, so some of them
    resemble listed names, more so as the lists grow, as real names do.
    """
    import random

    from benchmarks.scale_data import Names

    rng = random.Random(5)
    names = Names(random.Random(6))
    found: list[tuple[str, str | None]] = []
    for i in range(count):
        if rng.random() < absent_share:
            found.append((names.person()[0], "person") if i % 2 else (names.company()[0], None))
            continue
        entry = index.entries[rng.randrange(len(index.entries))]
        name = entry.primary_name
        kind = "person" if entry.entity_type == "person" else None
        if i % 4 == 1 and len(name) > 5:
            spot = rng.randrange(1, len(name) - 1)
            name = name[:spot] + name[spot + 1 :]
        elif i % 4 == 2:
            name = " ".join(reversed(name.split()))
        found.append((name, kind))
    return found


def phase_search(
    url: str, work: Path, queries: int, batch: int, baseline: int = 0
) -> dict[str, Any]:
    import multiprocessing

    from screener.batch.build import build_screener
    from screener.batch.model import BatchQuery
    from screener.batch.runner import screen_batch
    from screener.matching.db_index import kept_index
    from screener.matching.index import Query
    from screener.pools import default_workers
    from screener.store import open_store

    store = open_store(url, migrate=False)
    with store.session() as session:
        started, cpu = time.perf_counter(), time.process_time()
        index = kept_index(session)
        read_s, read_cpu_s = time.perf_counter() - started, time.process_time() - cpu
    read_rss = _vm_hwm_mb()
    timings = []
    hits = 0
    for name, kind in _queries(index, queries):
        started = time.perf_counter()
        found = index.search(Query.of(name), kind=kind)
        timings.append((time.perf_counter() - started) * 1000)
        hits += bool(found)
    timings.sort()
    rows = [
        BatchQuery(row=i + 2, id=str(i), name=name, party_type=kind)
        for i, (name, kind) in enumerate(_queries(index, batch, absent_share=0.9))
    ]
    # `screener screen` holds one index when its workers fork: this one goes before the
    # batch's screener reads its own (two copies made the fork copy twice the page tables)
    del index
    started, cpu = time.perf_counter(), time.process_time()
    screener = build_screener(store)
    setup_s, setup_cpu_s = time.perf_counter() - started, time.process_time() - cpu
    started, cpu, workers_cpu = time.perf_counter(), time.process_time(), _children_cpu_s()
    results = screen_batch(rows, screener)
    batch_s = time.perf_counter() - started
    # The parent's and the workers' CPU: on a busy machine the wall clock measures the other
    # users; CPU seconds per name say what two free cores would do. The pool leaves its
    # workers to end on their own (`WorkerPool.close(wait=False)`): they are waited for
    # here, after the clock, so that their CPU is counted (it was not before the tenth
    # session: the figure was the parent's alone).
    for worker in multiprocessing.active_children():
        worker.join()
    batch_cpu_s = time.process_time() - cpu + _children_cpu_s() - workers_cpu
    figures = {
        "index_read_s": round(read_s, 2),
        "index_read_cpu_s": round(read_cpu_s, 2),
        "index_read_peak_rss_mb": round(read_rss, 1),
        "search_p50_ms": round(timings[len(timings) // 2], 2),
        "search_p95_ms": round(timings[int(len(timings) * 0.95)], 2),
        "search_queries": len(timings),
        "search_with_hits": hits,
        "batch_setup_s": round(setup_s, 2),
        "batch_setup_cpu_s": round(setup_cpu_s, 2),
        "batch_names": len(rows),
        "batch_workers": default_workers(),
        "batch_alerting": sum(1 for r in results if r.alerts),
        "batch_names_per_s": round(len(rows) / batch_s, 1),
        "batch_cpu_s": round(batch_cpu_s, 2),
        "batch_cpu_ms_per_name": round(1000 * batch_cpu_s / len(rows), 3),
    }
    if baseline:
        names = [row.name for row in rows[:baseline]]
        figures |= _batch_baseline(store, names, len(rows), len(rows) / batch_s)
    return figures


def _batch_baseline(store: Any, names: list[str], batch: int, batch_rate: float) -> dict[str, Any]:
    """The brute force a user would write (benchmarks/batch_bruteforce.py: each name against
    every list name with rapidfuzz's cdist on every core), in the same process right after
    the batch: the machine's speed changes within a session by a fifth (docs/figures.md,
    search28), and the batch's rate beside the brute force's says how the engine does on
    this machine as it is now. It scores the batch's first `names` (a whole batch of 3,000
    against two million names would take a minute); its rate is that of the whole batch, the
    list's names processed once (`baseline_prepare_s`) and each name scored as these were."""
    from benchmarks.batch_bruteforce import brute_force, load_names, processed_names

    listed = load_names(store)
    started = time.perf_counter()
    prepared = processed_names(listed)
    prepare_s = time.perf_counter() - started
    _found, seconds = brute_force(names, listed, None, prepared)
    per_name = seconds / len(names)
    rate = batch / (prepare_s + per_name * batch)
    return {
        "baseline_names": len(names),
        "baseline_list_names": len(listed.names),
        "baseline_prepare_s": round(prepare_s, 2),
        "baseline_ms_per_name": round(1000 * per_name, 2),
        "baseline_names_per_s": round(rate, 2),
        "batch_vs_baseline": round(batch_rate / rate, 1),
    }


def _ownership_rows(url: str) -> tuple[Any, dict[str, str], dict[str, str], list[Any]]:
    """What the 50 % rule over the whole list reads: every ownership/control link of the
    active versions, the relation kinds, the LEIs of the entries, the sanctioned entries as
    seeds. Not timed with the rule (`ownership_read_s`)."""
    from sqlalchemy import select

    from screener.models import EntryIdentifier, EntryLink, ListEntry, ListVersion
    from screener.ownership import ListSeed
    from screener.ownership.links import link_relations
    from screener.store import open_store

    store = open_store(url, migrate=False)
    relations = link_relations()
    with store.session() as session:
        active = select(ListVersion.id).where(ListVersion.is_active.is_(True))
        by_lei = dict(
            session.execute(
                select(EntryIdentifier.value, ListEntry.entry_key)
                .join(ListEntry, EntryIdentifier.entry_id == ListEntry.id)
                .where(EntryIdentifier.id_type == "lei", ListEntry.version_id.in_(active))
            ).all()
        )
        links = session.execute(
            select(
                EntryLink.subject_key,
                EntryLink.object_key,
                EntryLink.relation,
                EntryLink.percentage,
            ).where(
                EntryLink.version_id.in_(active),
                EntryLink.relation.in_(list(relations)),
                EntryLink.object_key.is_not(None),
            )
        ).all()
        seeds = [
            ListSeed(
                key,
                frozenset({"sdn", "eu", "uk", "un"}),
                "synthetic",
                key,
                name,
                tuple(programs or ()),
            )
            for key, name, programs in session.execute(
                select(ListEntry.entry_key, ListEntry.primary_name, ListEntry.programs).where(
                    ListEntry.version_id.in_(active), ListEntry.list_name == "sanctioned"
                )
            )
        ]
    return links, relations, by_lei, seeds


def _usage() -> Any:
    """Call the result for [user s, system s, minor page faults] since this call: the
    system time is the kernel's, mostly giving the process memory it had not touched."""
    before = resource.getrusage(resource.RUSAGE_SELF)

    def so_far() -> list[float]:
        now = resource.getrusage(resource.RUSAGE_SELF)
        return [
            round(now.ru_utime - before.ru_utime, 3),
            round(now.ru_stime - before.ru_stime, 3),
            now.ru_minflt - before.ru_minflt,
        ]

    return so_far


def phase_ownership(url: str, work: Path) -> dict[str, Any]:
    started = time.perf_counter()
    links, relations, by_lei, seeds = _ownership_rows(url)
    read_s = time.perf_counter() - started
    collections = _collections_counted()
    usage = _usage()
    started, cpu = time.perf_counter(), time.process_time()
    rule = _ownership_rule(links, relations, by_lei, seeds)
    ownership_s, ownership_cpu_s = time.perf_counter() - started, time.process_time() - cpu
    user_s, sys_s, faults = usage()
    collected = collections()
    graph, blocked = rule["graph"], rule["blocked"]
    # the same rule again in this process: what the first run paid for memory the process
    # had not touched yet (page faults, a heap growing) against a run that reuses it
    again = _ownership_rule(links, relations, by_lei, seeds)
    if again["blocked"] != blocked:
        raise SystemExit(f"scale.py: the 50 % rule's second run differs: {again['blocked']}")
    return {
        "ownership_read_s": round(read_s, 2),
        "ownership_edges": len(links),
        "ownership_graph_edges": graph.edge_count,
        "ownership_parties": len(graph),
        "ownership_seeds": len(seeds),
        "ownership_blocked": blocked,
        "ownership_s": round(ownership_s, 2),
        "ownership_cpu_s": round(ownership_cpu_s, 2),
        "ownership_user_s": user_s,
        "ownership_sys_s": sys_s,
        "ownership_page_faults": faults,
        "ownership_graph_build_s": rule["build_s"],
        "ownership_seeding_s": rule["seeding_s"],
        "ownership_regime_s": rule["regime_s"],
        "ownership_step_cpu_s": rule["step_cpu_s"],
        "ownership_gc_collections": collected,
        "ownership_again_cpu_s": again["cpu_s"],
        "ownership_again_step_cpu_s": again["step_cpu_s"],
        "ownership_peak_rss_mb": round(_peak_rss_mb(), 1),
    }


def phase_ownership_baseline(url: str, work: Path) -> dict[str, Any]:
    """What a pandas user would write for one regime, OFAC's (all blocked holders' direct
    stakes added, 50 % or more), over the same rows, in a process of its own like the
    rule's: its CPU beside the rule's, and how it grows with the list beside the rule's
    growth (on this machine any pass over arrays that outgrow the 32 MB cache grows
    faster than the list, whatever the algorithm)."""
    links, relations, by_lei, seeds = _ownership_rows(url)
    usage = _usage()
    started, cpu = time.perf_counter(), time.process_time()
    blocked = _pandas_ofac(links, relations, by_lei, seeds)
    wall_s, cpu_s = time.perf_counter() - started, time.process_time() - cpu
    user_s, sys_s, faults = usage()
    return {
        "baseline_ofac_blocked": blocked,
        "baseline_ofac_s": round(wall_s, 2),
        "baseline_ofac_cpu_s": round(cpu_s, 2),
        "baseline_ofac_user_s": user_s,
        "baseline_ofac_sys_s": sys_s,
        "baseline_ofac_page_faults": faults,
    }


def _pandas_ofac(
    links: list[Any], relations: dict[str, str], by_lei: dict[str, str], seeds: list[Any]
) -> int:
    """How many parties OFAC's rule blocks, the pandas way: keys joined through the LEIs,
    self-holdings dropped, the last of a repeated pair kept, equity (voting where no equity
    is recorded) summed per held party over its blocked holders, round after round until
    nothing new is blocked. Listed parties outside the graph count, as in the rule."""
    import numpy as np
    import pandas as pd

    frame = pd.DataFrame(links, columns=["held", "holder", "relation", "pct"])
    lei = pd.Series(by_lei, dtype=object)
    for end in ("holder", "held"):  # object, not float, where no key is an LEI
        frame[end] = frame[end].map(lei).astype(object).fillna(frame[end])
    frame = frame[frame["holder"] != frame["held"]].drop_duplicates(["holder", "held"], keep="last")
    kind = frame["relation"].map(relations)
    equity = frame["pct"].where(kind == "equity")
    stake = equity.fillna(frame["pct"].where(kind.isin(["voting", "control"]))).fillna(0.0)
    codes, parties = pd.factorize(pd.concat([frame["holder"], frame["held"]], ignore_index=True))
    holder, held = codes[: len(frame)], codes[len(frame) :]
    amounts = stake.to_numpy(dtype=float)
    listed = pd.Index([seed.party for seed in seeds if "sdn" in seed.categories]).unique()
    at = parties.get_indexer(listed)
    blocked = np.zeros(len(parties), dtype=bool)
    blocked[at[at >= 0]] = True
    while True:
        sums = np.bincount(held, np.where(blocked[holder], amounts, 0.0), len(parties))
        newly = (sums >= 50 - 1e-9) & ~blocked
        if not newly.any():
            break
        blocked |= newly
    return len(listed) + int(blocked.sum()) - int((at >= 0).sum())


def _ownership_rule(
    links: list[Any], relations: dict[str, str], by_lei: dict[str, str], seeds: list[Any]
) -> dict[str, Any]:
    """The timed part of the ownership phase: the compact graph from the link rows, the
    seeds resolved once, every regime's 50 % rule; wall and CPU seconds of each step."""
    from screener.ownership import load_regimes, propagate
    from screener.ownership.compact import CompactGraph
    from screener.ownership.links import LIST_CONTROL_TYPE
    from screener.ownership.seeding import Seeding

    started, cpu = time.perf_counter(), time.process_time()
    regimes = load_regimes()
    kinds = [relations[relation] for _, _, relation, _ in links]
    pcts = [pct for *_, pct in links]
    holder, held = [obj for _, obj, _, _ in links], [subject for subject, _, _, _ in links]
    columns_cpu_s = time.process_time() - cpu
    graph = CompactGraph.from_columns(
        holder=holder,
        held=held,
        equity_pct=[p if k == "equity" else None for p, k in zip(pcts, kinds, strict=True)],
        voting_pct=[
            p if k in ("voting", "control") else None for p, k in zip(pcts, kinds, strict=True)
        ],
        control_type=[LIST_CONTROL_TYPE if kind == "control" else None for kind in kinds],
        same_as=by_lei,  # a GLEIF relationship's LEI is the list entry carrying that LEI
    )
    build_s, build_cpu_s = time.perf_counter() - started, time.process_time() - cpu
    seeding = Seeding.of(graph, seeds)
    seeding_s = time.perf_counter() - started - build_s
    seeding_cpu_s = time.process_time() - cpu - build_cpu_s
    blocked, regime_s, regime_cpu_s = {}, {}, {}
    for regime in regimes:
        begun, begun_cpu = time.perf_counter(), time.process_time()
        statuses = propagate(graph, regime, seeding)
        regime_s[regime.id] = round(time.perf_counter() - begun, 2)
        regime_cpu_s[regime.id] = round(time.process_time() - begun_cpu, 3)
        blocked[regime.id] = statuses.blocked_count()
    return {
        "graph": graph,
        "blocked": blocked,
        "cpu_s": round(time.process_time() - cpu, 2),
        "build_s": round(build_s, 2),
        "seeding_s": round(seeding_s, 2),
        "regime_s": regime_s,
        "step_cpu_s": {
            "columns": round(columns_cpu_s, 3),
            "graph": round(build_cpu_s - columns_cpu_s, 3),
            "seeding": round(seeding_cpu_s, 3),
            **regime_cpu_s,
        },
    }


def _collections_counted() -> Any:
    """Count the cyclic collector's runs from now on; call the result for what ran so far:
    [collections of generation 0, 1, 2, wall seconds in them]. The 50 % rule pauses the
    collector where it makes millions of objects: this says whether any collection still
    runs while it is timed, and what it costs (one of the oldest generation walks every
    link row the phase holds)."""
    import gc

    runs = [0, 0, 0, 0.0]
    began = [0.0]

    def counted(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            began[0] = time.perf_counter()
        else:
            runs[info["generation"]] += 1
            runs[3] += time.perf_counter() - began[0]

    gc.callbacks.append(counted)

    def so_far() -> list[float]:
        gc.callbacks.remove(counted)
        return [*runs[:3], round(runs[3], 3)]

    return so_far


# --- the parent --------------------------------------------------------------------------


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _child(phase: str, url: str, work: Path, env: dict[str, str], *extra: str) -> dict[str, Any]:
    started = time.perf_counter()
    cpu_before = _children_cpu_s()
    done = subprocess.run(
        [sys.executable, __file__, "--phase", phase, "--db", url, "--work", str(work), *extra],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"scale.py: phase {phase} failed (exit {done.returncode})")
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    figures[f"{phase}_process_s"] = round(time.perf_counter() - started, 2)
    # CPU seconds (user + system) of the phase's process: on a shared machine the wall
    # clock waits for other people's work too; one phase runs on one core but for the
    # batch's workers, so on a quiet machine its wall time is about this figure
    figures[f"{phase}_process_cpu_s"] = round(_children_cpu_s() - cpu_before, 2)
    # a long run's phases so far survive a later phase failing (stderr: stdout is one object)
    print(json.dumps({"phase": phase, "load_average": os.getloadavg(), **figures}), file=sys.stderr)
    return figures


def _db_mb(url: str) -> float:
    from sqlalchemy import create_engine, text

    if url.startswith("sqlite"):
        path = Path(url.split("///", 1)[1])
        files = [path, Path(f"{path}-wal"), Path(f"{path}-shm")]
        return round(sum(p.stat().st_size for p in files if p.exists()) / 2**20, 1)
    engine = create_engine(url)
    with engine.connect() as connection:
        size = connection.execute(text("select pg_database_size(current_database())")).scalar_one()
    engine.dispose()
    return round(int(size) / 2**20, 1)


def run(
    entries: int,
    url: str | None,
    queries: int,
    batch: int,
    keep: Path | None,
    baseline: int = 0,
) -> dict[str, Any]:
    holder = tempfile.TemporaryDirectory(prefix="scale19-")
    work = keep or Path(holder.name)
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_DATA_HOME=str(work / "data"))
    url = url or f"sqlite:///{work / 'scale.sqlite3'}"
    started = time.perf_counter()
    counts = write_ftm(work / "synthetic.ftm.json", entries)
    rr = write_gleif_rr(work / "rr-synthetic.xml", entries)
    figures: dict[str, Any] = {
        "entries": entries,
        "generate_s": round(time.perf_counter() - started, 2),
        "ftm_mb": round((work / "synthetic.ftm.json").stat().st_size / 2**20, 1),
        "rr_mb": round((work / "rr-synthetic.xml").stat().st_size / 2**20, 1),
        "ftm_counts": counts,
        "rr_relationships": rr,
        "db": url.split(":", 1)[0],
    }
    figures |= _child("import", url, work, env)
    figures["db_mb"] = _db_mb(url)
    figures |= _child("index", url, work, env)
    figures |= _child(
        "search", url, work, env,
        "--queries", str(queries), "--batch", str(batch), "--baseline", str(baseline),
    )  # fmt: skip
    figures |= _child("ownership", url, work, env)
    figures |= _child("ownership_baseline", url, work, env)
    if figures["baseline_ofac_blocked"] != figures["ownership_blocked"]["ofac"]:
        raise SystemExit("scale.py: the pandas baseline blocks another count than the rule")
    figures["load_average"] = list(os.getloadavg())
    figures["cores"] = os.cpu_count()
    if keep is None:
        holder.cleanup()
    return figures


def throwaway_postgres() -> tuple[str, Any]:
    """A PostgreSQL server of this run's own (the tests' wheel, tests/pg_server.py) with an
    office server's durability: unlike the tests' server, fsync and full-page writes on.
    Returns the URL of a new empty database and the server (call `stop()`)."""
    from tests.pg_server import PostgresServer, wait_until_ready

    class DurableServer(PostgresServer):
        def _launch(self) -> None:
            self._run(
                "pg_ctl", "-D", str(self.data), "-l", str(self.data / "server.log"), "-w",
                "-o", f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1",
                "start",
            )  # fmt: skip

    server = DurableServer()
    server.start()
    wait_until_ready(server)
    return server.create_database("scale"), server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument(
        "--db", default=None, help="database URL (default: SQLite in a temp folder)"
    )
    parser.add_argument("--queries", type=int, default=300, help="searches timed one by one")
    parser.add_argument("--batch", type=int, default=3000, help="names in the batch run")
    parser.add_argument(
        "--baseline",
        type=int,
        default=100,
        help="time the rapidfuzz brute force over this many of the batch's names (0: not)",
    )
    parser.add_argument(
        "--pg", action="store_true", help="on a throwaway PostgreSQL server of its own"
    )
    parser.add_argument("--keep", type=Path, default=None, help="keep the files in this folder")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--phase", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        phases = {
            "import": lambda: phase_import(args.db, args.work),
            "index": lambda: phase_index(args.db, args.work),
            "index_check": lambda: phase_index_check(args.db, args.work),
            "search": lambda: phase_search(
                args.db, args.work, args.queries, args.batch, args.baseline
            ),
            "ownership": lambda: phase_ownership(args.db, args.work),
            "ownership_baseline": lambda: phase_ownership_baseline(args.db, args.work),
        }
        print(json.dumps(phases[args.phase]()))
        return
    server = None
    if args.pg:
        args.db, server = throwaway_postgres()
    try:
        figures = run(args.entries, args.db, args.queries, args.batch, args.keep, args.baseline)
    finally:
        if server is not None:
            server.stop()
    if server is not None:
        figures["db_server"] = server.version()
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:>28}: {value}")


if __name__ == "__main__":
    main()
