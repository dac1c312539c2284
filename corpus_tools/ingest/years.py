"""Years for the dates a page prints without one, chosen across the corpus, with the reason.

A page that prints only ``5月20日`` (``X 5月20日消息``, ``中新网11月19日电`` under a repost's stamp) is
dated after every page is read, by the evidence in this order:

1. **The same story's dated copies** (a shared ``story_id``): the year that puts the month-day nearest
   to their first date.
2. **The page's own years and the articles it resembles.** Every year from the dated corpus's first
   year less one to its last year plus one (and not after a repost stamp the page prints) is a
   candidate; a candidate that falls before a full date the page itself prints is ruled out. Each
   remaining candidate is scored by the dated articles most like the page (TF-IDF of character
   bigrams, the ``NEIGHBOURS`` nearest): an article that tells the same events before the candidate
   date supports it, more the closer it is (``exp(-days / AFTER_DAYS)``); one dated after it counts
   against it (a page cannot report what had not happened). The best year wins only when it scores at
   least ``MARGIN`` times the next and at least ``MIN_SCORE``; otherwise the page stays undated and its basis names the competing
   years and their scores (a wrong year is worse than none), unless the page's own later stamp (a
   repost's, at most ``dates.REPOST_YEAR_DAYS`` after) gives the year, which the basis then says.

``date_basis`` says which evidence chose the year, or why none did.
"""

from __future__ import annotations

import math
import numpy as np
import pandas as pd

from ..scripts import fold
from .dates import _FULL, Pending, _stamp

#: Dated articles most like a page that vote on its year.
NEIGHBOURS = 10
#: Days over which the support of an earlier article for a candidate date halves (about) by e.
AFTER_DAYS = 120
#: Days an article may be dated after the candidate date and still be the same news.
SAME_NEWS_DAYS = 2
#: Weight, against its similarity, of an article dated after the candidate (it contradicts it).
LATER_WEIGHT = 0.5
#: How many times the next year's score the chosen year must score.
MARGIN = 2.0
#: Least cosine similarity for a dated article to count as telling the same events.
MIN_SIMILARITY = 0.05
#: Least score for a year to be chosen (about one close article of similarity 0.1; on the real set's
#: development part, the years chosen on less were as often wrong as right).
MIN_SCORE = 0.08
#: Pending pages compared with the dated ones in one sparse product (memory: BLOCK rows by the dated articles).
BLOCK = 64

def _printed_dates(text: str) -> list[pd.Timestamp]:
    """Full dates the page's text prints (the events it tells happened by then, give or take)."""
    stamps = (_stamp(m["y"], m["m"], m["d"]) for m in _FULL.finditer(fold(text)))
    return [stamp for stamp in stamps if stamp is not None]


class Resemblance:
    """The dated articles most like each pending page, by TF-IDF cosine of character bigrams (fitted
    once; ``nearest`` gives a page's neighbours as (id, date, similarity)). The chronology uses it too."""

    def __init__(self, dated: pd.DataFrame, pending_texts: dict[str, str]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.dated_ids = dated.article_id.tolist()
        self.dates = dated.published.tolist()
        vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(2, 2), sublinear_tf=True, min_df=1)
        texts = [fold(t) for t in dated.text] + [fold(t) for t in pending_texts.values()]
        matrix = vectorizer.fit_transform(texts)
        self.dated_matrix, self.pending_matrix = matrix[: len(self.dated_ids)], matrix[len(self.dated_ids):]
        self.pending_rows = {a: i for i, a in enumerate(pending_texts)}  # a pending page's row in pending_matrix
        self._dated_t, self._found = None, {}

    def nearest(self, article_id: str) -> list[tuple[str, pd.Timestamp, float]]:
        """Return the ``NEIGHBOURS`` dated articles most like page ``article_id``, as (id, date, similarity),
        the most alike first, those of similarity at least ``MIN_SIMILARITY`` only."""
        if article_id not in self._found:
            self.prepare([article_id])
        return self._found[article_id]

    def prepare(self, article_ids) -> None:
        """Find the neighbours of many pages at once, ``BLOCK`` pages to a product (one page at a time,
        each product reads the whole dated matrix again; the similarities are the same)."""
        waiting = [a for a in dict.fromkeys(article_ids) if a not in self._found]
        if waiting and self._dated_t is None:
            self._dated_t = self.dated_matrix.T.tocsr()
        for start in range(0, len(waiting), BLOCK):
            block = waiting[start:start + BLOCK]
            similarities = (self.pending_matrix[[self.pending_rows[a] for a in block]] @ self._dated_t).toarray()
            for article_id, similarity in zip(block, similarities):
                order = np.argsort(-similarity, kind="stable")[:NEIGHBOURS]
                self._found[article_id] = [(self.dated_ids[i], self.dates[i], float(similarity[i])) for i in order
                                           if similarity[i] >= MIN_SIMILARITY and self.dated_ids[i] != article_id]


def date_support(candidate: pd.Timestamp, neighbours: list[tuple[str, pd.Timestamp, float]]) -> float:
    """Return how well the dated ``neighbours`` (id, date, similarity) support ``candidate`` as the date
    of a page like them: earlier coverage adds, more the closer it is; later coverage subtracts."""
    score = 0.0
    for _, date, similarity in neighbours:
        days = (candidate.normalize() - date.normalize()).days
        if days >= -SAME_NEWS_DAYS:
            score += similarity * math.exp(-max(days, 0) / AFTER_DAYS)
        else:
            score -= similarity * LATER_WEIGHT
    return score


def clear_winner(scores: dict[int, float]) -> int | None:
    """Return the year of ``scores`` that wins clearly (at least ``MIN_SCORE``, and ``MARGIN`` times a
    positive runner-up; ties go to the later year), else None. The chronology asks the same of an
    undated article's month-days."""
    if not scores:
        return None
    ranked = sorted(scores, key=lambda y: (-scores[y], -y))
    best, runner = ranked[0], (ranked[1] if len(ranked) > 1 else None)
    if scores[best] < MIN_SCORE or (runner is not None and scores[runner] > 0 and scores[best] < MARGIN * scores[runner]):
        return None
    return best


def _from_copies(pending: Pending, copies: pd.DataFrame) -> tuple[pd.Timestamp | None, str]:
    reference = copies.published.min()
    if pending.month is None:  # only the day: the copies date it if they agree within a day
        gap = abs(reference.day - pending.day)
        if min(gap, 31 - gap) > 1:
            return None, (f"missing: a dateline gives only the day ({pending.day}日), and the same story's "
                          f"copies are dated {reference.date()}")
        return reference.normalize(), (f"inferred: the page's dateline gives only the day ({pending.day}日, where "
                                       f"the reporter was); date {reference.date()} from the same story's dated copies")
    options = {year: _stamp(year, pending.month, pending.day, pending.hour, pending.minute)
               for year in (reference.year - 1, reference.year, reference.year + 1)}
    options = {year: stamp for year, stamp in options.items() if stamp is not None}
    if not options:
        return None, f"missing: {pending.month}月{pending.day}日 is no date"
    year = min(options, key=lambda y: abs(options[y] - reference))
    stamp = options[year]
    return stamp, (f"inferred: the page's dateline gives {pending.month}月{pending.day}日 without a year; "
                   f"year {year} from the same story's dated copies ({reference.date()})")


def _from_resemblance(pending: Pending, text: str, neighbours: list, years: range) -> tuple[pd.Timestamp | None, str]:
    what = f"{pending.month}月{pending.day}日"
    printed = _printed_dates(text)
    latest_printed = max(printed) if printed else None
    candidates = {}
    for year in years:
        stamp = _stamp(year, pending.month, pending.day, pending.hour, pending.minute)
        if stamp is None or (not pd.isna(pending.not_after) and stamp > pending.not_after):
            continue
        candidates[year] = stamp
    consistent = {y: s for y, s in candidates.items()
                  if latest_printed is None or s >= latest_printed - pd.Timedelta(days=SAME_NEWS_DAYS)}
    ruled_out = sorted(set(candidates) - set(consistent))
    candidates = consistent or candidates
    if not neighbours or not candidates:
        return None, f"missing: a dateline {what} without a year, and nothing in the page or the corpus gives the year"
    scores = {year: date_support(stamp, neighbours) for year, stamp in candidates.items()}
    best = clear_winner(scores)
    listed = ", ".join(f"{y}: {scores[y]:.2f}" for y in sorted(scores))
    printed_note = (f"; years before the page's own date {latest_printed.date()} ruled out ({', '.join(map(str, ruled_out))})"
                    if ruled_out and consistent else "")
    if best is None:
        return None, (f"ambiguous: a dateline {what} without a year; the articles it resembles do not choose "
                      f"between the years (scores {listed}){printed_note}")
    supporters = ", ".join(a for a, _, _ in neighbours[:3])
    return candidates[best], (f"inferred: the page's dateline gives {what} without a year; year {best} fits the "
                              f"dated articles it resembles best (scores {listed}; nearest {supporters}){printed_note}")


def infer_years(corpus: pd.DataFrame, pending: dict[str, Pending]) -> None:
    """Date, in ``corpus`` (changed in place: ``published`` and ``date_basis``), the articles of
    ``pending`` (article id -> the date they print without a year), by the evidence the module's
    docstring lists; those no evidence dates keep NaT and a basis saying why."""
    dated = corpus[corpus.published.notna()]
    if dated.empty:
        for article_id, item in pending.items():
            what = f"{item.month}月{item.day}日" if item.month else f"{item.day}日"
            corpus.loc[article_id, "date_basis"] = (f"missing: a dateline {what} without a year, and nothing in "
                                                    "the page or the corpus gives the year")
        return
    years = range(int(dated.published.dt.year.min()) - 1, int(dated.published.dt.year.max()) + 2)
    by_story = dict(iter(dated.groupby("story_id", sort=False)))
    found_copies = {}
    for article_id, item in sorted(pending.items()):
        copies = by_story.get(corpus.at[article_id, "story_id"], dated.iloc[:0])
        copies = copies[copies.article_id != article_id]
        if not pd.isna(item.not_after):
            copies = copies[copies.published <= item.not_after + pd.Timedelta(days=SAME_NEWS_DAYS)]
        found_copies[article_id] = copies
    waiting = {a: corpus.at[a, "text"] for a, p in sorted(pending.items()) if p.month is not None}
    resemblance = None
    if any(found_copies[a].empty for a in waiting):
        resemblance = Resemblance(dated, waiting)
        resemblance.prepare(a for a in waiting if found_copies[a].empty)  # all at once: far faster
    for article_id, item in sorted(pending.items()):
        row = corpus.loc[article_id]
        copies = found_copies[article_id]
        if not copies.empty:
            stamp, basis = _from_copies(item, copies)
        elif item.month is None:
            stamp, basis = None, f"missing: a dateline gives only the day ({item.day}日)"
        else:
            stamp, basis = _from_resemblance(item, row.text, resemblance.nearest(article_id), years)
        if stamp is None and item.fallback_year is not None:
            stamp = _stamp(item.fallback_year, item.month, item.day, item.hour, item.minute)
            basis = (f"inferred: the page's dateline gives {item.month}月{item.day}日 without a year; year "
                     f"{item.fallback_year} from the page's later stamp {item.not_after.date()} (a repost's), as "
                     f"the corpus does not choose ({basis.split(': ', 1)[0]})")
        if stamp is not None:
            corpus.loc[article_id, "published"] = stamp
        corpus.loc[article_id, "date_basis"] = basis
