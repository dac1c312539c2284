"""Syndicated copies: group near-duplicate articles into stories (``story_id``).

Why MinHash rather than SimHash: a repost usually keeps most of a wire story's paragraphs but
drops some, adds its own lead or chrome, or cuts the end. The question is "how much of the text do
two pages share", which is the Jaccard similarity of their sets of character shingles, and MinHash
estimates exactly that (with LSH to find candidate pairs without comparing every pair). SimHash
answers "are these two fingerprints a few bits apart", which works for near-identical pages but
degrades unpredictably when a copy is cut or extended. We use datasketch's MinHash and MinHashLSH
over 5-character shingles of the text folded to Simplified script with spaces and punctuation
removed, then confirm every candidate pair with its exact shingle overlap, so the groups do not
depend on the hashing's luck: two articles are copies when their Jaccard similarity is at least
``JACCARD`` or one contains at least ``CONTAINMENT`` of the other's shingles.
"""

from __future__ import annotations

import re
import zlib
from functools import lru_cache

import pandas as pd

from ..scripts import fold

SHINGLE = 5
#: 64 permutations suffice: LSH only proposes candidates, and every candidate pair is then checked exactly.
NUM_PERM = 64
#: LSH threshold for candidates (lower than the confirmation thresholds, so few copies are missed).
CANDIDATE_JACCARD = 0.3
JACCARD = 0.5
CONTAINMENT = 0.8
_KEEP = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """Return the set of ``size``-character shingles of a text's letters, digits and CJK characters.

    >>> sorted(shingles("奥特曼 回归!", 3))
    ['奥特曼', '曼回归', '特曼回']
    """
    chars = "".join(_KEEP.findall(fold(text).casefold()))
    if len(chars) <= size:
        return {chars} if chars else set()
    return {chars[i:i + size] for i in range(len(chars) - size + 1)}


@lru_cache(maxsize=1)
def _permutations():
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1).permutations


def _minhash(items: set[str]):
    from datasketch import MinHash

    # crc32 is deterministic across runs and fast; the permutations are drawn once (seed 1)
    signature = MinHash(num_perm=NUM_PERM, hashfunc=zlib.crc32, permutations=_permutations(), scheme="affine32")
    if items:
        signature.update_batch([s.encode("utf-8") for s in sorted(items)])
    return signature


def story_ids(ids: list[str], texts: list[str]) -> list[str]:
    """Return a story id per article: copies share the id of the group's first article (in the
    given order); an article with no copy keeps its own id."""
    from datasketch import MinHashLSH

    sets = [shingles(t) for t in texts]
    lsh = MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=NUM_PERM)
    signatures = []
    for i, items in enumerate(sets):
        signature = _minhash(items)
        signatures.append(signature)
        if items:
            lsh.insert(str(i), signature)
    parent = list(range(len(ids)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, items in enumerate(sets):
        if not items:
            continue
        for key in sorted(lsh.query(signatures[i]), key=int):
            j = int(key)
            if j <= i:
                continue
            shared = len(items & sets[j])
            jaccard = shared / len(items | sets[j])
            containment = shared / min(len(items), len(sets[j]))
            if jaccard >= JACCARD or containment >= CONTAINMENT:
                a, b = root(i), root(j)
                parent[max(a, b)] = min(a, b)
    return [ids[root(i)] for i in range(len(ids))]


def syndication_summary(corpus: pd.DataFrame) -> pd.DataFrame:
    """Return one row per story with copies: story_id, copies (articles in the group), the
    article_ids and outlets (sorted, joined by ``; ``), and the first and last publication time.

    ``corpus.attrs["syndication"]`` holds the totals: stories, articles, groups with copies and
    the copies beyond the first of each group.
    """
    columns = ["story_id", "copies", "article_ids", "outlets", "first_published", "last_published"]
    if "story_id" not in corpus or corpus.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for story, group in corpus.groupby("story_id", sort=True):
        if len(group) < 2:
            continue
        outlets = sorted({str(o) for o in group["outlet"] if isinstance(o, str) and o})
        rows.append((story, len(group), "; ".join(sorted(group["article_id"])), "; ".join(outlets),
                     group["published"].min(), group["published"].max()))
    return pd.DataFrame(rows, columns=columns).sort_values(["copies", "story_id"], ascending=[False, True],
                                                           kind="stable").reset_index(drop=True)


def syndication_totals(story: pd.Series) -> dict[str, int]:
    """Return the counts that ``corpus.attrs["syndication"]`` reports."""
    sizes = story.value_counts()
    return {"articles": int(len(story)), "stories": int(len(sizes)), "groups_with_copies": int((sizes > 1).sum()),
            "copies": int((sizes[sizes > 1] - 1).sum()) if len(sizes) else 0}

