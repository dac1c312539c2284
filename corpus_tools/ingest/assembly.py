"""Load a folder of articles into one tidy table: read, clean, date, attribute, group, join metadata.

A folder may hold ``.txt`` pages, ``.html``/``.htm`` pages and tables of articles (``.csv``,
``.jsonl``, ``.parquet`` with a ``text`` column), plus its own ``articles.csv`` (columns
``article_id`` and ``file``, and any of ``title``, ``outlet``, ``original_source``, ``url``,
``published``, ``date_basis``), ``entities.csv`` and ``outlets.csv`` (its outlets' names, see
``corpus_tools.outlets``), which are metadata, not articles. Values
``articles.csv`` leaves empty, and every value for files it does not list, are read from the page.
"""

from __future__ import annotations

import hashlib
import os
import warnings
from pathlib import Path
from sys import intern

import pandas as pd

from .. import cache
from ..outlets import OUTLETS_ENV, use_outlets
from ..parallel import default_workers, map_in_chunks
from ..paths import ARTICLES_CSV, RAW_DIR
from .attribution import attribute
from .boilerplate import Removal, clean_page, count_chars
from .dates import TIMEZONE, find_date, to_beijing
from .duplicates import fingerprint, story_ids, syndication_totals
from .errors import CorpusError, CorpusWarning
from .formats import RawArticle, decode, is_article_file, read_articles
from .outlet_choice import choose as choose_outlet
from .years import infer_years

METADATA_FIELDS = ("title", "outlet", "original_source", "url", "published", "date_basis")
COLUMNS = [
    "article_id", "file", "format", "sha256", "title", "outlet", "original_source", "source", "url", "published",
    "date_basis", "repost_published", "story_id", "metadata_basis", "attribution_basis", "encoding",
    "chars_raw", "chars_clean", "chars_removed", "text", "removed",
]
_CACHE = "ingest.file"
_STORY_CACHE = "ingest.story_ids"
#: Bytes of files not yet cached above which they are read and cleaned over every core (about a second
#: of cleaning in one process). Over 2 cores (benchmarks/ingest_speed.py, the fastest of 3 runs on a quiet
#: machine, the cleaner's memory of lines emptied before each) the wall time of loading over the cores was
#: 0.78, 0.91, 0.82 and 0.81 of one process's for 50, 100, 250 and 500 articles (0.7, 1.4, 3.4, 6.8 MB),
#: for 1.2 to 1.5 times the processor time; the 2,500-article corpus (30 MB) loaded in 12.4 s against
#: 17.8 s. Below 2 MB the gain is under a tenth of a second, not worth the extra processor time.
PARALLEL_BYTES = 2_000_000

__all__ = ["CorpusError", "CorpusWarning", "decode", "load_article", "load_corpus", "to_beijing"]


def _citation(outlet: object, original: object) -> str | None:
    if not outlet:
        return original or None
    return f"{outlet}, from {original}" if original and original != outlet else str(outlet)


#: The environment variable that turns the learned outlet choice off for every load (``off``, ``0``,
#: ``no``, ``false``): a report's notebooks then load the corpus as the report did.
LEARNED_OUTLETS_ENV = "CORPUS_TOOLS_LEARNED_OUTLETS"


def learned_outlets_on(setting: bool | None = None) -> bool:
    """Return whether the loader asks the learned outlet choice: ``setting`` if given, else what
    ``CORPUS_TOOLS_LEARNED_OUTLETS`` says (on unless it says off)."""
    if setting is not None:
        return bool(setting)
    return os.environ.get(LEARNED_OUTLETS_ENV, "").strip().lower() not in ("off", "0", "no", "false")


def _article(raw: RawArticle, metadata: dict, learned_outlets: bool = True) -> dict:
    """Return one article as a dict of the corpus columns (``published`` may still be pending); with
    ``learned_outlets`` False, the outlet is only what the rules, the URL or the metadata give."""
    fields = raw.fields
    page = clean_page(raw.text, title_hint=metadata.get("title") or fields.get("title"))
    if page.not_an_article:
        raise CorpusError(raw.file, f"the page is {page.not_an_article}")
    if not page.text.strip():
        raise CorpusError(raw.file, "nothing left after cleaning (the page is all chrome)")
    url = metadata.get("url") or fields.get("url") or _printed_url(page.lines)
    given = []
    if fields.get("published") is not None:
        given.append((fields["published"], f"{raw.fields_basis}: published"))
    if fields.get("html_date"):
        given.append((fields["html_date"], "HTML metadata date (trafilatura/htmldate)"))
    finding = find_date(page.lines, url, given)
    outlet, original, attribution_basis = attribute(page.lines, url, fields.get("outlet"),
                                                    choose_outlet if learned_outlets else None)
    meta = {"title": page.title, "outlet": outlet, "original_source": fields.get("original_source") or original,
            "url": url, "published": finding.published, "date_basis": finding.basis}
    basis = "page" if raw.fmt != "table" else "table"
    for key, value in metadata.items():
        if key in METADATA_FIELDS and value not in (None, ""):
            meta[key] = value
            basis = "articles.csv"
    if "published" in metadata and metadata["published"] not in (None, "") and not metadata.get("date_basis"):
        meta["date_basis"] = "articles.csv"
    try:
        meta["published"] = to_beijing(meta["published"])
    except (ValueError, TypeError):
        raise CorpusError(raw.file, f"articles.csv gives an unreadable date {meta['published']!r}") from None
    chars_clean = count_chars(page.text)
    chars_raw = count_chars(raw.text)
    return {
        "article_id": raw.article_id,
        "file": raw.file,
        "format": raw.fmt,
        **{k: meta.get(k) for k in ("title", "outlet", "original_source")},
        "source": _citation(meta.get("outlet"), meta.get("original_source")),
        "url": meta.get("url"),
        "published": meta["published"],
        "date_basis": meta["date_basis"],
        "repost_published": finding.repost_published,
        "metadata_basis": basis,
        "attribution_basis": attribution_basis,
        "encoding": raw.encoding,
        "chars_raw": chars_raw,
        "chars_clean": chars_clean,
        "chars_removed": chars_raw - chars_clean,
        "text": page.text,
        "removed": tuple(page.removed),
        "_pending": finding.pending if pd.isna(meta["published"]) else None,
        "_warnings": tuple(page.warnings),
        "_fingerprint": fingerprint(page.text),  # here, where the page is cleaned: over the cores when loading is
    }


def _printed_url(lines: list[tuple[int, str, str | None]]) -> str | None:
    """Return the page's own address when the page prints it: labelled (本文链接:, 网址:) anywhere in
    its furniture, or alone on a line above the body (a reference link in the body is not it)."""
    import re

    body_seen = False
    for _, text, kind in lines:
        body_seen = body_seen or kind is None
        if kind is None or kind in ("recommendations", "related_articles", "headline_list", "other_story"):
            continue
        found = re.search(r"(?:本文链接|原文链接|本文地址|文章地址|本文网址|本文網址|文章链接|网址|網址|URL)\s*[:：]\s*(https?://\S+)",
                          text, re.IGNORECASE)
        if found:
            return found.group(1).rstrip("。，,")
        alone = re.fullmatch(r"\s*(https?://\S+)\s*", text)
        if alone and not body_seen:
            return alone.group(1)
    return None


def _file_articles(data: bytes, path: Path, article_id: str | None, metadata: dict, learned_outlets: bool = True) -> list:
    """Return the articles of one file, each a dict or the ``(file, reason)`` of its ``CorpusError``
    (one worker's task: errors are handed back as data)."""
    try:
        raws = read_articles(data, path, article_id)
    except CorpusError as error:
        return [(error.file, error.reason)]
    results = []
    for raw in raws:
        if isinstance(raw, CorpusError):
            results.append((raw.file, raw.reason))
            continue
        try:
            results.append(_article(raw, metadata if raw.fmt != "table" else {}, learned_outlets))
        except CorpusError as error:
            results.append((str(path) if raw.fmt != "table" else f"{path} {raw.file.split(' ', 1)[-1]}",
                            error.reason))
    return results


def _stored_file_articles(key: str, path: Path, sha256: str, article_id: str | None, metadata: dict,
                          learned_outlets: bool = True) -> list:
    """Return ``_file_articles`` of the file at ``path``, read here (by the worker that cleans it: the
    parent never holds the bytes of the files still to load), stored in the cache under ``key`` by the
    process that made it (over the cores, each worker stores its own, in parallel). A file whose bytes
    are no longer those hashed under ``key`` is an error, not a stale entry."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return [(str(path), f"cannot be read ({error.strerror or error})")]
    if hashlib.sha256(data).hexdigest() != sha256:
        return [(str(path), "changed while the folder was being loaded")]
    articles = _file_articles(data, path, article_id, metadata, learned_outlets)
    cache.store(_CACHE, key, articles)
    return articles


def _warm_up() -> None:
    """Import datasketch (with scipy, some 0.7 s) and draw its permutations here, before the workers
    are forked: the fingerprints need them in every worker, and grouping the stories here after."""
    fingerprint("奥特曼回到了OpenAI。")


def _key(data: bytes, path: Path, article_id: str | None, metadata: dict, learned_outlets: bool = True) -> tuple[str, str]:
    sha256 = hashlib.sha256(data).hexdigest()
    fields = sorted((k, str(v)) for k, v in metadata.items() if k in METADATA_FIELDS)
    off = () if learned_outlets else ("without the learned outlet choice",)  # on: the keys as they always were
    return cache.content_key("ingest", sha256, path.name, article_id, fields, *off), sha256


def load_article(path: str | Path, article_id: str | None = None, metadata: dict | None = None, *,
                 learned_outlets: bool | None = None) -> dict:
    """Return the one article of a page file as a dict of the corpus columns; raise ``CorpusError``
    if it is unusable (for a table, the first row). ``learned_outlets`` as ``load_corpus``'s."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CorpusError(path, f"cannot be read ({error.strerror or error})") from None
    metadata = {k: v for k, v in (metadata or {}).items() if k in METADATA_FIELDS}
    result = _file_articles(data, path, article_id, metadata, learned_outlets_on(learned_outlets))[0]
    if isinstance(result, tuple):
        raise CorpusError(*result)
    return {**result, "sha256": hashlib.sha256(data).hexdigest()}


def _read_metadata(csv_path: Path) -> pd.DataFrame:
    try:
        table = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    except (OSError, ValueError, UnicodeDecodeError) as error:
        raise CorpusError(csv_path, f"unreadable metadata table ({error})") from None
    missing = {"article_id", "file"} - set(table.columns)
    if missing:
        raise CorpusError(csv_path, f"metadata table lacks the column(s) {', '.join(sorted(missing))}")
    return table


def _entries(folder: Path, csv_path: Path | None) -> list[tuple[Path, str | None, dict]]:
    """Return (file, article_id, metadata) for every article file, listed files first, by name."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and is_article_file(p))
    listed: dict[str, tuple[str, dict]] = {}
    if csv_path is not None and csv_path.exists():
        for row in _read_metadata(csv_path).to_dict("records"):
            listed[row["file"]] = (row["article_id"], {k: v for k, v in row.items() if k in METADATA_FIELDS})
    entries = [(folder / name, article_id, row) for name, (article_id, row) in sorted(listed.items())]
    entries += [(p, None, {}) for p in files if p.name not in listed]
    return entries


def _load_files(entries: list[tuple[Path, str | None, dict]], learned_outlets: bool = True,
                progress: bool | None = None) -> list:
    """Return, in order, every article (dict) or error (``CorpusError``) of every entry: cached
    files from the cache, the others computed here or, when there are many bytes, over the cores."""
    results: list = []
    missing = []
    for path, article_id, metadata in entries:
        if not path.exists():
            results.append([CorpusError(path, "listed in articles.csv but missing from the folder")])
            continue
        try:
            data = path.read_bytes()
        except OSError as error:
            results.append([CorpusError(path, f"cannot be read ({error.strerror or error})")])
            continue
        key, sha256 = _key(data, path, article_id, metadata, learned_outlets)
        found = cache.load(_CACHE, key)
        results.append((found, sha256))
        if found is None:  # the worker reads the file again: holding every file's bytes here would not scale
            missing.append((len(results) - 1, key, sha256, (path, sha256, article_id, metadata), len(data)))
        del data
    sizes = [m[4] for m in missing]
    computed = map_in_chunks(_stored_file_articles, [(m[1], *m[3], learned_outlets) for m in missing],
                             workers=default_workers(sum(sizes), PARALLEL_BYTES), weights=sizes,
                             show=len(missing) > 2000 if progress is None else progress, desc="loading articles", unit="file",
                             warm_up=_warm_up)
    for (position, _, sha256, *_), articles in zip(missing, computed):
        results[position] = (articles, sha256)
    flat = []
    for item in results:
        if isinstance(item, list):
            flat += item
            continue
        articles, sha256 = item
        for article in articles:
            flat.append(CorpusError(*article) if isinstance(article, tuple) else
                        {**article, "sha256": sha256, "removed": _shared(article["removed"])})
    return flat


def _shared(removed: tuple) -> tuple:
    """Return the cleaner's removals with their strings interned: a site prints the same menus and
    footers on every page, and each page read back from the cache (or from a worker) has its own copies
    of them and of every kind and reason, held for as long as the corpus is."""
    return tuple(Removal(intern(r.kind), r.line_no, intern(r.text), intern(r.reason)) for r in removed)


class _InOrder:
    """The texts of a corpus frame in another order, by position, without copying them (``texts[i]``
    reads one from the frame's column)."""

    def __init__(self, column: pd.Series, order: list[str]):
        self.values, self.positions = column.array, column.index.get_indexer(order)

    def __len__(self) -> int:
        return len(self.positions)

    def __getitem__(self, i: int) -> str:
        return self.values[self.positions[i]]


def _texts_key(ids: list[str], texts) -> str:
    """Return a content key of the ids and texts, hashing one text at a time (never a copy of them all)."""
    digest = hashlib.sha256()
    for i in range(len(texts)):
        data = texts[i].encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return cache.content_key("story ids", ids, digest.digest())


def _story_ids(ids: list[str], texts, fingerprints: list) -> list[str]:
    """Return ``story_ids(ids, texts, fingerprints)``, kept in the cache under the ids and texts (the
    fingerprints are made from the texts): reloading a corpus (each notebook does) then neither groups
    it again nor imports datasketch, whose LSH module loads scipy.integrate (about a second per process)."""
    key = _texts_key(ids, texts)
    found = cache.load(_STORY_CACHE, key)
    if found is None:
        found = story_ids(ids, texts, fingerprints)
        cache.store(_STORY_CACHE, key, found)
    return found


def _use_folder_outlets(path: Path | None) -> None:
    """Name outlets with the folder's own ``outlets.csv`` beside the bundled table, or with the bundled
    table alone when the folder has none (changing the table only when it changes: it empties caches)."""
    wanted = str(path.resolve()) if path is not None and path.is_file() else None
    if wanted != os.environ.get(OUTLETS_ENV):
        use_outlets(wanted)


#: Warnings of one kind (a skipped file, an undated article, a cleaning note) given one by one; past
#: it, one more warning counts the rest: a folder of 10,000 scraped pages would otherwise print
#: thousands of lines into a notebook. Every one is listed in the corpus's attrs.
WARNINGS_SHOWN = 20


def _warn_each(messages: list[str], kind: str) -> None:
    """Warn (``CorpusWarning``) the first ``WARNINGS_SHOWN`` of ``messages``, then once how many more
    of ``kind`` there are."""
    for message in messages[:WARNINGS_SHOWN]:
        warnings.warn(message, CorpusWarning, stacklevel=3)
    if len(messages) > WARNINGS_SHOWN:
        warnings.warn(f"{len(messages) - WARNINGS_SHOWN} more {kind} (the first {WARNINGS_SHOWN} warned above; "
                      f"{len(messages)} in all)", CorpusWarning, stacklevel=3)


def load_corpus(path: str | Path | None = None, errors: str = "raise", *,
                learned_outlets: bool | None = None, progress: bool | None = None) -> pd.DataFrame:
    """Return the corpus: one row per article, indexed by ``article_id``, sorted by publication time.

    ``path`` is a folder (default: the bundled corpus) or one file: ``.txt`` and ``.html`` pages,
    ``.csv``/``.jsonl``/``.parquet`` tables of articles. ``errors="raise"`` raises ``CorpusError``
    at the first bad file; ``errors="skip"`` skips it with a ``CorpusWarning`` and lists it in
    ``corpus.attrs["skipped"]`` as ``{"file", "reason"}`` dicts. Undated articles are kept (NaT,
    sorted last), warned about and listed in ``corpus.attrs["undated"]`` (past ``WARNINGS_SHOWN`` of a
    kind, one warning counts the rest); syndicated copies share a
    ``story_id`` and ``corpus.attrs["syndication"]`` counts them (see ``syndication_summary``).
    ``learned_outlets=False`` never asks the learned outlet choice (``outlet_choice``): a page whose
    rules, URL and metadata name no outlet then has none, rather than a name the model chose (default:
    on, unless ``CORPUS_TOOLS_LEARNED_OUTLETS=off``). ``progress`` draws a bar over the files to clean
    (default: when there are more than 2,000 of them).

    >>> corpus = load_corpus()
    >>> len(corpus), corpus.published.dt.year.tolist()
    (5, [2023, 2023, 2023, 2023, 2024])
    """
    if errors not in ("raise", "skip"):
        raise ValueError(f'errors must be "raise" or "skip", not {errors!r}')
    if path is None:
        folder = RAW_DIR
        entries = _entries(folder, ARTICLES_CSV)
    else:
        folder = Path(path)
        if folder.is_file():
            entries = [(folder, None, {})]
        elif folder.is_dir():
            entries = _entries(folder, folder / "articles.csv")
        else:
            raise CorpusError(folder, "no such file or folder")
    if not entries:
        raise CorpusError(folder, "no articles in this folder (.txt, .html, .htm, .csv, .jsonl or .parquet)")
    _use_folder_outlets(folder / "outlets.csv" if folder.is_dir() else None)

    rows, skipped, seen, notes = [], [], set(), []
    for result in _load_files(entries, learned_outlets_on(learned_outlets), progress):
        try:
            if isinstance(result, CorpusError):
                raise result
            if result["article_id"] in seen:
                raise CorpusError(result["file"] if result["format"] == "table" else
                                  str(folder / result["file"]) if folder.is_dir() else result["file"],
                                  f"duplicate article_id {result['article_id']!r}")
            rows.append(result)
            seen.add(result["article_id"])
        except CorpusError as error:
            if errors == "raise":
                raise
            skipped.append({"file": error.file, "reason": error.reason})
    pending = {r["article_id"]: r["_pending"] for r in rows if r.get("_pending")}
    notes = [(r["article_id"], w) for r in rows for w in r.get("_warnings", ())]
    corpus = pd.DataFrame(rows, columns=COLUMNS)
    for column in ("published", "repost_published"):
        corpus[column] = pd.to_datetime(corpus[column], utc=True).dt.tz_convert(TIMEZONE)
    corpus.index = pd.Index(corpus.article_id.to_list())
    order = corpus.sort_values(["published", "article_id"], na_position="last", kind="stable").article_id.tolist()
    fingerprints = {r["article_id"]: r["_fingerprint"] for r in rows}
    del rows  # the frame holds the texts now (in Arrow's UTF-8): the rows' copies of them can go
    corpus["story_id"] = pd.Series(_story_ids(order, _InOrder(corpus["text"], order), [fingerprints[i] for i in order]),
                                   index=order, dtype=object)
    if pending:
        infer_years(corpus, pending)
    corpus = corpus.sort_values(["published", "article_id"], na_position="last", kind="stable")
    corpus.index = pd.Index(corpus.article_id.to_list())  # unnamed, so article_id stays an unambiguous column
    _warn_each([f"skipped {item['file']}: {item['reason']}" for item in skipped],
               'files skipped, listed in corpus.attrs["skipped"]')
    _warn_each([f"{article_id}: {note}" for article_id, note in notes],
               'cleaning warnings, listed in corpus.attrs["cleaning_warnings"]')
    undated = corpus[corpus.published.isna()]
    _warn_each([f"{article_id}: undated ({basis})" for article_id, basis in zip(undated.article_id, undated.date_basis)],
               'undated articles, listed in corpus.attrs["undated"]')
    corpus.attrs["skipped"] = skipped
    corpus.attrs["undated"] = [{"article_id": a, "reason": b} for a, b in zip(undated.article_id, undated.date_basis)]
    corpus.attrs["cleaning_warnings"] = [{"article_id": a, "warning": w} for a, w in notes]
    corpus.attrs["syndication"] = syndication_totals(corpus["story_id"])
    return corpus
