"""``followlint serve``: load the linter once, then serve the page on this computer only.

The bind address is 127.0.0.1 unless ``--host`` names another one; a host that other
machines can reach is said on stderr, because drafts sent to the page would then cross
the network. Starlette and uvicorn come with the ``web`` extra and load only here, so
the rest of followlint does not need them.
"""

from __future__ import annotations

import argparse
import ipaddress
import socket
import sys
from pathlib import Path
from typing import IO

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8737
EXIT_OK, EXIT_ERROR = 0, 2


def add_parser(sub: argparse._SubParsersAction) -> None:
    """The ``serve`` subcommand's arguments (kept here so the CLI module only names it)."""
    serve = sub.add_parser("serve", help="check drafts in your web browser (a page served on this computer)")
    serve.add_argument("--host", default=None, metavar="ADDRESS",
                       help=f"address to listen on (default: {DEFAULT_HOST}, this computer only)")
    serve.add_argument("--port", type=_port, default=DEFAULT_PORT, metavar="N",
                       help=f"port to listen on (default: {DEFAULT_PORT}; 0 picks a free one)")
    serve.add_argument("--config", type=Path, default=None, help="use this config file instead of discovery")
    serve.add_argument("--open", action="store_true", help="open the page in your web browser")


def _port(value: str) -> int:
    if not value.isdigit() or int(value) > 65535:
        raise argparse.ArgumentTypeError(f"expected a port from 0 to 65535, got {value!r}")
    return int(value)


def is_loopback(host: str) -> bool:
    """Whether only this computer can reach ``host`` (127.0.0.0/8, ::1 or localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str) -> str | None:
    """What to tell the user when ``--host`` makes the page reachable from other machines."""
    if is_loopback(host):
        return None
    return (f"followlint: warning: listening on {host} because --host says so: other computers that can "
            "reach this address can open the page and read the drafts sent to it\n")


def serve(args: argparse.Namespace, stderr: IO[str] | None = None) -> int:
    """Run the page until interrupted; 2 when the web extra is missing or the port cannot be had."""
    stderr = stderr or sys.stderr
    missing = _missing_extra()
    if missing:
        stderr.write(f"followlint: error: followlint serve needs the web extra ({missing} is not installed); "
                     "install it with: pip install 'followlint[web]'\n")
        return EXIT_ERROR
    host = args.host if args.host is not None else DEFAULT_HOST
    warning = exposure_warning(host)
    if warning:
        stderr.write(warning)
    try:
        sock = listen(host, args.port)
    except OSError as exc:
        stderr.write(f"followlint: error: cannot listen on {host} port {args.port} "
                     f"({exc.strerror or exc}); choose another --port\n")
        return EXIT_ERROR
    with sock:
        app = _load_app(args.config, host if args.host is not None else None, stderr)
        url = page_url(host, sock.getsockname()[1])
        stderr.write(f"followlint: serving {url} (drafts are checked on this computer and not kept; "
                     "Ctrl+C stops)\n")
        stderr.flush()
        if args.open:
            import webbrowser

            webbrowser.open(url)
        _run(app, sock)
    return EXIT_OK


def _missing_extra() -> str | None:
    import importlib.util

    return next((name for name in ("starlette", "uvicorn") if importlib.util.find_spec(name) is None), None)


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``; bound before the slow model loading, so a taken port fails at once."""
    family, kind, proto, _name, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(64)
    except OSError:
        sock.close()
        raise
    return sock


def page_url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def _load_app(config: Path | None, explicit_host: str | None, stderr: IO[str]):
    """The linter with its models loaded (a few seconds), wrapped in the page's app."""
    from followlint.api import Linter
    from followlint.core.config import ConfigCache
    from followlint.web.app import create_app

    cfg = ConfigCache(config).for_path(Path.cwd() / "draft.txt")
    stderr.write("followlint: loading the language models...\n")
    stderr.flush()
    linter = Linter(cfg)
    linter.warm_up()
    return create_app(linter, cfg.max_file_size, (explicit_host,) if explicit_host else ())


def _run(app, sock: socket.socket) -> None:
    import uvicorn

    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", server_header=False)
    uvicorn.Server(config).run(sockets=[sock])
