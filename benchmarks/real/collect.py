"""Collect real pages into ``$REAL_PAGES`` and the manifest, or check a folder against the manifest.

    python benchmarks/real/collect.py add BATCH.jsonl [BATCH.jsonl ...]   # new pages, or re-collected ones
    python benchmarks/real/collect.py check                               # what $REAL_PAGES lacks or changed

A batch is a JSON-lines file, one page a line, written by whoever collects (collect.md says how):
``{"url": ..., "excerpt": ..., "script": "Hans"|"Hant", "period": "2023"|"2024"|"other", "kind": ...,
"query": ...}``, the ``excerpt`` being the search tool's string for that page exactly as it returned it and
``query`` (optional) the search that returned it: it becomes the page's ``search_hint`` (else the story
words the page uses most), for whoever re-collects it, and a re-collected page takes it too; unless it may
copy page text (``quotes``: eight Chinese characters in a row of a page of the folder, or a sentence of
English), since the manifest holds none.

``add`` leaves out every page whose URL or any of whose sentences is listed in the holdout folder
(``--holdout``, by default ``../shared/holdout``), every page that names neither Altman nor OpenAI, and
pages shorter than 200 characters; a page already in the manifest is written to the folder only if its
text is the one the manifest records (otherwise it is reported as changed, and nothing is overwritten).
What was left out is listed with its reason (the URL hash, never the text).
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import json
import re
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from realset import (  # noqa: E402
    DEFAULT_HOLDOUT, MANIFEST, Holdout, hydrate, page_id, pages_folder, read_manifest, site_of,
    search_hint, text_sha256, write_manifest,
)

ABOUT_THE_STORY = re.compile(r"(?i)openai|altman|alman|奥特曼|奧特曼|阿尔特曼|阿爾特曼|奥尔特曼|奧爾特曼|阿特曼")
SCRIPTS = {"Hans", "Hant"}
PERIODS = {"2023", "2024", "other"}
MIN_LENGTH = 200


def add(batches: list[Path], folder: Path, manifest: Path, holdout: Holdout) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    # several collectors add at once: one lock per manifest, outside the repository
    lock = Path(tempfile.gettempdir()) / f"real-manifest-{hashlib.sha1(str(manifest.resolve()).encode()).hexdigest()[:12]}.lock"
    with lock.open("w") as lock_handle:
        fcntl.flock(lock_handle, fcntl.LOCK_EX)
        rows = read_manifest(manifest)
        by_id = {row["page_id"]: row for row in rows}
        by_hash = {row["sha256"]: row["page_id"] for row in rows}
        added = rehydrated = hinted = 0
        known: list[str] = []

        def collected() -> list[str]:  # every page in the folder (read once, then each one written): a hint may quote any
            if not known:
                known.extend(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt")))
            return known
        for batch in batches:
            for number, line in enumerate(batch.read_text(encoding="utf-8").split("\n"), 1):
                if not line.strip():
                    continue
                where = f"{batch}:{number}"
                try:
                    item = json.loads(line)
                    url, text = item["url"], item["excerpt"]
                except (json.JSONDecodeError, KeyError, TypeError) as error:
                    print(f"{where}: left out: not a JSON object with url and excerpt ({error})")
                    continue
                pid = page_id(url)
                digest = text_sha256(text)
                if pid in by_id:
                    if by_id[pid]["sha256"] == digest:
                        _write(folder / f"{pid}.txt", text)
                        if known:
                            known.append(text)
                        rehydrated += 1
                        query = _hint(item.get("query"), text, collected())
                        if query and by_id[pid]["search_hint"] != query:
                            by_id[pid]["search_hint"] = query  # a search seen to return it: where the next collector starts
                            hinted += 1
                    else:
                        print(f"{where}: {pid} changed: its text is not the one the manifest records; not written")
                    continue
                reason = holdout.reason_to_exclude(url, text)
                if reason is None and digest in by_hash:
                    reason = f"same text as {by_hash[digest]}"
                if reason is None and len(text) < MIN_LENGTH:
                    reason = f"shorter than {MIN_LENGTH} characters"
                if reason is None and not ABOUT_THE_STORY.search(text):
                    reason = "names neither Altman nor OpenAI"
                if reason is None and (item.get("script") not in SCRIPTS or str(item.get("period")) not in PERIODS):
                    reason = f"script must be one of {sorted(SCRIPTS)} and period one of {sorted(PERIODS)}"
                if reason:
                    print(f"{where}: {pid} left out: {reason}")
                    continue
                _write(folder / f"{pid}.txt", text)
                if known:
                    known.append(text)
                row = {"page_id": pid, "url": url, "sha256": digest, "length": str(len(text)),
                       "script": item["script"], "period": str(item["period"]), "site": site_of(url),
                       "kind": str(item.get("kind", "")), "part": "",
                       "search_hint": _hint(item.get("query"), text, collected()) or search_hint(text)}
                rows.append(row)
                by_id[pid] = row
                by_hash[digest] = pid
                added += 1
        write_manifest(rows, manifest)
    print(f"added {added} pages, re-collected {rehydrated} ({hinted} with a new search hint: the query that "
          f"returned them); the manifest lists {len(rows)}")
    return 0


def quotes(query: str, texts: list[str]) -> bool:
    """Whether ``query`` may copy page text: eight Chinese characters in a row of one of ``texts`` (the
    query's and the pages' Chinese characters compared without anything between them, so that a quote cut
    by spaces is caught, and so is a list of story words that runs as a page does), or six Latin words in
    a row at all (a sentence of English is a quote of something). The manifest holds no page text."""
    han = _han(query)
    if len(han) >= 8:
        pages = [_han(text) for text in texts]
        if any(han[i:i + 8] in page for i in range(len(han) - 7) for page in pages):
            return True
    return re.search(r"(?:[A-Za-z0-9'’.,]+\s+){5}[A-Za-z0-9'’]+", query) is not None


@lru_cache(maxsize=None)  # every page of the folder is compared with every query of a batch
def _han(text: str) -> str:
    """The Chinese characters of ``text``, nothing between them."""
    return re.sub(r"[^\u4e00-\u9fff]", "", text)


def _hint(query: object, text: str, texts: list[str]) -> str | None:
    """The query as a search hint, or None when there is none or it may copy page text (``quotes``)."""
    query = " ".join(str(query or "").split())
    return query if query and not quotes(query, [text, *texts]) else None


def _write(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(text)


def check(folder: Path, manifest: Path) -> int:
    rows = read_manifest(manifest)
    state = hydrate(folder, rows)
    print(f"{folder}: {state.summary(len(rows))}")
    for label, ids in (("missing", state.missing), ("changed", state.changed), ("not in the manifest", state.extra)):
        for pid in ids:
            url = next((row["url"] for row in rows if row["page_id"] == pid), "")
            print(f"  {label}: {pid} {url}")
    return 0 if not (state.missing or state.changed) else 1


def hints(folder: Path, manifest: Path) -> int:
    """Fill each present page's ``search_hint`` (words to start re-collecting it from)."""
    rows = read_manifest(manifest)
    present = hydrate(folder, rows).present
    for row in rows:
        if row["page_id"] in present:
            row["search_hint"] = search_hint(present[row["page_id"]])
    write_manifest(rows, manifest)
    print(f"search hints for {len(present)} of {len(rows)} pages")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", help="the folder of collected pages (default: $REAL_PAGES)")
    parser.add_argument("--manifest", default=str(MANIFEST))
    commands = parser.add_subparsers(dest="command", required=True)
    add_parser = commands.add_parser("add", help="collect the pages of batch files")
    add_parser.add_argument("batches", nargs="+", type=Path)
    add_parser.add_argument("--holdout", default=str(DEFAULT_HOLDOUT))
    commands.add_parser("check", help="check the folder against the manifest")
    commands.add_parser("hints", help="fill the search hints of the pages present")
    args = parser.parse_args(argv)
    folder = pages_folder(args.pages)
    if args.command == "add":
        return add(args.batches, folder, Path(args.manifest), Holdout.read(args.holdout))
    if args.command == "hints":
        return hints(folder, Path(args.manifest))
    return check(folder, Path(args.manifest))


if __name__ == "__main__":
    sys.exit(main())
