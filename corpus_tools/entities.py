"""People and organisations, their aliases in every script, and where a text mentions them.

The table is data (``data/entities.csv``, one row per alias); this module only reads it and
turns each alias into a pattern that tolerates the spellings of the press: Traditional or
Simplified characters, any middle dot or a space or nothing between given name and surname
(山姆·奥特曼, 山姆・奥特曼, SamAltman), full-width Latin letters, any letter case.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Callable, NamedTuple

import pandas as pd

from . import cache
from .paths import ENTITIES_CSV
from .scripts import fold

#: The environment variable naming a corpus's own entities.csv (set by ``use_entities``), read by
#: every process, so that workers and notebook kernels see the same people and aliases.
ENTITIES_ENV = "CORPUS_TOOLS_ENTITIES"
ENTITY_COLUMNS = ["entity_id", "kind", "name_en", "name_zh", "alias", "script", "not_followed_by", "not_preceded_by"]

_LATIN = re.compile(r"[A-Za-z0-9]")
_SEPARATORS = re.compile(r"[\s·]+")
_URL = re.compile(r"(?:https?://|www\.)[\x21-\x7e]+", re.IGNORECASE)
#: The mentions of every sentence of the analyses kept in memory (``pipeline``), by the sentence's text.
_FOUND: dict[str, list[tuple[int, int, str, str]]] = cache.in_memory()
#: Analyses whose mentions are not yet in ``_FOUND``: functions that return them, called on first need.
_PENDING: dict[int, Callable[[], dict]] = cache.in_memory()


class Mention(NamedTuple):
    """One mention: ``text[start:end] == surface``."""

    start: int
    end: int
    surface: str


@lru_cache(maxsize=1)
def entity_table() -> pd.DataFrame:
    """Return the entity table: one row per alias, columns as in ``data/entities.csv``.

    >>> table = entity_table()
    >>> sorted(table.loc[table.entity_id == "altman", "alias"])[:3]
    ['Altman', 'Sam', 'Sam Altman']
    """
    table = pd.read_csv(ENTITIES_CSV, dtype=str, keep_default_na=False)
    if os.environ.get(ENTITIES_ENV):
        table = _with_user_entities(table, Path(os.environ[ENTITIES_ENV]))
    return table.sort_values(["entity_id", "alias"], kind="stable").reset_index(drop=True)


def _with_user_entities(table: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Return the bundled table with the rows of a user's entities.csv added: new people, or new
    aliases of known ones. Only ``entity_id`` and ``alias`` are required; a known entity's kind and
    names are taken from the bundled table, a new one's default to a person named by its first alias."""
    from .loading import CorpusError

    try:
        extra = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as error:
        raise CorpusError(path, f"cannot read the entity table: {error}") from None
    missing = [c for c in ("entity_id", "alias") if c not in extra.columns]
    if missing:
        raise CorpusError(path, f"the entity table lacks the column(s) {', '.join(missing)}")
    extra = extra[(extra.entity_id.str.strip() != "") & (extra.alias.str.strip() != "")].copy()
    extra["entity_id"] = extra.entity_id.str.strip().str.casefold()
    known = table.drop_duplicates("entity_id").set_index("entity_id")
    first_alias = extra.groupby("entity_id").alias.transform("first")
    defaults = {"kind": "person", "name_en": extra.entity_id, "name_zh": first_alias, "script": "",
                "not_followed_by": "", "not_preceded_by": ""}
    for column in [c for c in ENTITY_COLUMNS[1:] if c != "alias"]:
        given = extra[column] if column in extra.columns else pd.Series("", index=extra.index)
        inherited = extra.entity_id.map(known[column]) if column in ("kind", "name_en", "name_zh") else None
        fallback = defaults[column] if inherited is None else inherited.fillna(defaults[column])
        extra[column] = given.where(given != "", fallback)
    combined = pd.concat([table, extra[ENTITY_COLUMNS]], ignore_index=True)
    return combined.drop_duplicates(["entity_id", "alias"], keep="first")


def use_entities(path: str | Path | None) -> pd.DataFrame:
    """Use a corpus's own ``entities.csv`` beside the bundled table (``None``: the bundled table
    alone); return the entity table now in use.

    The choice is kept in ``$CORPUS_TOOLS_ENTITIES``, so worker processes and the notebooks that
    ``python -m corpus_tools report`` runs see it too, and it is part of the cache key. Every cached
    table of names in the package (patterns, the tokenizer's dictionary) is rebuilt.
    """
    if path is None:
        os.environ.pop(ENTITIES_ENV, None)
    else:
        path = Path(path).resolve()
        if not path.is_file():
            from .loading import CorpusError

            raise CorpusError(path, "no such entity table")
        os.environ[ENTITIES_ENV] = str(path)
    cache.clear_in_process_tables()
    return entity_table()


@lru_cache(maxsize=1)
def short_names() -> dict[str, str]:
    """Return each entity's short Chinese name: the last part of its name (the surname of 萨姆·奥特曼:
    奥特曼), for labels. The caller must not change the dict (it is shared)."""
    table = entity_table().drop_duplicates("entity_id")
    return {e: name.split("·")[-1] for e, name in zip(table.entity_id, table.name_zh)}


def entity_ids() -> list[str]:
    """Return the ids of every entity in the table, sorted."""
    return list(_entity_ids())


@lru_cache(maxsize=1)
def _entity_ids() -> tuple[str, ...]:
    return tuple(sorted(entity_table().entity_id.unique()))


@lru_cache(maxsize=1)
def entity_kinds() -> dict[str, str]:
    """Return each entity's kind (``'person'`` or ``'organisation'``) by id."""
    table = entity_table().drop_duplicates("entity_id")
    return dict(zip(table.entity_id, table.kind))


def people() -> frozenset[str]:
    """Return the ids of the entities that are people."""
    return _people()


@lru_cache(maxsize=1)
def _people() -> frozenset[str]:
    return frozenset(e for e, kind in entity_kinds().items() if kind == "person")


@lru_cache(maxsize=4096)  # the same few spellings are matched over and over
def alias_key(surface: str) -> str:
    """Return the form under which an alias or a matched surface is compared: folded, no separators."""
    return _SEPARATORS.sub("", fold(surface)).casefold()


def _alias_pattern(alias: str, not_followed_by: str, not_preceded_by: str) -> str:
    parts = [re.escape(part) for part in _SEPARATORS.split(fold(alias).strip()) if part]
    body = r"[ ·]*".join(parts)
    guards = []
    if _LATIN.match(alias[0]):
        guards.append(r"(?<![A-Za-z0-9])")
    for prefix in filter(None, not_preceded_by.split("|")):
        guards.append(f"(?<!{re.escape(fold(prefix))})")
    tail = []
    if _LATIN.match(alias[-1]):
        tail.append(r"(?![A-Za-z0-9])")
    suffixes = [re.escape(fold(s)) for s in not_followed_by.split("|") if s]
    if suffixes:
        tail.append(f"(?![ ·]*(?:{'|'.join(suffixes)}))")
    return "".join(guards) + body + "".join(tail)


def _compile(rows: pd.DataFrame) -> re.Pattern[str]:
    """One alternation of every alias, longest first, so the longest spelling wins at a position."""
    rows = rows.assign(key_length=rows.alias.map(lambda a: len(alias_key(a))))
    rows = rows.sort_values(["key_length", "alias"], ascending=[False, True], kind="stable")
    patterns = dict.fromkeys(
        _alias_pattern(r.alias, r.not_followed_by, r.not_preceded_by) for r in rows.itertuples()
    )
    # A lookahead for the aliases' first characters lets the engine skip most positions at once
    # instead of trying every alternative there (ten times faster on this corpus).
    first = sorted({fold(alias).strip()[0] for alias in rows.alias})
    lookahead = "(?=[" + "".join(re.escape(ch) for ch in first) + "])"
    return re.compile(lookahead + "(?:" + "|".join(patterns) + ")", re.IGNORECASE)


@lru_cache(maxsize=None)
def _entity_pattern(entity_id: str) -> re.Pattern[str]:
    table = entity_table()
    return _compile(table[table.entity_id == entity_id])


@lru_cache(maxsize=1)
def _any_entity_pattern() -> re.Pattern[str]:
    return _compile(entity_table())


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, str]:
    table = entity_table()
    return {alias_key(a): e for a, e in zip(table.alias, table.entity_id)}


@lru_cache(maxsize=1024)  # called for every sentence scored; use_entities clears it
def resolve_entity(name: str) -> str:
    """Return the entity id for an id or any alias (``"Altman"``, ``"奧特曼"`` -> ``"altman"``).

    Raises ``KeyError`` listing the known ids when the name is unknown.
    """
    key = name.strip().casefold()
    if key in _entity_ids():
        return key
    found = _alias_index().get(alias_key(name))
    if found is None:
        raise KeyError(f"unknown entity {name!r}; known ids: {', '.join(entity_ids())}")
    return found


def _outside_urls(text: str, matches) -> list[re.Match]:
    """Drop matches inside a web address (…/sam-altman/ names no one)."""
    if "://" not in text and "www." not in text.lower():  # the common case: no web address to exclude
        return list(matches)
    urls = [m.span() for m in _URL.finditer(text)]
    return [m for m in matches if not any(s <= m.start() < e for s, e in urls)]


def find_mentions(text: str, entity: str, folded: str | None = None) -> list[Mention]:
    """Return every mention of ``entity`` in ``text`` as ``(start, end, surface)`` tuples.

    Offsets index the original text, in either script; overlapping spellings count once, the
    longest winning; names inside web addresses are not mentions. ``folded`` may pass
    ``fold(text)`` when the caller has it already.

    >>> find_mentions("山姆・奧特曼(SamAltman)被解雇,Altman說", "altman")
    [Mention(start=0, end=6, surface='山姆・奧特曼'), Mention(start=7, end=16, surface='SamAltman'), Mention(start=21, end=27, surface='Altman')]
    """
    if not isinstance(text, str):
        raise TypeError(f"find_mentions expects a str, got {type(text).__name__}")
    pattern = _entity_pattern(resolve_entity(entity))
    matches = _outside_urls(text, pattern.finditer(fold(text) if folded is None else folded))
    return [Mention(m.start(), m.end(), text[m.start() : m.end()]) for m in matches]


def find_all_mentions(text: str, folded: str | None = None) -> list[tuple[int, int, str, str]]:
    """Return ``(start, end, surface, entity_id)`` for every mention of every entity, left to right.

    Where the spellings of two entities overlap, the longest wins (``OpenAI董事会`` is the board).
    ``folded`` may pass ``fold(text)`` when the caller has it already. The sentences of a corpus
    analysed in this process are not searched again: their mentions are known.
    """
    known = _FOUND.get(text)
    if known is None and _PENDING:
        for key in list(_PENDING):
            _FOUND.update(_PENDING.pop(key)())
        known = _FOUND.get(text)
    if known is not None:
        return list(known)
    index = _alias_index()
    found = []
    for m in _outside_urls(text, _any_entity_pattern().finditer(fold(text) if folded is None else folded)):
        surface = text[m.start() : m.end()]
        found.append((m.start(), m.end(), surface, index[alias_key(surface)]))
    return found


def remember_mentions(found: Callable[[], dict[str, list[tuple[int, int, str, str]]]]) -> None:
    """Keep the mentions of sentences already searched, while the cache is on: ``found`` returns them
    (``find_all_mentions`` of each text, by text) and is called only when a text is first looked up;
    ``clear_cache()`` forgets them."""
    if cache.cache_dir() is not None:
        _PENDING[id(found)] = found


def mention_counts(texts: pd.Series, entities: list[str] | None = None) -> pd.DataFrame:
    """Return a table with one row per text (same index) and one column of mention counts per entity."""
    ids = entities or entity_ids()
    return pd.DataFrame(
        {e: texts.map(lambda t, e=e: len(find_mentions(t, e))) for e in ids}, index=texts.index
    )
