"""Load a folder of scraped articles into one tidy table: decode, clean, join the metadata.

A folder may hold an ``articles.csv`` (columns ``article_id`` and ``file``, and any of ``title``,
``outlet``, ``original_source``, ``url``, ``published``, ``date_basis``); values it leaves empty,
and every value for files it does not list, are read from the page text.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
import warnings
from pathlib import Path

import pandas as pd

from . import cache
from .cleaning import _DATETIME, CleanedPage, clean_page, count_chars
from .parallel import default_workers, map_in_chunks
from .paths import ARTICLES_CSV, RAW_DIR
from .scripts import fold

TIMEZONE = "Asia/Shanghai"
METADATA_FIELDS = ("title", "outlet", "original_source", "url", "published", "date_basis")
COLUMNS = [
    "article_id", "file", "sha256", "title", "outlet", "original_source", "source", "url", "published",
    "date_basis", "metadata_basis", "encoding", "chars_raw", "chars_clean", "chars_removed",
    "text", "removed",
]
_ALLOWED_CONTROLS = set("\t\n\r\f\v")
_URL_LINE = re.compile(r"(本文链接|原文链接|原文地址|来源网址|本文地址)\s*[:：]\s*(?P<url>https?://\S+)")
_CREDITED = re.compile(r"(来自|来源)\s*[:：]\s*(?P<src>[^|｜\s]+)|本文由(?P<by>[^,，。\s]+?)(发布|原创|授权)")
_CREDIT_NAME = re.compile(r"(?P<name>.+?)(报道|讯|编辑部|编译|出品|撰文)\s*[:：]?$")
_AUTHOR = re.compile(r"作者\s*[:：]\s*(?P<name>\S+)")


class CorpusError(ValueError):
    """A file that cannot be loaded; ``file`` and ``reason`` say which and why."""

    def __init__(self, file: str | Path, reason: str):
        self.file = str(file)
        self.reason = reason
        super().__init__(f"{self.file}: {reason}")


class CorpusWarning(UserWarning):
    """Issued for each file skipped by ``load_corpus(errors="skip")``."""


def decode(data: bytes, file: str | Path = "<bytes>") -> tuple[str, str]:
    """Return ``(text, encoding)`` for the bytes of a text file; line breaks become ``\\n``.

    Accepts UTF-8 with or without BOM, UTF-16 with BOM, and GB18030 (which includes GBK and
    GB2312). Raises ``CorpusError`` for empty, binary or undecodable input.

    >>> decode("奥特曼\\r\\n回归".encode("gbk"))
    ('奥特曼\\n回归', 'gb18030')
    """
    if not data.strip():
        raise CorpusError(file, "empty file")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    elif data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif b"\x00" in data:
        raise CorpusError(file, "binary file (contains NUL bytes), not text")
    else:
        candidates = ["utf-8", "gb18030"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        break
    else:
        raise CorpusError(file, f"not text: cannot be decoded as {' or '.join(candidates)}")
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS)
    if controls > max(2, len(text) // 100):
        raise CorpusError(file, f"binary file, not text ({controls} control characters)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise CorpusError(file, "empty file (whitespace only)")
    return text, "utf-8" if encoding == "utf-8-sig" else encoding


def to_beijing(value: object) -> pd.Timestamp:
    """Return ``value`` as a Timestamp in Beijing time (naive values are taken to be Beijing time)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return pd.NaT
    stamp = pd.Timestamp(value)
    if pd.isna(stamp):
        return pd.NaT
    return stamp.tz_localize(TIMEZONE) if stamp.tzinfo is None else stamp.tz_convert(TIMEZONE)


def _page_metadata(page: CleanedPage) -> dict[str, object]:
    """Return title, outlet, original source, url and publication time as the page prints them."""
    meta: dict[str, object] = {"title": page.title, "outlet": None, "original_source": None, "url": None}
    meta["published"], meta["date_basis"] = pd.NaT, "missing: the page prints no date"
    for line in page.byline:
        folded = fold(line)
        found = _DATETIME.search(folded)
        if found and pd.isna(meta["published"]):
            parts = {k: int(v) for k, v in found.groupdict().items() if v is not None}
            try:
                meta["published"] = pd.Timestamp(
                    year=parts["y"], month=parts["m"], day=parts["d"],
                    hour=parts.get("H", 0), minute=parts.get("M", 0), second=parts.get("S", 0),
                ).tz_localize(TIMEZONE)
                meta["date_basis"] = "page"
            except ValueError:
                pass
            before = re.sub(r"(更新时间|发布时间|发表时间|时间)\s*[:：]?", "", line[: found.start()])
            outlet = before.strip(" |｜-—:：")
            if outlet and meta["outlet"] is None:
                meta["outlet"] = outlet
        elif not found and meta["outlet"] is None:
            meta["outlet"] = line.split()[0]
            if pd.isna(meta["published"]):
                meta["date_basis"] = f"missing: the page prints only {line!r}"
        author = _AUTHOR.search(line)
        if author and meta["outlet"] is None:
            meta["outlet"] = author["name"]
        credited = _CREDITED.search(line)
        if credited and meta["original_source"] is None:
            meta["original_source"] = credited["src"] or credited["by"]
    for removal in page.removed:
        if removal.kind not in ("share_copyright", "byline", "tags", "disclaimer"):
            continue
        url = _URL_LINE.search(removal.text)
        if url and meta["url"] is None:
            meta["url"] = url["url"]
        credited = _CREDITED.search(removal.text)
        if credited and credited["by"] and meta["original_source"] is None:
            meta["original_source"] = credited["by"]
    outlet = str(meta["outlet"] or "")
    for line in page.credits:
        name = _CREDIT_NAME.match(line)
        if name and meta["original_source"] is None and not (outlet and name["name"].startswith(outlet[:2])):
            meta["original_source"] = re.sub(r"\(.*?\)|（.*?）", "", name["name"]).strip()
    return meta


def _citation(outlet: object, original: object) -> str | None:
    if not outlet:
        return original or None
    return f"{outlet}, from {original}" if original and original != outlet else str(outlet)


def load_article(path: str | Path, article_id: str | None = None, metadata: dict | None = None) -> dict:
    """Return one article as a dict of the corpus columns; raise ``CorpusError`` if it is unusable.

    The result is cached on disk, keyed by the file's content hash (``sha256``), its name, its id
    and its metadata (see ``corpus_tools.cache``)."""
    data, key, sha256, article_id, metadata = _read(Path(path), article_id, metadata)
    article = cache.load("loading.article", key)
    if article is None:
        article = _article(data, Path(path), article_id, metadata)
        cache.store("loading.article", key, article)
    return {**article, "sha256": sha256}


def _read(path: Path, article_id: str | None, metadata: dict | None) -> tuple[bytes, str, str, str, dict]:
    """Return a file's bytes, its cache key, its SHA-256, its id and its metadata fields."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CorpusError(path, f"cannot be read ({error.strerror or error})") from None
    sha256 = hashlib.sha256(data).hexdigest()
    article_id = article_id or path.stem
    metadata = {k: v for k, v in (metadata or {}).items() if k in METADATA_FIELDS}
    key = cache.content_key("article", sha256, path.name, article_id, sorted(metadata.items()))
    return data, key, sha256, article_id, metadata


def _article_or_error(data: bytes, path: Path, article_id: str, metadata: dict) -> dict | tuple[str, str]:
    """Return ``_article``, or the ``(file, reason)`` of its ``CorpusError`` (one dask task's work:
    a worker hands back the error as data)."""
    try:
        return _article(data, path, article_id, metadata)
    except CorpusError as error:
        return error.file, error.reason


def _article(data: bytes, path: Path, article_id: str, metadata: dict) -> dict:
    """Return the article in ``data`` (the bytes of ``path``) as a dict of the corpus columns."""
    text, encoding = decode(data, path)
    page = clean_page(text)
    if not page.text.strip():
        raise CorpusError(path, "nothing left after cleaning (the page is all chrome)")
    meta = _page_metadata(page)
    basis = "page"
    for key, value in (metadata or {}).items():
        if key in METADATA_FIELDS and value not in (None, ""):
            meta[key] = value
            basis = "articles.csv"
    try:
        meta["published"] = to_beijing(meta["published"])
    except (ValueError, TypeError):
        raise CorpusError(path, f"articles.csv gives an unreadable date {meta['published']!r}") from None
    chars_clean = count_chars(page.text)
    chars_raw = count_chars(text)
    return {
        "article_id": article_id,
        "file": path.name,
        **{k: meta.get(k) for k in ("title", "outlet", "original_source")},
        "source": _citation(meta.get("outlet"), meta.get("original_source")),
        "url": meta.get("url"),
        "published": meta["published"],
        "date_basis": meta["date_basis"],
        "metadata_basis": basis,
        "encoding": encoding,
        "chars_raw": chars_raw,
        "chars_clean": chars_clean,
        "chars_removed": chars_raw - chars_clean,
        "text": page.text,
        "removed": tuple(page.removed),
    }


def _read_metadata(csv_path: Path) -> pd.DataFrame:
    try:
        table = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    except (OSError, ValueError, UnicodeDecodeError) as error:
        raise CorpusError(csv_path, f"unreadable metadata table ({error})") from None
    missing = {"article_id", "file"} - set(table.columns)
    if missing:
        raise CorpusError(csv_path, f"metadata table lacks the column(s) {', '.join(sorted(missing))}")
    return table


def _articles_in(folder: Path, csv_path: Path | None) -> list[tuple[Path, str, dict]]:
    """Return (file, article_id, metadata) for every article, listed files first, sorted by file name."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".txt")
    listed: dict[str, tuple[str, dict]] = {}
    if csv_path is not None and csv_path.exists():
        for row in _read_metadata(csv_path).to_dict("records"):
            listed[row["file"]] = (row["article_id"], row)
    entries = [(folder / name, article_id, row) for name, (article_id, row) in sorted(listed.items())]
    entries += [(p, p.stem, {}) for p in files if p.name not in listed]
    return entries


#: Bytes of files not yet cached above which they are decoded and cleaned over every core.
PARALLEL_BYTES = 1_000_000


def _load_all(entries: list[tuple[Path, str, dict]]) -> list[tuple[Path, str, dict | CorpusError]]:
    """Return ``(file, article_id, article or its CorpusError)`` for every entry, in order: cached
    articles from the cache, the others computed here or, when there are many, by dask."""
    results: list = []
    missing = []
    for file, article_id, metadata in entries:
        try:
            if not file.exists():
                raise CorpusError(file, "listed in articles.csv but missing from the folder")
            data, key, sha256, article_id, fields = _read(file, article_id, metadata)
        except CorpusError as error:
            results.append((file, article_id, error))
            continue
        article = cache.load("loading.article", key)
        results.append((file, article_id, None if article is None else {**article, "sha256": sha256}))
        if article is None:
            missing.append((len(results) - 1, key, sha256, (data, file, article_id, fields)))
    workers = default_workers(sum(len(m[3][0]) for m in missing), PARALLEL_BYTES)
    computed = map_in_chunks(_article_or_error, [m[3] for m in missing], workers=workers,
                             show=len(missing) > 2000, desc="loading articles", unit="article")
    for (position, key, sha256, _), article in zip(missing, computed):
        file, article_id, _ = results[position]
        if isinstance(article, tuple):
            results[position] = (file, article_id, CorpusError(*article))
            continue
        cache.store("loading.article", key, article)
        results[position] = (file, article_id, {**article, "sha256": sha256})
    return results


def load_corpus(path: str | Path | None = None, errors: str = "raise") -> pd.DataFrame:
    """Return the corpus: one row per article, indexed by ``article_id``, sorted by publication time.

    ``path`` is a folder of ``.txt`` articles (default: the bundled corpus) or one file.
    ``errors="raise"`` raises ``CorpusError`` at the first bad file; ``errors="skip"`` skips it with
    a ``CorpusWarning`` and lists it in ``corpus.attrs["skipped"]`` as ``{"file", "reason"}`` dicts.

    >>> corpus = load_corpus()
    >>> len(corpus), corpus.published.dt.year.tolist()
    (5, [2023, 2023, 2023, 2023, 2024])
    """
    if errors not in ("raise", "skip"):
        raise ValueError(f'errors must be "raise" or "skip", not {errors!r}')
    if path is None:
        folder, csv_path = RAW_DIR, ARTICLES_CSV
        entries = _articles_in(folder, csv_path)
    else:
        folder = Path(path)
        if folder.is_file():
            entries = [(folder, folder.stem, {})]
        elif folder.is_dir():
            entries = _articles_in(folder, folder / "articles.csv")
        else:
            raise CorpusError(folder, "no such file or folder")
    if not entries:
        raise CorpusError(folder, "no .txt articles in this folder")

    rows, skipped, seen = [], [], set()
    for file, article_id, result in _load_all(entries):
        try:
            if article_id in seen:
                raise CorpusError(file, f"duplicate article_id {article_id!r}")
            if isinstance(result, CorpusError):
                raise result
            rows.append(result)
            seen.add(article_id)
        except CorpusError as error:
            if errors == "raise":
                raise
            warnings.warn(f"skipped {error}", CorpusWarning, stacklevel=2)
            skipped.append({"file": error.file, "reason": error.reason})
    corpus = pd.DataFrame(rows, columns=COLUMNS)
    corpus["published"] = pd.to_datetime(corpus["published"], utc=True).dt.tz_convert(TIMEZONE)
    corpus = corpus.sort_values(["published", "article_id"], na_position="last", kind="stable")
    corpus.index = pd.Index(corpus.article_id.to_list())  # unnamed, so article_id stays an unambiguous column
    corpus.attrs["skipped"] = skipped
    return corpus
