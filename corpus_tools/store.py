"""The per-article analysis on disk: a partitioned Parquet store, in the cache folder.

``analyse_corpus`` cuts the articles still to compute into chunks; whoever computes a chunk (this
process, a forked worker, or a ``dask.distributed`` worker on another machine that sees the same
folder) writes its tables here, one Parquet file per table and chunk, and hands back only their sizes.
The parent then reads the columns and the rows an analysis asks for (``read``, ``parts``), so a
corpus of 100,000 articles never has its sentence, token and mention tables whole in one process
unless a caller asks for them whole.

Layout, under the store's folder (``<cache>/store`` by default)::

    sentences/ab/<chunk>.parquet   article_id, sentence_id, start, end, text, tokens (a list of str)
    mentions/ab/<chunk>.parquet    article_id, sentence_id, start, end, surface, entity_id
    stance/ab/<chunk>.parquet      article_id, sentence_id, start, end, text, reference, label, score, evidence
    events/ab/<chunk>.parquet      chronology.EVENT_COLUMNS (each article's readings, before the corpus's years)
    index/ab/<article key>         the chunk that holds the article, and how many articles it holds

An article's key is a content key of its text, metadata and target and of the code fingerprint
(``cache.content_key``), and a chunk's is the hash of its articles' keys: as everywhere in the cache,
an edited article, lexicon or line of code gives new keys, so a stale part is never read. The index
entry of an article is written after its chunk's parts, so it never points at a part not yet there;
every file is written under a temporary name and renamed.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Iterable, Iterator

import pandas as pd

#: The tables a chunk writes, in the order of ``pipeline.Analysis``.
TABLES = ("sentences", "mentions", "stance", "events")


def _schemas() -> dict:
    import pyarrow as pa

    from .chronology import EVENT_COLUMNS

    text, number = pa.string(), pa.int64()
    types = {"date_start": pa.timestamp("us"), "date_end": pa.timestamp("us"), "sentence_id": number,
             "actors": pa.list_(text), "year_open": pa.bool_()}
    return {
        "sentences": pa.schema([("article_id", text), ("sentence_id", number), ("start", number), ("end", number),
                                ("text", text), ("tokens", pa.list_(text))]),
        "mentions": pa.schema([("article_id", text), ("sentence_id", number), ("start", number), ("end", number),
                               ("surface", text), ("entity_id", text)]),
        "stance": pa.schema([("article_id", text), ("sentence_id", number), ("start", number), ("end", number),
                             ("text", text), ("reference", text), ("label", number), ("score", pa.float64()),
                             ("evidence", text)]),
        "events": pa.schema([(column, types.get(column, text)) for column in EVENT_COLUMNS]),
    }


_SCHEMAS: dict = {}


def schema(table: str):
    """Return the pyarrow schema of ``table`` (one of ``TABLES``)."""
    if not _SCHEMAS:
        _SCHEMAS.update(_schemas())
    return _SCHEMAS[table]


def columns(table: str) -> list[str]:
    """Return the column names of ``table`` as stored."""
    return list(schema(table).names)


def default_root() -> Path | None:
    """Return the store's folder inside the cache (None when the cache is off)."""
    from .cache import cache_dir

    folder = cache_dir()
    return None if folder is None else folder / "store"


def temporary_root() -> Path:
    """Return a new empty folder for a store that lives as long as one analysis (the cache is off)."""
    return Path(tempfile.mkdtemp(prefix="corpus-tools-store-"))


def chunk_key(article_keys: Iterable[str]) -> str:
    """Return the key of a chunk of articles: the hash of their keys, in order."""
    return hashlib.sha256("".join(article_keys).encode()).hexdigest()


def part_path(root: str | Path, table: str, chunk: str) -> Path:
    """Return the path of ``table``'s part for ``chunk``."""
    return Path(root) / table / chunk[:2] / f"{chunk}.parquet"


def _index_path(root: str | Path, article_key: str) -> Path:
    return Path(root) / "index" / article_key[:2] / article_key


def _write_atomically(path: Path, write) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    os.close(handle)
    try:
        write(temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_chunk(root: str | Path, article_keys: list[str], tables: dict[str, list[tuple]]) -> dict[str, int]:
    """Write a chunk's rows (``tables``: table name -> rows, tuples in the order of ``columns``) as
    Parquet parts under ``root``, then index its articles; return the number of rows of each table."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    chunk = chunk_key(article_keys)
    for table in TABLES:
        rows = tables[table]
        kind = schema(table)
        arrays = [pa.array(list(values), type=field.type) for values, field in
                  zip(zip(*rows) if rows else [[]] * len(kind), kind)]
        data = pa.Table.from_arrays(arrays, schema=kind)
        _write_atomically(part_path(root, table, chunk), lambda path: pq.write_table(data, path))
    entry = f"{chunk} {len(article_keys)}"
    for key in article_keys:
        _write_atomically(_index_path(root, key), lambda path: Path(path).write_text(entry))
    return {table: len(tables[table]) for table in TABLES}


def chunks_of(root: str | Path, article_keys: list[str]) -> list[tuple[str, int] | None]:
    """Return, for each article key, (the chunk of the store at ``root`` that holds the article, the
    number of articles in that chunk), or None when the store does not hold it whole."""
    found, whole = [], {}
    for key in article_keys:
        try:
            chunk, count = _index_path(root, key).read_text().split()
        except (OSError, ValueError):
            found.append(None)
            continue
        if chunk not in whole:
            whole[chunk] = all(part_path(root, table, chunk).is_file() for table in TABLES)
        found.append((chunk, int(count)) if whole[chunk] else None)
    return found


class Pieces:
    """Where a corpus's rows of each table are: a list of (chunk, article ids), ``None`` for the ids
    when every article of the chunk belongs to the corpus; and the corpus's order of articles."""

    def __init__(self, root: str | Path, pieces: list[tuple[str, list[str] | None]], order: list[str]):
        self.root, self.pieces = Path(root), pieces
        self.position = {article_id: number for number, article_id in enumerate(order)}

    def read(self, table: str, columns: list[str] | None = None, articles: Iterable[str] | None = None) -> pd.DataFrame:
        """Return ``table``'s rows of the corpus (of ``articles`` only, if given), ``columns`` only (if
        given), in the corpus's order of articles, as pandas."""
        import pyarrow as pa

        wanted = None if articles is None else set(articles)
        parts = [part for part in (self._read_piece(table, chunk, ids, columns, wanted) for chunk, ids in self.pieces)
                 if part is not None]
        data = pa.concat_tables(parts) if parts else schema(table).empty_table().select(columns or self._names(table))
        return self._ordered(_to_pandas(data))

    def parts(self, table: str, columns: list[str] | None = None) -> Iterator[pd.DataFrame]:
        """Yield ``table``'s rows chunk by chunk (``columns`` only, if given), as pandas: for an
        aggregate over a corpus too large to hold whole."""
        for chunk, ids in self.pieces:
            part = self._read_piece(table, chunk, ids, columns, None)
            if part is not None and part.num_rows:
                yield _to_pandas(part)

    def files(self, table: str) -> list[Path]:
        """Return the Parquet files that hold ``table``'s rows of the corpus (some may also hold rows of
        articles no longer in it: ``read`` leaves those out)."""
        return [part_path(self.root, table, chunk) for chunk, _ in self.pieces]

    @staticmethod
    def _names(table: str) -> list[str]:
        return columns(table)

    def _read_piece(self, table: str, chunk: str, ids: list[str] | None, columns: list[str] | None,
                    wanted: set[str] | None):
        import pyarrow as pa
        import pyarrow.compute as pc
        import pyarrow.parquet as pq

        needed = None if columns is None else list(dict.fromkeys(["article_id", *columns]))
        data = pq.read_table(part_path(self.root, table, chunk), columns=needed)
        keep = ids if wanted is None else [i for i in (ids if ids is not None else self._ids(data)) if i in wanted]
        if keep is not None:
            if not keep:
                return None
            data = data.filter(pc.is_in(data["article_id"], value_set=pa.array(keep, type=pa.string())))
        return data if columns is None else data.select(columns)

    @staticmethod
    def _ids(data) -> list[str]:
        return list(dict.fromkeys(data["article_id"].to_pylist()))

    def _ordered(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Return ``frame`` in the corpus's order of articles (rows of one article keep their order):
        chunks computed at other times may hold the articles in another order."""
        if "article_id" not in frame or len(frame) < 2:
            return frame
        positions = frame.article_id.map(self.position).to_numpy()
        if (positions[1:] >= positions[:-1]).all():
            return frame
        return frame.iloc[positions.argsort(kind="stable")].reset_index(drop=True)


def _to_pandas(data) -> pd.DataFrame:
    """Return a pyarrow table as pandas, the list columns as the pipeline makes them (``tokens`` a
    tuple, ``actors`` a list)."""
    lists = {name: data[name].to_pylist() for name in ("tokens", "actors") if name in data.column_names}
    frame = data.drop_columns(list(lists)).to_pandas() if lists else data.to_pandas()
    for name, values in lists.items():
        frame.insert(data.column_names.index(name), name,
                     pd.Series([tuple(v) for v in values] if name == "tokens" else values, dtype=object,
                               index=frame.index))
    return frame
