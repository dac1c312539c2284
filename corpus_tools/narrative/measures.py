"""How good a timeline summary is, against a reference timeline written by a reader.

The measures of the timeline-summarisation literature (TILSE, Martschat and Markert 2018), for
Chinese text:

- **date-F1**: a summary date matches when it lies within a reference row's window; precision is the
  share of the summary's distinct dates that match, recall the share of the reference's windows that
  some summary date falls in. Only rows dated to a day or two count as dates: a month is not a date.
- **concat ROUGE-1 and ROUGE-2 over characters**: all the summary's sentences against all the
  reference's, as character unigrams and bigrams (Chinese has no spaces to split words at, and
  characters do not depend on a segmenter); punctuation and spaces left out; F1 of the n-gram overlap.
- **events told with their dates**: of a list of events (a window, words that name it, the people
  it is about), those told by a row whose sentence names the event and its people and whose dates
  overlap its window without being vaguer than a month or two;
- **sentences that cannot stand alone**: the share of rows that open with a connective, pronoun or
  demonstrative needing the sentence before (``standalone.dependent_opening``).

A reference timeline is a CSV: date_start, date_end, summary (one or two sentences in the writer's
own words), event_ids (optional).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pandas as pd

from .standalone import dependent_opening

#: A summary row spanning more days than this is not a date (it is a month, or a season).
MAX_DATE_SPAN_DAYS = 2
#: A row spanning more days than this does not tell an event "with its date".
MAX_EVENT_SPAN_DAYS = 62
_NOT_COUNTED = re.compile(r"[\s\W_]+")


def read_reference(path: str | Path) -> pd.DataFrame:
    """Return a reference timeline: date_start, date_end (Timestamps, whole days), summary, event_ids
    (a list, empty when the writer gave none), in date order."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table["date_start"] = pd.to_datetime(table.date_start.str.strip())
    ends = table.date_end.str.strip().where(table.date_end.str.strip() != "", table.date_start.dt.strftime("%Y-%m-%d"))
    table["date_end"] = pd.to_datetime(ends) + pd.Timedelta(hours=23, minutes=59, seconds=59)
    ids = table.event_ids if "event_ids" in table else pd.Series("", index=table.index)
    table["event_ids"] = [[e.strip() for e in str(v).split(";") if e.strip()] for v in ids]
    return table.sort_values(["date_start", "date_end"], kind="stable").reset_index(drop=True)


def _days(start, end) -> tuple[pd.Timestamp, pd.Timestamp]:
    start = pd.Timestamp(start).normalize()
    end = pd.Timestamp(end if pd.notna(end) else start).normalize()
    return start, max(end, start)


def date_f1(summary: pd.DataFrame, reference: pd.DataFrame, max_span_days: int | None = MAX_DATE_SPAN_DAYS) -> dict:
    """Return precision, recall and F1 of the summary's dates against the reference's windows.

    >>> ref = pd.DataFrame({"date_start": pd.to_datetime(["2023-11-17", "2024-09-25"]),
    ...                     "date_end": pd.to_datetime(["2023-11-18", "2024-09-26"])})
    >>> ours = pd.DataFrame({"date_start": pd.to_datetime(["2023-11-18", "2023-11-18", "2023-12-01"]),
    ...                      "date_end": pd.to_datetime(["2023-11-18", "2023-11-18", "2023-12-31"])})
    >>> {k: round(v, 2) for k, v in date_f1(ours, ref).items()}
    {'precision': 1.0, 'recall': 0.5, 'f1': 0.67, 'dates': 1, 'reference_dates': 2}
    """
    dates = sorted({_days(s, e) for s, e in zip(summary.date_start, summary.date_end) if pd.notna(s)})
    if max_span_days is not None:
        dates = [(s, e) for s, e in dates if (e - s).days < max_span_days]
    windows = sorted({_days(s, e) for s, e in zip(reference.date_start, reference.date_end)})

    def overlaps(a, b):
        return a[0] <= b[1] and a[1] >= b[0]
    matched = sum(any(overlaps(d, w) for w in windows) for d in dates)
    found = sum(any(overlaps(d, w) for d in dates) for w in windows)
    precision = matched / len(dates) if dates else 0.0
    recall = found / len(windows) if windows else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "dates": len(dates), "reference_dates": len(windows)}


def characters(text: str) -> str:
    """Return the characters ROUGE counts: letters, digits and CJK characters, lower-cased.

    >>> characters("OpenAI 罢免了“奥特曼”。")
    'openai罢免了奥特曼'
    """
    return _NOT_COUNTED.sub("", str(text)).lower()


def rouge_n(candidate: str, reference: str, n: int) -> dict:
    """Return recall, precision and F1 of the character n-grams of ``candidate`` against ``reference``.

    >>> rouge_n("董事会罢免奥特曼", "奥特曼被董事会罢免", 2)["recall"]
    0.75
    """
    grams = lambda s: Counter(s[i:i + n] for i in range(len(s) - n + 1))  # noqa: E731
    ours, theirs = grams(characters(candidate)), grams(characters(reference))
    overlap = sum((ours & theirs).values())
    recall = overlap / sum(theirs.values()) if theirs else 0.0
    precision = overlap / sum(ours.values()) if ours else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"recall": recall, "precision": precision, "f1": f1}


def concat_rouge(texts: list[str], reference_texts: list[str]) -> dict:
    """Return concat ROUGE-1 and ROUGE-2 F1 (and recall) of all the texts against all the reference's."""
    ours, theirs = "".join(map(str, texts)), "".join(map(str, reference_texts))
    one, two = rouge_n(ours, theirs, 1), rouge_n(ours, theirs, 2)
    return {"rouge1_f1": one["f1"], "rouge2_f1": two["f1"], "rouge1_recall": one["recall"], "rouge2_recall": two["recall"]}


def events_told(summary: pd.DataFrame, events: pd.DataFrame, names) -> pd.DataFrame:
    """Return, per event, whether a row of the summary tells it with its date: the row's sentence names
    it (``names(text, event)`` says so) and the row's dates overlap the event's window (date_start,
    date_end) while spanning at most ``MAX_EVENT_SPAN_DAYS``. Columns: event_id, told, row (the first
    row telling it, or -1)."""
    rows = []
    for event in events.itertuples():
        low, high = _days(event.date_start, event.date_end)
        first = -1
        for i, row in enumerate(summary.itertuples()):
            if pd.isna(row.date_start):
                continue
            start, end = _days(row.date_start, row.date_end)
            if (end - start).days <= MAX_EVENT_SPAN_DAYS and start <= high and end >= low and names(row.text, event):
                first = i
                break
        rows.append({"event_id": event.event_id, "told": first >= 0, "row": first})
    return pd.DataFrame(rows, columns=["event_id", "told", "row"])


def standalone_share(texts) -> float:
    """Return the share of sentences that cannot stand alone (0 for none).

    >>> standalone_share(["董事会罢免奥特曼。", "然而他回来了。"])
    0.5
    """
    texts = list(texts)
    return sum(bool(dependent_opening(t)) for t in texts) / len(texts) if texts else 0.0


def score_timeline(summary: pd.DataFrame, reference: pd.DataFrame, text_column: str = "text",
                   max_span_days: int | None = MAX_DATE_SPAN_DAYS) -> dict:
    """Return every measure of a timeline against a reference: rows, date precision, recall and F1,
    concat ROUGE-1/2 F1 and recall, the share that cannot stand alone, and whether rows are in date order."""
    dates = date_f1(summary, reference, max_span_days)
    return {"rows": len(summary), "date_precision": dates["precision"], "date_recall": dates["recall"],
            "date_f1": dates["f1"], **concat_rouge(summary[text_column].tolist(), reference.summary.tolist()),
            "not_standalone": standalone_share(summary[text_column]),
            "date_order": bool(pd.Series(summary.date_start).is_monotonic_increasing)}
