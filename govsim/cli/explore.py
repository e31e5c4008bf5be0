"""``govsim explore``: serve the explore page (a local Solara app) until interrupted."""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys

from govsim.check import int_arg
from govsim.errors import GovsimError

HELP = "Explore a design in a browser: dials, run and step, metric cards, views, compare."
EPILOG = (
    "Needs the explore extra (pip install 'govsim[explore]'; make run installs it). "
    "The page works offline and listens on 127.0.0.1 unless --host says otherwise. "
    "example: govsim explore gnso-council --port 8765 --open"
)
INTERRUPTED = " (server stopped)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments and options."""
    parser.add_argument(
        "design",
        metavar="DESIGN",
        nargs="?",
        default="gnso-council",
        help="the design to start with: a built-in name or a TOML file (default gnso-council)",
    )
    parser.add_argument("--scenario", help="a built-in scenario name or a TOML file")
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
    )
    parser.add_argument(
        "--port", type=int_arg(low=0, high=65535), default=8765, help="port (default 8765)"
    )
    parser.add_argument("--open", action="store_true", help="open the page in a web browser")


def handle(args: argparse.Namespace) -> int:
    """Check the design, then become the Solara server."""
    from govsim.designs import resolve

    resolve(args.design, args.scenario)  # a bad name or file: one line and exit 2, no server
    if importlib.util.find_spec("solara") is None:
        raise GovsimError("the page needs the explore extra: pip install 'govsim[explore]'")
    env = os.environ | {
        "GOVSIM_EXPLORE_DESIGN": args.design,
        "GOVSIM_EXPLORE_SCENARIO": args.scenario or "",
        "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False",  # offline: no usage reports
        # Solara warns on every page load over plain http to 127.0.0.1 (its cookie
        # falls back to samesite=lax, which is right for a local page).
        "PYTHONWARNINGS": "ignore:Cookies with samesite=none require https",
    }
    command = [sys.executable, "-m", "solara", "run", "govsim.app.explore.page"]
    command += ["--host", args.host, "--port", str(args.port), "--production"]
    command += ["--no-check-version", "--open" if args.open else "--no-open"]
    command += ["--log-level", "warning"]
    print(f"govsim explore: http://{args.host}:{args.port}/ (Ctrl-C stops)", flush=True)
    # The server replaces this process, so stopping this process stops the server.
    os.execve(sys.executable, command, env)
    return 0  # not reached
