"""Run an installed LanguageTool server on 127.0.0.1: ``start`` keeps one running, ``stop`` ends it.

The server's pid, port and log are recorded in ``server.json`` in followlint's LanguageTool folder, so
``status``, ``stop`` and ``local-server = true`` find it from any shell. LanguageTool answers its first
check only after loading the English rules (half a minute on a small machine), so starting includes a
warm-up request: once ``start`` returns, a lint's short timeout is enough.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterator

from followlint.languagetool.home import MAIN_CLASS, Installation, home

DEFAULT_HEAP = "512m"
WARM_UP_TEXT = "Thank you for the interview. I am looking forward to hear from you."
READY_TIMEOUT = 240.0  # seconds: JVM start plus the first check on a busy two-core machine


class ServerError(RuntimeError):
    """The server could not be started or stopped; the message says why."""


@dataclass(frozen=True)
class ServerState:
    pid: int
    port: int
    version: str
    log: str
    started: float

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def state_file() -> Path:
    return home() / "server.json"


def java_problem() -> str | None:
    """Why Java cannot run LanguageTool here (None: it can)."""
    java = shutil.which("java")
    if java is None:
        return "Java is not installed (LanguageTool needs Java 17 or newer)"
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"`java -version` failed: {exc}"
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    major = int(m.group(1)) if m else 0
    major = int(m.group(2) or 0) if major == 1 and m else major  # "1.8" is Java 8
    if major < 17:
        return f"Java {major or '?'} is installed; LanguageTool needs Java 17 or newer"
    return None


def running() -> ServerState | None:
    """The recorded server, if its process is still a LanguageTool server (a stale record is removed)."""
    try:
        state = ServerState(**json.loads(state_file().read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    if _is_languagetool(state.pid):
        return state
    state_file().unlink(missing_ok=True)
    return None


def start(inst: Installation, port: int, heap: str = DEFAULT_HEAP, languages: tuple[str, ...] = ("en-US",),
          timeout: float = READY_TIMEOUT) -> ServerState:
    """Start a server that outlives this process, wait until it has answered a check, record it."""
    current = running()
    if current is not None:
        raise ServerError(f"LanguageTool is already running on {current.url} (pid {current.pid}); "
                          "`followlint languagetool stop` ends it")
    log = home() / "server.log"
    proc = launch(inst, port, heap, log, detach=True)
    state = ServerState(proc.pid, port, inst.version, str(log), time.time())
    try:
        wait_ready(state.url, proc, timeout, languages, log)
    except ServerError:
        _terminate(proc.pid)
        raise
    state_file().write_text(json.dumps(asdict(state)), encoding="utf-8")
    return state


@contextlib.contextmanager
def start_lock() -> Iterator[None]:
    """One starter at a time across processes (the workers of one run all want the server)."""
    home().mkdir(parents=True, exist_ok=True)
    with (home() / "start.lock").open("w") as handle:
        try:
            import fcntl
        except ImportError:  # Windows: no advisory locks; two workers may race, one start then fails
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def stop() -> ServerState | None:
    """Stop the recorded server; None when none was running."""
    state = running()
    if state is None:
        return None
    _terminate(state.pid)
    state_file().unlink(missing_ok=True)
    return state


def launch(inst: Installation, port: int, heap: str, log: Path, detach: bool) -> subprocess.Popen:
    problem = java_problem()
    if problem:
        raise ServerError(problem)
    if not port_free(port):
        raise ServerError(f"port {port} on 127.0.0.1 is in use; choose another with --port")
    log.parent.mkdir(parents=True, exist_ok=True)
    command = [shutil.which("java") or "java", f"-Xmx{heap}", "-XX:+UseSerialGC", "-cp",
               os.pathsep.join(str(p) for p in inst.classpath), MAIN_CLASS, "--port", str(port)]
    with log.open("ab") as out:  # the child keeps its own descriptor
        return subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=detach)


def wait_ready(url: str, proc: subprocess.Popen, timeout: float, languages: tuple[str, ...], log: Path) -> None:
    """Return once the server answered a check in each language; ServerError if it died or took too long."""
    deadline = time.monotonic() + timeout
    for language in languages:
        while True:
            if proc.poll() is not None:
                raise ServerError(f"LanguageTool exited with code {proc.returncode} while starting; see {log}")
            left = deadline - time.monotonic()
            if left <= 0:
                raise ServerError(f"LanguageTool did not answer within {timeout:g} s; see {log}")
            if check_once(url, WARM_UP_TEXT, language, min(left, 120.0)):
                break
            time.sleep(0.5)


def check_once(url: str, text: str, language: str, timeout: float) -> bool:
    """One /v2/check request; True when it answered with JSON."""
    body = urllib.parse.urlencode({"language": language, "text": text}).encode()
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(urllib.request.Request(url + "/v2/check", data=body), timeout=timeout) as response:
            json.loads(response.read())
            return True
    except (OSError, ValueError):
        return False


def answering(state: ServerState, timeout: float = 5.0) -> bool:
    return check_once(state.url, "Hello.", "en-US", timeout)


def port_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _is_languagetool(pid: int) -> bool:
    """The pid is alive and runs LanguageTool's server (not a process that reused the number)."""
    try:
        os.kill(pid, 0)
    except (OSError, ValueError):
        return False
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True  # no /proc (macOS): the pid is alive, trust the record
    return MAIN_CLASS.encode() in cmdline


def _terminate(pid: int, grace: float = 10.0) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except OSError:
        return
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        try:
            if os.waitpid(pid, os.WNOHANG)[0] == pid:
                return
        except ChildProcessError:  # not our child: poll whether it is gone
            try:
                os.kill(pid, 0)
            except OSError:
                return
        time.sleep(0.2)
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (OSError, ChildProcessError):
        pass


class RunServer:
    """A server owned by this process on a free port, stopped by ``close()`` (the tests' session server)."""

    def __init__(self, inst: Installation, heap: str = DEFAULT_HEAP, language: str = "en-US") -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        log = home() / "run-server.log"
        self.proc = launch(inst, self.port, heap, log, detach=False)
        try:
            wait_ready(self.url, self.proc, READY_TIMEOUT, (language,), log)
        except ServerError:
            self.close()
            raise

    def close(self) -> None:
        if self.proc.poll() is None:
            _terminate(self.proc.pid)
