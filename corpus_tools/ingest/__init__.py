"""Ingestion: from a folder of pages and tables to the corpus table, in the order the data flows.

``formats`` reads .txt, .html and tables; ``boilerplate`` removes page chrome and records every
removed line; ``dates`` finds the publication date and says where it came from; ``attribution``
finds the outlet and the original source; ``duplicates`` groups syndicated copies; ``assembly``
joins them with a folder's metadata in ``load_corpus``, the one entry point; ``summary`` shows
what the cleaning removed.
"""

from .assembly import load_corpus
from .boilerplate import KINDS, Removal, clean_page, count_chars
from .duplicates import syndication_summary
from .errors import CorpusError, CorpusWarning
from .summary import cleaning_summary, removals

__all__ = ["KINDS", "CorpusError", "CorpusWarning", "Removal", "clean_page", "cleaning_summary", "count_chars",
           "load_corpus", "removals", "syndication_summary"]
