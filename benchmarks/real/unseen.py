"""Pages a round's rules had not seen, and those rules run on them: what ``*_unseen.py`` measure with.

The rules of the package are fitted while reading the development pages, so their figure there says
little about a site they have not read. Each collection of new pages is a fresh look: the pages of the
manifest after a commit were never read by that commit's rules. ``pages_before`` lists the pages of a
commit's manifest; ``run_at`` runs a snippet of Python with that commit's package (a temporary
worktree, a subprocess) on a JSON payload and returns what it prints as JSON.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def pages_before(commit: str) -> set[str]:
    """Return the page ids of the manifest at ``commit``."""
    text = subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:benchmarks/real/manifest.csv"],
                          capture_output=True, text=True, check=True).stdout
    return {row["page_id"] for row in csv.DictReader(text.splitlines())}


def run_at(commit: str, snippet: str, payload: object) -> object:
    """Return the JSON that ``snippet`` prints last when run with the package of ``commit`` (``payload``
    on its standard input, as JSON)."""
    with tempfile.TemporaryDirectory() as folder:
        worktree = Path(folder) / "rules"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(worktree), commit], check=True)
        try:
            done = subprocess.run([sys.executable, "-c", snippet], input=json.dumps(payload), capture_output=True,
                                  text=True, check=True, cwd=worktree, env={"PYTHONPATH": str(worktree), "PATH": ""})
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(worktree)], check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])
