"""Pages a round's rules had not seen, and those rules run on them: what ``*_unseen.py`` measure with.

The rules of the package are fitted while reading the development pages, so their figure there says
little about a site they have not read. Each collection of new pages is a fresh look: the pages of the
manifest after a commit were never read by that commit's rules. ``pages_before`` lists the pages of a
commit's manifest; ``each_page_at`` reads every page with that commit's package (a temporary worktree,
a subprocess) and returns, per page, what an expression of its text gives.
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


#: The subprocess: every page of the payload (id -> text) read by ``{expression}``, the results as JSON.
_EACH_PAGE = """
import json, sys, warnings
{imports}
pages = json.load(sys.stdin)
out = {{}}
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    for page_id, text in pages.items():
        out[page_id] = {expression}
print(json.dumps(out))
"""


def each_page_at(commit: str, imports: str, expression: str, pages: dict[str, str]) -> dict:
    """Return, for each page (id -> text), what ``expression`` (of ``text``, after ``imports``) gives when
    run with the package of ``commit``, read back from JSON."""
    snippet = _EACH_PAGE.format(imports=imports, expression=expression)
    with tempfile.TemporaryDirectory() as folder:
        worktree = Path(folder) / "rules"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(worktree), commit], check=True)
        try:
            done = subprocess.run([sys.executable, "-c", snippet], input=json.dumps(pages), capture_output=True,
                                  text=True, check=True, cwd=worktree, env={"PYTHONPATH": str(worktree), "PATH": ""})
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(worktree)], check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])
