"""The real development set: its manifest, the hydrated pages, and the keys the gold uses.

The page text never enters the repository. ``manifest.csv`` holds, per page, its address, the SHA-256
and length of the text as collected, its script, period, site and kind, and the part of the split it
belongs to; ``$REAL_PAGES`` (a folder outside the repository) holds the text, one ``PAGE_ID.txt`` per
page, re-collected as ``collect.md`` describes. Gold files key pages by ``page_id``, lines by their
1-based number over ``text.split("\\n")``, and sentences by :func:`sentence_key`, so that no gold file
holds the text.

Everything here reads and checks; nothing downloads.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "manifest.csv"
MANIFEST_COLUMNS = ("page_id", "url", "sha256", "length", "script", "period", "site", "kind", "part", "search_hint")
DEFAULT_HOLDOUT = HERE.parents[2] / "shared" / "holdout"

_WHITESPACE = re.compile(r"\s+")
# A sentence ends at 。!?!?; or … , with any closing quotes or brackets that follow it. The gold keys
# sentences by this splitter of its own, not the package's: a key must not move when the code it measures does.
_SENTENCE = re.compile(r"[^。!?!?;;…]*(?:[。!?!?;;]+|…+|$)[”’」』\"')）】]*")


def page_id(url: str) -> str:
    """The page's id in the manifest and the folder: ``p`` and the first 12 hex digits of its URL's SHA-256."""
    return "p" + hashlib.sha256(url.encode("utf-8")).hexdigest()[:12]


def text_sha256(text: str) -> str:
    """The SHA-256 (hex) of the page text as collected, UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sentence_key(sentence: str) -> str:
    """The SHA-1 (hex) of a sentence with all whitespace removed, as the holdout list keys sentences.

    >>> sentence_key("奥特曼 重返 OpenAI。") == sentence_key("奥特曼重返OpenAI。")
    True
    """
    return hashlib.sha1(_WHITESPACE.sub("", sentence).encode("utf-8")).hexdigest()


def site_of(url: str) -> str:
    """The site a URL belongs to: its host without ``www.``, a trailing dot or a port.

    >>> site_of("https://www.ctwant.com./article/322763")
    'ctwant.com'
    """
    host = urlsplit(url).hostname or ""
    host = host.rstrip(".")
    return host[4:] if host.startswith("www.") else host


def split_sentences(line: str) -> list[str]:
    """The sentences of one line, stripped, in order (a line with no end mark is one sentence).

    >>> split_sentences("奥特曼回归。董事会改组!“我们回来了。”他说")
    ['奥特曼回归。', '董事会改组!', '“我们回来了。”', '他说']
    """
    return [s.strip() for s in _SENTENCE.findall(line) if s.strip()]


def page_sentences(text: str) -> list[tuple[int, str]]:
    """Every sentence of a page with its 1-based line number over ``text.split("\\n")``."""
    return [(number, s) for number, line in enumerate(text.split("\n"), 1) for s in split_sentences(line)]


def candidate_keys(text: str) -> set[str]:
    """Keys of every segment a held-out sentence list may have cut from this page: lines and sentences."""
    keys = set()
    for line in text.split("\n"):
        if line.strip():
            keys.add(sentence_key(line))
        for sentence in split_sentences(line):
            keys.add(sentence_key(sentence))
            keys.add(sentence_key(sentence.rstrip("”’」』\"')）】")))
    return keys


#: Words a search for the page can start from: names and event words of the story, in both scripts.
HINT_WORDS = re.compile(
    r"奥特曼|奧特曼|阿尔特曼|阿爾特曼|奥尔特曼|奧爾特曼|阿特曼|Sam Altman|Altman|穆拉蒂|穆拉提|Murati|苏茨克维|蘇茨克維|Sutskever|"
    r"布罗克曼|布羅克曼|Brockman|纳德拉|納德拉|Nadella|马斯克|馬斯克|Musk|托纳|托納|Toner|Leike|McGrew|Zoph|微软|微軟|董事会|董事會|"
    r"罢免|解雇|解僱|开除|開除|炒鱿鱼|炒魷魚|回归|回歸|复职|復職|离职|離職|辞职|辭職|联名信|聯名信|宫斗|宮鬥|政变|政變|起诉|起訴|"
    r"调查|調查|超级对齐|超級對齊|营利|營利|股权|股權|融资|融資|声音|聲音|道歉|后悔|後悔", re.IGNORECASE)


def search_hint(text: str, k: int = 6) -> str:
    """The ``k`` story words the page uses most (names as it spells them, event words), space-separated:
    a query to start re-collecting it from, made of our own vocabulary, not of the page's sentences.

    >>> search_hint("奥特曼被开除。微软聘请奥特曼。" * 2, k=3)
    '奥特曼 开除 微软'
    """
    counts: dict[str, int] = {}
    for match in HINT_WORDS.finditer(text):
        counts[match.group()] = counts.get(match.group(), 0) + 1
    return " ".join(word for word, _ in sorted(counts.items(), key=lambda item: (-item[1], text.find(item[0])))[:k])


@dataclass
class Holdout:
    """The held-out pages' URL hashes and sentence hashes (``../shared/holdout/``)."""

    url_hashes: set[str] = field(default_factory=set)
    sentence_hashes: set[str] = field(default_factory=set)

    @classmethod
    def read(cls, folder: Path | str = DEFAULT_HOLDOUT) -> "Holdout":
        folder = Path(folder)
        if not (folder / "urls.sha256").exists():
            raise FileNotFoundError(f"{folder}: no urls.sha256 (the holdout lists); pass --holdout")

        def hashes(name: str) -> set[str]:
            path = folder / name
            return {line.strip() for line in path.read_text(encoding="utf-8").split("\n") if line.strip()}

        return cls(hashes("urls.sha256"), hashes("sentences.sha1"))

    def reason_to_exclude(self, url: str, text: str) -> str | None:
        """Why the page must be left out (its URL or one of its sentences is held out), or None."""
        if hashlib.sha256(url.encode("utf-8")).hexdigest() in self.url_hashes:
            return "URL is held out"
        shared = candidate_keys(text) & self.sentence_hashes
        if shared:
            return f"{len(shared)} held-out sentence(s)"
        return None


def read_manifest(path: Path | str = MANIFEST) -> list[dict[str, str]]:
    """The manifest's rows as dicts (every value a string), in file order."""
    path = Path(path)
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_manifest(rows: list[dict[str, str]], path: Path | str = MANIFEST) -> None:
    """Write the manifest sorted by page id, so that additions diff cleanly."""
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=MANIFEST_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in sorted(rows, key=lambda r: r["page_id"]):
            writer.writerow({column: row.get(column, "") for column in MANIFEST_COLUMNS})


def pages_folder(folder: Path | str | None = None) -> Path:
    """The folder of hydrated pages: ``folder``, else ``$REAL_PAGES``; raises if neither is set."""
    value = folder or os.environ.get("REAL_PAGES")
    if not value:
        raise SystemExit("set REAL_PAGES to the folder of collected pages (see benchmarks/real/collect.md)")
    return Path(value)


@dataclass
class Hydration:
    """What a folder holds of the manifest: pages present and unchanged, missing, changed, and extra files."""

    present: dict[str, str]
    missing: list[str]
    changed: list[str]
    extra: list[str]

    def summary(self, total: int) -> str:
        return (f"{len(self.present)} of {total} pages present and unchanged; "
                f"{len(self.missing)} missing, {len(self.changed)} changed, {len(self.extra)} not in the manifest")


def read_page(path: Path) -> str:
    """A collected page's text exactly as written (UTF-8, line ends untouched)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return handle.read()


def hydrate(folder: Path | str, rows: list[dict[str, str]]) -> Hydration:
    """Check ``folder`` against the manifest ``rows``: every page's text whose SHA-256 and length match."""
    folder = Path(folder)
    present, missing, changed = {}, [], []
    for row in rows:
        path = folder / f"{row['page_id']}.txt"
        if not path.exists():
            missing.append(row["page_id"])
            continue
        text = read_page(path)
        if text_sha256(text) != row["sha256"] or len(text) != int(row["length"]):
            changed.append(row["page_id"])
        else:
            present[row["page_id"]] = text
    known = {row["page_id"] for row in rows}
    extra = sorted(p.stem for p in folder.glob("*.txt") if p.stem not in known) if folder.exists() else []
    return Hydration(present, missing, changed, extra)
