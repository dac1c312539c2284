"""Compatibility: cleaning moved to ``corpus_tools.ingest.boilerplate``."""

from .ingest.boilerplate import KINDS, CleanedPage, Removal, clean_page, count_chars  # noqa: F401
