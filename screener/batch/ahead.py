"""A batch's Han and kana names prepared in a helper process while the command starts up.

Han and kana names are read with dictionaries (pypinyin, pykakasi) that each process meeting
such a name loads (some 25 ms of CPU once the kanwa dictionary is kept, screener/kept_kanwa.py;
much more before). When `screener screen` has no kept index to start on, it spends seconds
building one while a core could idle; a helper forked then loads the dictionaries and
prepares those names there, and the pool's workers receive the prepared records with the
names, so no worker loads the dictionaries. (On a kept index, the idle core of the start-up
is the database helper's, screener/batch/db_side.py, and a worker prepares them.) The records are made by the engine's own preparation
(`screener.batch.engine.prepare_query`) from the same query, so a name's hits are those a
worker preparing it would find; if the helper fails, the workers prepare the names as before.
"""

from __future__ import annotations

import multiprocessing
import pickle
import re
import signal
import sys
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from screener.batch.model import BatchQuery

QueryKey = tuple[object, ...]
_HAN_OR_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def needs_dictionaries(query: BatchQuery) -> bool:
    """The name has Han or kana characters: reading it loads pypinyin or pykakasi."""
    return _HAN_OR_KANA.search(query.name) is not None


def query_key(query: BatchQuery) -> QueryKey:
    """Every field the screener reads (name as written, type, country, date, identifiers):
    rows with equal keys are the same query; the row number and id only travel with results."""
    return (
        query.name,
        query.party_type,
        query.country,
        query.date,
        tuple(sorted(query.identifiers.items())),
    )


class PreparedAhead:
    """The helper preparing some queries; `take` hands over what it prepared."""

    def __init__(self, process: BaseProcess, connection: Connection, count: int) -> None:
        self._process = process
        self._connection = connection
        self.count = count
        self._taken: dict[QueryKey, bytes] | None = None

    @classmethod
    def start(
        cls, queries: Sequence[BatchQuery], prepare: Callable[[BatchQuery], Any]
    ) -> PreparedAhead | None:
        """Fork the helper for the distinct queries that need the dictionaries; None when
        there are none, or where processes cannot be forked (the pool pickles on spawn, and a
        spawned helper would pay the start-up it is meant to hide)."""
        if not sys.platform.startswith("linux"):
            return None
        chosen = list({query_key(q): q for q in queries if needs_dictionaries(q)}.values())
        if not chosen:
            return None
        context = multiprocessing.get_context("fork")
        receiving, sending = context.Pipe(duplex=False)
        process = context.Process(
            target=_prepare_and_send, args=(chosen, prepare, sending), daemon=True
        )
        process.start()
        sending.close()  # the helper's end: if it dies, the parent reads end-of-file
        return cls(process, receiving, len(chosen))

    @property
    def connection(self) -> Connection:
        """The pipe the helper answers on: something to wait on beside the workers."""
        return self._connection

    def ready(self, timeout: float = 0.0) -> bool:
        """The helper has answered, or ended without answering (`take` then gives nothing)."""
        return self._taken is not None or self._connection.poll(timeout)

    def take(self) -> dict[QueryKey, bytes]:
        """Query key -> its prepared record, pickled (`pickle.loads` gives the record: the
        parent passes it on to a worker without reading it), waiting for the helper; empty
        if it failed."""
        if self._taken is None:
            try:
                answer = self._connection.recv()
                self._taken = dict(answer) if isinstance(answer, list) else {}
            except (EOFError, OSError):
                self._taken = {}
            finally:
                self.close()
        return self._taken

    def close(self) -> None:
        """Stop the helper if it still runs (a cancelled or failed batch) and reap it."""
        self._connection.close()
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()


def _prepare_and_send(
    queries: list[BatchQuery], prepare: Callable[[BatchQuery], Any], sending: Connection
) -> None:
    """In the helper: Ctrl-C is the parent's to handle; nothing made here is cyclic."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import gc

    gc.disable()
    try:
        # each record pickled on its own: the parent hands them to the workers unread
        prepared = [
            (query_key(q), pickle.dumps(prepare(q), pickle.HIGHEST_PROTOCOL)) for q in queries
        ]
    except Exception as exc:  # the workers prepare the names themselves: same hits
        sending.send(f"{type(exc).__name__}: {exc}")
    else:
        sending.send(prepared)
    finally:
        sending.close()
