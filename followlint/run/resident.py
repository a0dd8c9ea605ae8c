"""A resident followlint for repeated runs (a commit hook), in the pattern of dmypy and eslint_d.

    python -m followlint.run.resident check drafts/acme.md      # what the pre-commit hook runs
    python -m followlint.run.resident --stop                    # stop this user's resident process

A cold ``followlint check`` spends most of a one-draft run starting up: importing spaCy, loading
its model and building Harper's dictionary (about 3 s of CPU) before a ~70 ms lint. The first
``check`` through this module starts a resident process in the background and lints in-process as
usual; later ones send their arguments, working directory, environment and (for ``-`` only) stdin
to it over a unix socket and print what it answers, so the engines load once.

Output is identical to ``followlint check``: the resident process runs the same ``main`` in the
client's working directory with the client's environment, reading configuration, cache and drafts
afresh on every call. It is used only when the client's stdout and stderr are not terminals (colour
and the progress bar depend on them), which is the case under pre-commit and CI; otherwise, and
whenever the resident process is absent, busy past ``CONNECT_TIMEOUT``, of another version or of
changed code, the client lints in-process.

Safety: the socket lives in a folder only the user can enter (``$XDG_RUNTIME_DIR`` or the temp
folder, mode 0700, checked to be the user's own and not a link), is itself mode 0600, and the
server answers only peers of the same user id (``SO_PEERCRED``). Its name carries a hash of
followlint's version, the fingerprint of its code and rule packs and the Python that runs it, so an
upgrade or an edited rule never talks to an old process. It exits after ``IDLE_SECONDS`` without a
request (``FOLLOWLINT_RESIDENT_IDLE`` overrides) and removes its socket.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import socket
import stat
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

IDLE_SECONDS = 600
CONNECT_TIMEOUT = 0.5
_HEADER = struct.Struct("!Q")


def _key() -> str:
    from followlint import __version__
    from followlint.run.cache import code_fingerprint

    blob = "\0".join([__version__, code_fingerprint(), sys.executable, sys.version])
    return hashlib.blake2b(blob.encode(), digest_size=10).hexdigest()


def _folder() -> Path:
    base = os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    folder = Path(base) / f"followlint-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except FileExistsError:
        pass
    st = os.lstat(folder)
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o077:
        raise PermissionError(f"{folder} is not a private folder of this user")
    return folder


def socket_path(key: str | None = None) -> Path:
    return _folder() / f"{key or _key()}.sock"


# --- wire format: one length-prefixed JSON message each way ------------------------------------

def _send(conn: socket.socket, data: dict) -> None:
    blob = json.dumps(data).encode("utf-8")
    conn.sendall(_HEADER.pack(len(blob)) + blob)


def _recv(conn: socket.socket) -> dict:
    def exactly(n: int) -> bytes:
        chunks = []
        while n:
            chunk = conn.recv(min(n, 1 << 20))
            if not chunk:
                raise ConnectionError("connection closed")
            chunks.append(chunk)
            n -= len(chunk)
        return b"".join(chunks)

    (size,) = _HEADER.unpack(exactly(_HEADER.size))
    return json.loads(exactly(size))


# --- the client ------------------------------------------------------------------------------------

def run(argv: list[str]) -> int:
    """``followlint ARGV`` through the resident process when that gives identical output, else in-process."""
    from followlint.cli import main

    if not argv or argv[0] != "check" or sys.stdout.isatty() or sys.stderr.isatty():
        return main(argv)
    try:
        key = _key()
        path = socket_path(key)
    except OSError:
        return main(argv)
    answer = _ask(path, key, argv)
    if answer is None:
        _start(key)
        return main(argv)
    sys.stdout.write(answer["out"])
    sys.stderr.write(answer["err"])
    sys.stdout.flush()
    return int(answer["code"])


def _ask(path: Path, key: str, argv: list[str]) -> dict | None:
    stdin = sys.stdin.buffer.read() if "-" in argv[1:] and sys.stdin is not None else b""
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.settimeout(CONNECT_TIMEOUT)
        conn.connect(str(path))
        conn.settimeout(None)  # a run may take long; the server answers one request at a time
        _send(conn, {"key": key, "argv": argv, "cwd": os.getcwd(), "env": dict(os.environ),
                     "stdin": stdin.decode("latin-1")})
        answer = _recv(conn)
    except (OSError, ValueError, ConnectionError):
        if stdin:  # stdin is consumed: finish in-process with what was read
            sys.stdin = io.TextIOWrapper(io.BytesIO(stdin))
        return None
    finally:
        conn.close()
    if answer.get("key") != key or "code" not in answer:
        return None
    return answer


def _start(key: str) -> None:
    """Start a resident process in the background (it exits at once if another one won the race)."""
    try:
        subprocess.Popen([sys.executable, "-m", "followlint.run.resident", "--serve", key],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True, close_fds=True)
    except OSError:
        pass


def stop() -> bool:
    try:
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        conn.settimeout(CONNECT_TIMEOUT)
        conn.connect(str(socket_path()))
        _send(conn, {"key": _key(), "stop": True})
        _recv(conn)
        conn.close()
        return True
    except (OSError, ValueError, ConnectionError):
        return False


# --- the server ------------------------------------------------------------------------------------

def serve(key: str) -> int:
    if key != _key():
        return 2  # started by another version: nothing to serve
    path = socket_path(key)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    if path.exists():
        probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            probe.connect(str(path))
            probe.close()
            return 0  # one is already running
        except OSError:
            path.unlink(missing_ok=True)  # left behind by a process that died
    old = os.umask(0o177)
    try:
        server.bind(str(path))
    except OSError:
        return 0  # another one bound first
    finally:
        os.umask(old)
    os.chmod(path, 0o600)
    server.listen(16)
    server.settimeout(float(os.environ.get("FOLLOWLINT_RESIDENT_IDLE", IDLE_SECONDS)))
    _preload()
    try:
        while True:
            try:
                conn, _ = server.accept()
            except socket.timeout:
                return 0
            with conn:
                if not _same_user(conn):
                    continue
                try:
                    request = _recv(conn)
                except (OSError, ValueError, ConnectionError):
                    continue
                if request.get("key") != key:
                    _send(conn, {"key": key})  # the client falls back to in-process
                    continue
                if request.get("stop"):
                    _send(conn, {"key": key, "stopped": True})
                    return 0
                try:
                    _send(conn, {"key": key, **_handle(request)})
                except (OSError, ValueError):
                    continue
    finally:
        server.close()
        path.unlink(missing_ok=True)


def _same_user(conn: socket.socket) -> bool:
    try:
        creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
        _pid, uid, _gid = struct.unpack("3i", creds)
        return uid == os.getuid()
    except (OSError, AttributeError):  # no SO_PEERCRED: the private folder is the protection
        return True


def _preload() -> None:
    """Build spaCy and Harper now, as a cold run's warm-up would, so the first request finds them."""
    try:
        from followlint.core.config import Config, resolve_rules, CliOverrides
        from followlint.core.engine import Services
        from followlint.core.registry import build_registry

        cfg = Config()
        services = Services()
        services.warm_up(resolve_rules(cfg, build_registry(), CliOverrides()), cfg)
        services.wait()
        services.nlp()
    except Exception:
        pass


def _handle(request: dict) -> dict:
    from followlint.cli import main

    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    out, err = io.StringIO(), io.StringIO()
    try:
        os.environ.clear()
        os.environ.update({str(k): str(v) for k, v in request.get("env", {}).items()})
        os.chdir(request["cwd"])
        stdin = io.BytesIO(str(request.get("stdin", "")).encode("latin-1"))
        code = main([str(a) for a in request["argv"]], stdout=out, stderr=err, stdin=stdin)
    except Exception as exc:  # never take the server down; the client prints this like a crash
        code = 2
        err.write(f"followlint: error: resident process: {type(exc).__name__}: {exc}\n")
    finally:
        os.environ.clear()
        os.environ.update(saved_env)
        try:
            os.chdir(saved_cwd)
        except OSError:
            os.chdir("/")
    return {"code": code, "out": out.getvalue(), "err": err.getvalue()}


def _main(argv: list[str]) -> int:
    if argv[:1] == ["--serve"] and len(argv) == 2:
        return serve(argv[1])
    if argv[:1] == ["--stop"]:
        print("stopped" if stop() else "no resident followlint running")
        return 0
    return run(argv)


if __name__ == "__main__":
    if sys.path and sys.path[0] and os.path.realpath(sys.path[0]) == os.path.realpath(os.getcwd()):
        del sys.path[0]  # as followlint/__main__.py: never import modules from an untrusted checkout
    raise SystemExit(_main(sys.argv[1:]))
