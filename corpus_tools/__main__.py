"""Command line: ``python -m corpus_tools report --corpus FOLDER --target altman --out reports/NAME``
runs the four notebooks on a corpus; ``python -m corpus_tools kernel`` registers the JupyterLab kernel."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    """Run the command; return the exit status (1 with a one-line message for bad input)."""
    parser = argparse.ArgumentParser(prog="python -m corpus_tools")
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser("report", help="run the four notebooks on a corpus into a folder")
    report.add_argument("--corpus", default=None, help="a folder of articles or a table (default: the bundled five)")
    report.add_argument("--target", default="altman", help="the person studied: an entity_id or alias")
    report.add_argument("--out", required=True, help="the output folder, e.g. reports/NAME")
    report.add_argument("--periods", default="", help="boundary dates between periods, comma-separated")
    report.add_argument("--errors", choices=("raise", "skip"), default="raise",
                        help="stop at a bad file (default) or skip it and list it")
    report.add_argument("--quiet", action="store_true", help="no progress bars")
    report.add_argument("--scheduler", default=None,
                        help="a dask.distributed scheduler's address (tcp://host:8786): analyse the articles on "
                             "that cluster (default: $DASK_SCHEDULER_ADDRESS, else this machine's cores)")
    report.add_argument("--baselines", default="",
                        help="the summarisers notebook 03 compares with ours, comma-separated: textrank, jionlp "
                             "(default: both on the bundled corpus, textrank alone on yours)")
    report.add_argument("--at-once", type=int, default=None,
                        help="notebooks run side by side (default: 2 on two cores or more; 1 for a corpus too "
                             "large for two kernels' memory)")
    report.add_argument("--no-learned-outlets", action="store_true",
                        help="name no outlet where the rules, the URL and the metadata name none (default: a "
                             "learned choice among the names the page prints, said in attribution_basis)")
    commands.add_parser("kernel", help="register this checkout's kernel for JupyterLab; remove dead ones")
    args = parser.parse_args(argv)

    from .report import register_kernel, run_report

    if args.command == "kernel":
        register_kernel()
        return 0
    from .loading import CorpusError

    periods = [p.strip() for p in args.periods.split(",") if p.strip()] or None
    try:
        run_report(args.corpus or None, args.out, args.target, periods, errors=args.errors, progress=not args.quiet,
                   scheduler=args.scheduler, at_once=args.at_once, learned_outlets=False if args.no_learned_outlets else None,
                   baselines=[b.strip() for b in args.baselines.split(",") if b.strip()] or None)
    except CorpusError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyError as error:
        print(f"error: {error.args[0]}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
