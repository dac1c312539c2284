"""The story the press tells: phases found in the data, a timeline summary of cited sentences that
stand alone, the generic summarisers it is measured against, the measures, and what changed between
periods.

- ``timeline``: key events from the chronology and one sentence for each (``timeline_summary``);
- ``phases``: bursts of dated events, titled by their dates and events (``find_phases``);
- ``standalone``: whether a sentence can be quoted alone, and mending it (``stands_alone``, ``restore``);
- ``baselines``: TextRank with MMR and jionlp's summariser (``baseline_timeline``);
- ``compare``: ours and the baselines against every reference, and the references' own agreement;
- ``measures``: date-F1, concat ROUGE over characters, events told with their dates, and the share of
  sentences that cannot stand alone, against a reference timeline (``score_timeline``);
- ``words``: the words most distinctive of the first and the last period (weighted log-odds);
- ``findings``: notebook 03's findings, written from computed values.
"""

from .baselines import baseline_timeline, content_tokens, jionlp_summary, mmr, pagerank, similarity_matrix, textrank
from .compare import agreement, bundled_references, compare, timelines
from .findings import narrative_findings, summary_markdown
from .measures import concat_rouge, date_f1, events_told, read_reference, score_timeline, standalone_share
from .phases import find_phases, phase_of
from .standalone import dependent_opening, restore, stands_alone
from .timeline import SUMMARY_COLUMNS, key_events, sentence_dates, timeline_summary
from .words import distinctive_words, is_content_word

__all__ = ["SUMMARY_COLUMNS", "agreement", "baseline_timeline", "bundled_references", "compare", "distinctive_words",
           "is_content_word", "narrative_findings", "summary_markdown", "timelines", "concat_rouge", "content_tokens", "date_f1", "dependent_opening", "events_told",
           "find_phases", "jionlp_summary", "key_events", "mmr", "pagerank", "phase_of", "read_reference", "restore",
           "score_timeline", "sentence_dates", "similarity_matrix", "stands_alone", "standalone_share", "textrank",
           "timeline_summary"]
