"""Date the events the articles report: time expressions and their reference times, event types, merging.

The flow, one module each:

- ``expressions``: find the time expressions of each sentence (jionlp, on the text folded to
  Simplified script) and read each against its reference time: the article's own date for deictic
  words, the last dated event of the passage for anaphoric ones, nothing for absolute dates;
- ``events``: type the event each expression dates with a trigger lexicon in both scripts, name the
  people who act, and date the sentences without date words by their passage's one date;
- ``years``: the years of an undated article's month-days, chosen across the corpus;
- ``merging``: one row per event across the articles, with each article's reading of its date.

Only the cleaned article text is read, so page chrome and recommendation lists never date anything.
"""

from __future__ import annotations

import pandas as pd

from .events import (EVENT_COLUMNS, ArticleReading, article_events, dated_events, event_type, event_types, find_trigger, text_events,
                     trigger_lexicon)
from .expressions import (EXPRESSION_COLUMNS, article_expressions, paragraph_ids, passage_ids, precision_of,
                          resolve_expressions)
from .merging import CHRONOLOGY_COLUMNS, california_day_differs, merge_events
from .years import choose_years

__all__ = [
    "ArticleReading", "CHRONOLOGY_COLUMNS", "EVENT_COLUMNS", "EXPRESSION_COLUMNS", "article_events", "article_expressions",
    "california_day_differs", "choose_years", "chronology", "dated_events", "event_type", "event_types", "find_trigger",
    "merge_events", "paragraph_ids", "passage_ids", "text_events", "precision_of", "resolve_expressions", "trigger_lexicon",
]


def chronology(corpus: pd.DataFrame) -> pd.DataFrame:
    """Return one row per dated event the articles report, merged across articles.

    Columns: date_start, date_end (naive Timestamps, on the clock the text reads: ``clock``),
    precision ('day', 'month', 'year'), event_type, label and label_zh, expression (the words that
    dated it), text (the evidence sentence), actors (entity ids of who acts, most named first),
    article_id (comma-separated ids), n_articles (and n_sources, the same), readings (each article's
    reading of the date; also as dates_reported), sources_disagree, dated_by ('absolute', 'article
    date', 'anaphora', 'context', 'bounds': a milestone told as what finally happened, between the
    article's last date before it and its own date), clock ('local', 'Beijing', 'article', 'unstated'),
    california_day_differs ('yes', 'no', 'possibly'), after_publication (a forecast or an error),
    rule (how the date was resolved); label is who did what (董事会罢免奥特曼: actor, the type's verb and
    whom it was done to, never the time words) and type_label the type's name; year_disagreement lists
    the readings a year off the row (an article's year misread), date_inferred says 'yes' when every
    reading rests on an undated article's year chosen across the corpus (``years``), background 'yes'
    for an event before the corpus's first publication. Rows dated after the corpus's last publication
    are left out and listed in ``attrs['after_last_publication']``.

    Computed with the rest of the analysis by ``analyse_corpus`` (and cached with it).
    """
    from ..pipeline import analyse_corpus

    return analyse_corpus(corpus).chronology
