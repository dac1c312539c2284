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
``JACCARD`` or one contains at least ``CONTAINMENT`` of the other's shingles. A story is a connected
group of confirmed pairs, so a candidate pair already joined through other copies needs no check:
a wire story copied by a thousand sites costs a thousand checks, not half a million.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..scripts import code_points, fold

SHINGLE = 5
#: 64 permutations suffice: LSH only proposes candidates, and every candidate pair is then checked exactly.
NUM_PERM = 64
#: LSH threshold for candidates (lower than the confirmation thresholds, so few copies are missed).
CANDIDATE_JACCARD = 0.3
JACCARD = 0.5
CONTAINMENT = 0.8
_DROP = re.compile(r"[^\u3400-\u9fffA-Za-z0-9]+")


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """Return the set of ``size``-character shingles of a text's letters, digits and CJK characters.

    >>> sorted(shingles("奥特曼 回归!", 3))
    ['奥特曼', '曼回归', '特曼回']
    """
    chars = _DROP.sub("", fold(text).casefold())
    if len(chars) <= size:
        return {chars} if chars else set()
    return {chars[i:i + size] for i in range(len(chars) - size + 1)}


@lru_cache(maxsize=1)
def _permutations():
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1).permutations


def _minhash(items: set[str]):
    """Return the datasketch MinHash of a set of shingles (crc32 of each shingle's UTF-8, 64 permutations)."""
    from datasketch import MinHash

    # crc32 is deterministic across runs and fast; the permutations are drawn once (seed 1)
    signature = MinHash(num_perm=NUM_PERM, hashfunc=zlib.crc32, permutations=_permutations(), scheme="affine32")
    if items:
        signature.update_batch([s.encode("utf-8") for s in items])
    return signature


def _signature(items: set[str]) -> np.ndarray:
    """Return ``_minhash(items).hashvalues``, computed here in one vector operation per set.

    datasketch's ``update_batch`` goes through a Python call per shingle before its own vector step;
    this is that step (MurmurHash3's finalizer, then ``a * h + b`` modulo 2**32, the minimum per
    permutation) on the crc32 values. A test checks that the two agree.
    """
    return _permuted_min(np.array([zlib.crc32(s.encode("utf-8")) for s in items], dtype=np.uint32))


@lru_cache(maxsize=1)
def _bands() -> list[tuple[int, int]]:
    """Return the (start, end) of the signature's bands in ``MinHashLSH(threshold=CANDIDATE_JACCARD)``
    (choosing them takes datasketch a numerical integration, so it is done once)."""
    from datasketch import MinHashLSH

    return MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=NUM_PERM).hashranges


def _band_buckets(signatures: list[np.ndarray | None]) -> list[list[int]]:
    """Return the buckets of LSH candidates: lists (ascending) of two or more articles whose MinHash
    signatures agree on a whole band of ``MinHashLSH(threshold=CANDIDATE_JACCARD)``.

    Two articles share a bucket exactly when a ``MinHashLSH`` query for one would return the other;
    reading the bands once costs time linear in the corpus, where a query per article returns (and
    costs) every member of its story. Articles without shingles (signature None) are never candidates.
    """
    buckets = []
    for start, end in _bands():
        band: dict[bytes, list[int]] = defaultdict(list)
        for i, signature in enumerate(signatures):
            if signature is not None:
                band[signature[start:end].tobytes()].append(i)
        buckets += [members for members in band.values() if len(members) > 1]
    return buckets


#: Shingle keys are unsigned integers of this many bits (``_window_keys``).
MAX_KEY_BITS = 64
#: The code points a shingle can hold (``_DROP`` keeps CJK up to U+9FFF and ASCII letters and digits).
_CODES = 0xA000
#: A shingle's UTF-8 is at most this long (five characters of three bytes).
_MAX_BYTES = 3 * SHINGLE


@lru_cache(maxsize=1)
def _crc_tables() -> tuple[np.ndarray, np.ndarray]:
    """Return ``(placed, empty)``: the crc32 of any shingle is ``empty[its bytes]`` XOR, for each of its
    characters, ``placed[bytes after it in the shingle, its code point]``.

    crc32 is affine over GF(2): the crc of a message is the crc of as many zero bytes XOR the
    table-driven remainder of the message started from 0, which is the XOR of each character's
    remainder (its UTF-8 followed by the bytes after it, as zeros). ``placed[k, c]`` is that remainder
    for character ``c`` followed by ``k`` zero bytes; ``empty[n]`` is ``zlib.crc32(bytes(n))``.
    """
    step_table = np.arange(256, dtype=np.uint32)
    for _ in range(8):  # the reflected CRC-32 table (polynomial 0xEDB88320), as zlib builds it
        step_table = np.where(step_table & 1, (step_table >> 1) ^ np.uint32(0xEDB88320), step_table >> 1)

    def step(state: np.ndarray, byte) -> np.ndarray:
        return step_table[(state ^ byte) & 0xFF] ^ (state >> 8)

    codes = np.arange(_CODES, dtype=np.uint32)
    one_byte = codes < 0x80  # ASCII; every other kept character (CJK) takes three bytes
    state = step(np.zeros(_CODES, dtype=np.uint32), np.where(one_byte, codes, 0xE0 | (codes >> 12)))
    three = step(step(state, 0x80 | ((codes >> 6) & 0x3F)), 0x80 | (codes & 0x3F))
    state = np.where(one_byte, state, three)
    placed = [state]
    for _ in range(_MAX_BYTES - 1):
        placed.append(step(placed[-1], 0))
    empty = np.array([zlib.crc32(bytes(n)) for n in range(_MAX_BYTES + 1)], dtype=np.uint32)
    return np.concatenate(placed), empty


def _codes(text: str) -> np.ndarray:
    """Return the code points (uint32) of the characters ``shingles`` cuts ``text`` into: those that
    ``_DROP`` keeps, picked by a mask over the code points (a regular expression's substitution took
    a quarter of grouping's time)."""
    codes = code_points(fold(text).casefold())
    kept = (codes >= 0x3400) & (codes <= 0x9FFF)
    kept |= (codes >= 0x30) & (codes <= 0x39)
    letters = codes | 0x20  # ASCII upper case to lower case; nothing else lands in a-z
    kept |= (letters >= 0x61) & (letters <= 0x7A) & (codes < 0x80)
    return codes[kept]


def _shingle_crcs(codes: np.ndarray) -> np.ndarray:
    """Return the crc32 of the UTF-8 of every ``SHINGLE``-character window of ``codes`` (at least
    ``SHINGLE`` of them), in order: ``zlib.crc32(shingle.encode("utf-8"))`` for each, computed at once."""
    placed, empty = _crc_tables()
    widths = np.where(codes < 0x80, 1, 3)
    count = len(codes) - SHINGLE + 1
    crcs = np.zeros(count, dtype=np.uint32)
    after = np.zeros(count, dtype=np.int64)  # bytes after the character in its shingle, from the last back
    for j in range(SHINGLE - 1, -1, -1):
        crcs ^= placed[after * _CODES + codes[j:j + count]]
        after += widths[j:j + count]
    return crcs ^ empty[after]


def _permuted_min(crcs: np.ndarray) -> np.ndarray:
    """Return the MinHash signature of a set of crc32 values (any repeats do not change a minimum)."""
    from datasketch.minhash import _fmix

    a, b = _permutations()
    permuted = np.multiply.outer(a, _fmix(crcs, 32))  # one row per permutation: the row's minimum is contiguous
    permuted += b.reshape(-1, 1)
    return permuted.min(axis=1)


def _are_copies(a, b) -> bool:
    """Return True when two shingle sets have Jaccard >= ``JACCARD`` or one contains ``CONTAINMENT`` of
    the other; a set is a Python set of shingles or a sorted array of distinct shingle keys."""
    shared = len(a & b) if isinstance(a, (set, frozenset)) else int(np.intersect1d(a, b, assume_unique=True).size)
    return shared / (len(a) + len(b) - shared) >= JACCARD or shared / min(len(a), len(b)) >= CONTAINMENT


def _window_keys(ranks: np.ndarray, radix: int) -> np.ndarray:
    """Return one integer per shingle of a text, the shingle's ``ranks`` (each character's rank in the
    corpus's alphabet, 1 to ``radix - 1``) read as the digits of a number in base ``radix``: two
    shingles have the same key exactly when they are the same characters (a text shorter than a
    shingle has one, shorter, key that no full shingle has, since those start with a digit of at least 1)."""
    count = max(len(ranks) - SHINGLE + 1, 1)
    keys = np.zeros(count, dtype=np.uint64)
    for j in range(min(SHINGLE, len(ranks))):
        keys = keys * np.uint64(radix) + ranks[j:j + count]
    return keys


class Fingerprint(NamedTuple):
    """What grouping needs of one text that does not depend on the rest of the corpus, computed where
    the text is cleaned (over the cores, when loading is): the MinHash signature of its shingles
    (``_signature(shingles(text))``; None when it has none). 256 bytes, whatever the text's length: the
    loader holds one per article, and the exact shingle sets are made only for the pairs checked."""

    signature: np.ndarray | None


def fingerprint(text: str) -> Fingerprint:
    """Return the ``Fingerprint`` of ``text``."""
    codes = _codes(text)
    if not len(codes):
        return Fingerprint(None)
    if len(codes) >= SHINGLE:
        crcs = _shingle_crcs(codes)  # repeated shingles repeat their crc: a minimum does not change
    else:
        crcs = np.array([zlib.crc32(codes.tobytes().decode("utf-32-le").encode("utf-8"))], dtype=np.uint32)
    return Fingerprint(_permuted_min(crcs))


def _set_maker(texts, positions):
    """Return a function that gives the exact shingle set of ``texts[i]`` for any ``i`` of
    ``positions``: the sorted array of its distinct shingle keys (``_window_keys``) when the alphabet of
    those texts is small enough for a key to fit 64 bits (up to 7,130 distinct characters, beyond what
    news in Chinese uses), else ``shingles(texts[i])``, a Python set.

    Two sets made by one maker meet exactly where the texts' shingles do (the keys are one-to-one on
    the shingles of those texts), which is all that confirming a pair asks of them.
    """
    present = np.zeros(_CODES, dtype=bool)
    for i in positions:
        present[_codes(texts[i])] = True
    radix = int(present.sum()) + 1
    if radix ** SHINGLE > 2 ** MAX_KEY_BITS:
        return lambda i: shingles(texts[i])
    rank = np.cumsum(present, dtype=np.uint64) * present

    def make(i: int) -> np.ndarray:
        codes = _codes(texts[i])
        if not len(codes):
            return np.zeros(0, dtype=np.uint64)
        keys = np.sort(_window_keys(rank[codes], radix))
        distinct = np.ones(len(keys), dtype=bool)
        np.not_equal(keys[1:], keys[:-1], out=distinct[1:])
        return keys[distinct]  # sorted, each key once (np.unique hashes first: slower here)

    return make


def _shingled(texts: list[str], fingerprints: list[Fingerprint] | None = None) -> tuple[list, list[np.ndarray | None]]:
    """Return each text's exact shingle set (as ``_set_maker`` makes them over all the texts, None when
    its keys would not fit) and MinHash signature (None when it has no shingle), from its
    ``fingerprint`` (computed here unless given)."""
    fingerprints = [fingerprint(text) for text in texts] if fingerprints is None else fingerprints
    make = _set_maker(texts, range(len(texts)))
    sets = [make(i) for i in range(len(texts))]
    return [s if isinstance(s, np.ndarray) else None for s in sets], [f.signature for f in fingerprints]


#: Exact shingle sets kept at once while grouping (the latest used; one is some 20 kB for a news
#: article): a set dropped is made again if a later pair needs it, so the groups do not depend on it.
SETS_KEPT = 2048


class _Sets:
    """The exact shingle sets of a corpus's articles, made when a pair first needs them (``make``), the
    ``SETS_KEPT`` latest used kept: grouping never holds every article's set."""

    def __init__(self, make, kept: int | None = None):
        self.make, self.kept, self.sets = make, SETS_KEPT if kept is None else kept, {}

    def __getitem__(self, i: int):
        found = self.sets.pop(i, None)
        if found is None:
            found = self.make(i)
            if len(self.sets) >= self.kept:
                del self.sets[next(iter(self.sets))]  # the least recently used
        self.sets[i] = found
        return found


class _Stories:
    """Union-find over article positions; a story's root is its smallest position (its first article)."""

    def __init__(self, size: int):
        self.parent = list(range(size))

    def root(self, i: int) -> int:
        """Return the position of the first article of ``i``'s story."""
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.root(i), self.root(j)
        self.parent[max(a, b)] = min(a, b)


def _confirm_bucket(members: list[int], sets: list, stories: _Stories, rejected: set) -> None:
    """Join the members of a bucket that are copies (``_are_copies``), checking a pair only when its
    articles are not yet in one story: each member is compared with the earlier members story by story,
    and one confirmed copy joins the whole story. ``rejected`` remembers pairs already found unlike."""
    earlier: dict[int, list[int]] = {}  # story root -> earlier members of this bucket in that story
    for member in members:
        joined = False
        for group in list(earlier.values()):
            if stories.root(group[0]) == stories.root(member):
                continue
            for other in group:
                if (other, member) not in rejected:
                    if _are_copies(sets[other], sets[member]):
                        stories.join(other, member)
                        joined = True
                        break
                    rejected.add((other, member))
        if not joined:
            # no story changed its root: the member joins its own group (regrouping every group after
            # each member made a bucket of thousands of copies quadratic)
            earlier.setdefault(stories.root(member), []).append(member)
            continue
        regrouped: dict[int, list[int]] = defaultdict(list)
        for group in earlier.values():
            regrouped[stories.root(group[0])] += group
        regrouped[stories.root(member)].append(member)
        earlier = regrouped


def story_ids(ids: list[str], texts, fingerprints: list[Fingerprint] | None = None) -> list[str]:
    """Return a story id per article: copies share the id of the group's first article (in the
    given order); an article with no copy keeps its own id.

    The groups are the connected components of the confirmed candidate pairs, whatever the order in
    which the pairs are checked. ``texts`` is a sequence (``texts[i]``: any object that gives each
    text by position, so that a loader need not make a list of them all); ``fingerprints`` may give
    each text's ``fingerprint``.
    """
    if fingerprints is None:
        fingerprints = [fingerprint(texts[i]) for i in range(len(ids))]
    buckets = _band_buckets([f.signature for f in fingerprints])
    sets = _Sets(_set_maker(texts, sorted({i for members in buckets for i in members})))
    stories = _Stories(len(ids))
    rejected: set[tuple[int, int]] = set()
    for members in buckets:
        _confirm_bucket(members, sets, stories, rejected)
    return [ids[stories.root(i)] for i in range(len(ids))]


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

