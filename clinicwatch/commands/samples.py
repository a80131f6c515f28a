"""`clinicwatch sample-web`: generate the sample web's files, or serve it on loopback."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from aiohttp import web

from clinicwatch.cliutil import CliError, port_number, positive_int
from samples.server import WORLD_KEY, make_app, write_outputs


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "sample-web", help="generate or serve the synthetic clinic websites (demo and tests)",
        description="A seeded, deterministic web of synthetic clinic websites served on loopback "
        "(hosts end in .localhost), with ground truth and register snapshots.")
    sub = parser.add_subparsers(dest="sample_command", metavar="SUBCOMMAND", required=True)

    serve = sub.add_parser("serve", help="write outputs, then serve all sites until interrupted")
    _common(serve)
    serve.add_argument("--port", type=port_number, default=8765, help="port (default: 8765)")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    serve.add_argument("--price-version", type=int, default=0, metavar="K",
                       help="price version: K > 0 changes a few prices on ~10%% of sites per step")
    serve.add_argument("--faults", metavar="NAME[,NAME]",
                       help="serve hostile faults (samples/faults.py: slow, http5xx, ... or all)")
    serve.set_defaults(func=cmd_serve)

    gen = sub.add_parser("generate", help="write seeds, truth and register snapshots only")
    _common(gen)
    gen.add_argument("--port", type=port_number, default=8765,
                     help="port the website URLs in seeds/truth should use (default: 8765)")
    gen.add_argument("--price-version", type=int, default=0, metavar="K", help="price version")
    gen.set_defaults(func=cmd_generate)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--clinics", type=positive_int, default=120, help="number of sites (default: 120)")
    parser.add_argument("--seed", type=int, default=7, help="world seed (default: 7)")
    parser.add_argument("--out", default="sample-web", metavar="DIR",
                        help="output directory (default: ./sample-web)")


def _write(args: argparse.Namespace) -> dict[str, Path]:
    if args.price_version < 0:
        raise CliError(f"--price-version must be >= 0: {args.price_version}", code=2)
    try:
        return write_outputs(Path(args.out), args.clinics, args.seed, args.port, args.price_version)
    except OSError as exc:
        raise CliError(f"cannot write to {args.out}: {exc.strerror or exc}") from None


def cmd_generate(args: argparse.Namespace) -> int:
    paths = _write(args)
    print(f"wrote {args.clinics} sites: seeds {paths['seeds_csv']}, truth {paths['truth']}, "
          f"registers {paths['registers_dir']}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from samples.faults import parse_faults

    try:
        faults = parse_faults(args.faults)
    except ValueError as exc:
        raise CliError(f"--faults: {exc}", code=2) from None
    paths = _write(args)
    app = make_app(args.clinics, args.seed, args.price_version, faults=faults)
    world = app[WORLD_KEY]
    world.port = args.port
    first = paths["seeds_txt"].read_text(encoding="utf-8").splitlines()[0]
    print(f"seeds: {paths['seeds_csv']} ({args.clinics} sites)\ntruth: {paths['truth']}\n"
          f"example: {first}\nserving on {args.host}:{args.port} (Ctrl-C to stop)", flush=True)
    try:
        web.run_app(app, host=args.host, port=args.port, print=None, access_log=None,
                    handle_signals=True, loop=asyncio.new_event_loop())
    except OSError as exc:
        raise CliError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from None
    print("stopped", file=sys.stderr)
    return 0
