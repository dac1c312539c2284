"""Split the real set once into a development part and a test part, by story and by site.

    python benchmarks/real/split.py [--test-share 0.3]

Pages are joined into groups that must fall on the same side: pages of one site, and copies of one
story (pages that share two sentences of 20 characters or more, or whose 5-character shingles overlap by a
Jaccard of 0.3 or more: syndicated and reposted copies). Each group goes to the test part when the
SHA-256 of its smallest page id, read as a fraction, falls below the test share: a fixed, reproducible
draw that no one chose page by page. Only pages without a part are assigned; a part once written is
never changed (the split is made once, and later additions join the side their group is on, or draw).
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from realset import hydrate, page_sentences, pages_folder, read_manifest, sentence_key, write_manifest  # noqa: E402

SHINGLE, JACCARD, LONG_SENTENCE, SHARED_SENTENCES = 5, 0.3, 20, 2


def _shingles(text: str) -> set[str]:
    flat = re.sub(r"\s+", "", text)
    return {flat[i:i + SHINGLE] for i in range(max(1, len(flat) - SHINGLE + 1))}


def groups(rows: list[dict[str, str]], pages: dict[str, str]) -> dict[str, str]:
    """Each page's group: the smallest page id of its connected set of same-site and same-story pages."""
    parent = {row["page_id"]: row["page_id"] for row in rows}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    by_site: dict[str, str] = {}
    for row in rows:
        first = by_site.setdefault(row["site"], row["page_id"])
        union(first, row["page_id"])
    pages_of: dict[str, set[str]] = {}
    for pid, text in sorted(pages.items()):
        for _, sentence in page_sentences(text):
            if len(sentence) >= LONG_SENTENCE:
                pages_of.setdefault(sentence_key(sentence), set()).add(pid)
    shared: dict[tuple[str, str], int] = {}
    for holders in pages_of.values():
        ordered = sorted(holders)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                shared[a, b] = shared.get((a, b), 0) + 1
    for (a, b), count in sorted(shared.items()):
        if count >= SHARED_SENTENCES:  # one quoted statement alone does not make two pages one story
            union(a, b)
    shingles = {pid: _shingles(text) for pid, text in pages.items()}
    ids = sorted(shingles)
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            sa, sb = shingles[a], shingles[b]
            if len(sa & sb) >= JACCARD * len(sa | sb):
                union(a, b)
    return {pid: find(pid) for pid in parent}


def draw(group: str, test_share: float) -> str:
    fraction = int(hashlib.sha256(group.encode()).hexdigest()[:8], 16) / 16 ** 8
    return "test" if fraction < test_share else "dev"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages")
    parser.add_argument("--test-share", type=float, default=0.3)
    args = parser.parse_args(argv)
    rows = read_manifest()
    pages = hydrate(pages_folder(args.pages), rows).present
    if len(pages) < len(rows):
        raise SystemExit(f"only {len(pages)} of {len(rows)} pages are present: the split needs them all")
    group_of = groups(rows, pages)
    part_of_group = {group_of[r["page_id"]]: r["part"] for r in rows if r["part"]}
    for row in rows:
        if not row["part"]:
            group = group_of[row["page_id"]]
            row["part"] = part_of_group.setdefault(group, draw(group, args.test_share))
    write_manifest(rows)
    sizes: dict[str, int] = {}
    for group in group_of.values():
        sizes[group] = sizes.get(group, 0) + 1
    counts = {part: sum(1 for r in rows if r["part"] == part) for part in ("dev", "test")}
    print(f"{len(sizes)} groups (largest {max(sizes.values())} pages); {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
