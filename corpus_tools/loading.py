"""Compatibility: loading moved to ``corpus_tools.ingest`` (see ``corpus_tools.ingest.assembly``)."""

from .ingest.assembly import PARALLEL_BYTES, load_article, load_corpus  # noqa: F401
from .ingest.dates import TIMEZONE, to_beijing  # noqa: F401
from .ingest.errors import CorpusError, CorpusWarning  # noqa: F401
from .ingest.formats import decode  # noqa: F401
