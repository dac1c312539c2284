"""News outlets and the names they go by: one outlet, one canonical name.

The table is data (``data/outlets.csv``, one row per name: ``outlet``, the canonical name, ``variant``,
a name the outlet is printed as, and ``region``: mainland, hk, macau, tw, overseas or international). A
corpus folder's own ``outlets.csv`` (at least ``outlet`` and ``variant``) adds outlets and names, and
its rows win over the bundled ones: a user who counts 聯合報 apart from 聯合新聞網 says so there.

Names are compared folded (Simplified script, NFKC, no case, spaces or punctuation), so a variant
listed in one script stands for both:

>>> canonical_outlet("每經")
'每日经济新闻'
>>> canonical_outlet("聯合報")
'聯合新聞網'
>>> canonical_outlet("某某网")
'某某网'
"""

from __future__ import annotations

import os
import unicodedata
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .cache import clear_in_process_tables
from .paths import OUTLETS_CSV
from .scripts import fold

#: The environment variable naming a corpus's own outlets.csv (set by ``use_outlets``), read by every
#: process, so that workers see the same outlets; it is part of the cache key.
OUTLETS_ENV = "CORPUS_TOOLS_OUTLETS"
OUTLET_COLUMNS = ["outlet", "variant", "region"]


@lru_cache(maxsize=65536)
def outlet_key(name: str) -> str:
    """Return the form under which outlet names are compared.

    >>> outlet_key("聯合 新聞網") == outlet_key("联合新闻网")
    True
    """
    folded = fold(unicodedata.normalize("NFKC", name)).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def _read(path: Path) -> pd.DataFrame:
    from .ingest.errors import CorpusError

    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as error:
        raise CorpusError(path, f"cannot read the outlet table: {error}") from None
    missing = [c for c in ("outlet", "variant") if c not in table.columns]
    if missing:
        raise CorpusError(path, f"the outlet table lacks the column(s) {', '.join(missing)}")
    if "region" not in table.columns:
        table["region"] = ""
    table = table[OUTLET_COLUMNS].apply(lambda column: column.str.strip())
    return table[(table.outlet != "") & (table.variant != "")]


@lru_cache(maxsize=1)
def outlet_table() -> pd.DataFrame:
    """Return the outlet table in use: the bundled rows, then a corpus's own (``use_outlets``).

    >>> table = outlet_table()
    >>> {"CNA", "中央社"} <= set(table.loc[table.outlet == "中央社", "variant"])
    True
    """
    table = _read(OUTLETS_CSV)
    if os.environ.get(OUTLETS_ENV):
        table = pd.concat([table, _read(Path(os.environ[OUTLETS_ENV]))], ignore_index=True)
    return table.reset_index(drop=True)


@lru_cache(maxsize=1)
def _canonical_index() -> dict[str, str]:
    """Return ``{outlet_key(name): canonical name}`` for every outlet and variant; later rows (a
    corpus's own table) win, and each canonical name stands for itself."""
    index: dict[str, str] = {}
    for outlet, variant in zip(outlet_table().outlet, outlet_table().variant):
        index[outlet_key(variant)] = outlet
    for outlet in outlet_table().outlet:
        index.setdefault(outlet_key(outlet), outlet)
    return index


@lru_cache(maxsize=4096)
def canonical_outlet(name: str) -> str:
    """Return the canonical name of the outlet ``name`` names, or ``name`` itself when the table
    does not know it."""
    return _canonical_index().get(outlet_key(name), name)


@lru_cache(maxsize=65536)
def is_known_outlet(name: str) -> bool:
    """Return True when ``name`` is an outlet or a variant in the table."""
    return outlet_key(name) in _canonical_index()


def use_outlets(path: str | Path | None) -> pd.DataFrame:
    """Use a corpus's own ``outlets.csv`` beside the bundled table (``None``: the bundled table
    alone); return the outlet table now in use.

    The choice is kept in ``$CORPUS_TOOLS_OUTLETS`` for worker processes, and is part of the cache
    key: every cached result of the package (the loaded articles among them) is recomputed.
    """
    if path is None:
        os.environ.pop(OUTLETS_ENV, None)
    else:
        path = Path(path).resolve()
        if not path.is_file():
            from .ingest.errors import CorpusError

            raise CorpusError(path, "no such outlet table")
        _read(path)  # a bad table is reported now, not in a worker
        os.environ[OUTLETS_ENV] = str(path)
    clear_in_process_tables()
    return outlet_table()
