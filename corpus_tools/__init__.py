"""corpus_tools: the helpers behind the notebooks on the Chinese-language press and Sam Altman.

>>> import corpus_tools as ct
>>> ct.tokenize("奥特曼重返OpenAI")
['奥特曼', '重返', 'OpenAI']
"""

from .cache import clear_cache
from .ingest import KINDS as REMOVAL_KINDS
from .ingest import Removal, syndication_summary
from .entities import Mention, entity_table, find_mentions, mention_counts, resolve_entity
from .chronology import chronology
from .figures import save_figure, save_table, setup_figures
from .quantities import reported_figures
from .ingest import CorpusError, CorpusWarning, cleaning_summary, load_corpus, removals
from .pipeline import Analysis, analyse_corpus
from .reports import article_labels, article_means, key_events, mentions_long
from .stance import stance, target_sentences
from .study import Study, open_study
from .text import sentences, stopwords, tokenize
from .timeline_plot import timeline_figure

__all__ = [
    "Analysis",
    "CorpusError",
    "CorpusWarning",
    "Mention",
    "REMOVAL_KINDS",
    "Removal",
    "article_labels",
    "analyse_corpus",
    "article_means",
    "chronology",
    "cleaning_summary",
    "clear_cache",
    "entity_table",
    "find_mentions",
    "key_events",
    "load_corpus",
    "mention_counts",
    "mentions_long",
    "removals",
    "reported_figures",
    "resolve_entity",
    "save_figure",
    "save_table",
    "sentences",
    "stance",
    "setup_figures",
    "Study",
    "open_study",
    "stopwords",
    "syndication_summary",
    "target_sentences",
    "timeline_figure",
    "tokenize",
]
