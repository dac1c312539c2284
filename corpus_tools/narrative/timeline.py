"""The timeline summary: the key dates of the story, each told by one sentence of the press, cited.

In the manner of the timeline-summarisation literature (TILSE, Martschat and Markert 2018; news-tls,
Ghalandari and Ifrim 2020): first choose the dates, then a sentence for each. The dates are the
chronology's events (``ct.chronology``), ranked by how many sources corroborate them and how central
they are to the target (the target among the actors, actors named at all, a date to the day rather than
a month or a range), each event once, a misdated echo of a better-told event demoted, and every kind of
event, day and person the press corroborates given its turn. Then, for each chosen event, the most
important first, the one sentence that reports it best among those the chronology read it from: one
that stands alone (``standalone``; or is mended to: an event with no such sentence is not told), names
the event's actors, comes from the article published nearest after the event, is of a readable length
and says what the other reports of the event say. Every row is cited by outlet, date, article and
sentence.
"""

from __future__ import annotations

import math
import re
from collections import Counter

import pandas as pd

from .measures import characters
from .phases import find_phases, phase_of
from .standalone import refers_to_someone, restore, stands_alone

#: At most this many rows in a summary.
MAX_ROWS = 40
#: Sentences shorter than this (a heading, a salutation) or longer than this are poor summaries.
MIN_CHARS, MAX_CHARS = 15, 160

SUMMARY_COLUMNS = ["date_start", "date_end", "phase", "event", "text", "source", "article_id", "sentence_id"]
#: The summary's columns and those the notebook and the measures use beside them.
KEY_COLUMNS = ["date_start", "date_end", "precision", "event_type", "label", "actors", "n_articles", "score"]


def _actor_list(actors) -> list[str]:
    if isinstance(actors, (list, tuple)):
        return [a for a in actors if a]
    return [a.strip() for a in str(actors or "").split(",") if a.strip() and str(actors) != "nan"]


#: How much more a key event counts when the target is among its actors.
TARGET_WEIGHT = 0.25
#: A row spanning more days than this (a month, "between mid-month and the article's date") is a broad
#: date: it says less about when, and opens a phase before its events began.
BROAD_DAYS = 2
#: How much less a broad-dated row counts.
BROAD_PENALTY = 1.0


def _sources(row) -> float:
    """How many independent sources tell a row: its stories (syndicated copies once) when the chronology
    counts them, else its articles."""
    value = getattr(row, "n_sources", None)
    return float(value if value is not None and pd.notna(value) else row.n_articles)


def _broad(row) -> bool:
    return row.precision != "day" or (row.date_end - row.date_start).days >= BROAD_DAYS


def event_score(row, target: str) -> float:
    """Return how much a chronology row counts as a key event: its number of sources (``_sources``),
    plus ``TARGET_WEIGHT`` when the target is among its actors, a half when it names any actor, a half
    when dated to the day, and a half when it is a milestone (a removal, a return, a departure…:
    ``chronology.events.MILESTONES``) rather than a statement, a meeting or a market's reaction; less
    ``BROAD_PENALTY`` when its dates span more than ``BROAD_DAYS`` days."""
    from ..chronology.events import MILESTONES

    actors = _actor_list(row.actors)
    return (_sources(row) + (TARGET_WEIGHT if target in actors else 0.0) + (0.5 if actors else 0.0)
            + (0.5 if row.precision == "day" else 0.0) + (0.5 if row.event_type in MILESTONES else 0.0)
            - (BROAD_PENALTY if _broad(row) else 0.0))


def _weak(row) -> bool:
    """Whether a row is too weak to be a key event: it names no one, rests on one source, is not dated
    to the day and is no milestone (``上月中旬`` someone raised money): nothing says who, or when, and
    it is no turn of the story."""
    from ..chronology.events import MILESTONES

    return (not _actor_list(row.actors) and _sources(row) <= 1 and _broad(row)
            and row.event_type not in MILESTONES)


#: Two rows of one event type with the same actors within this many days tell one event (dated
#: differently by different articles): only the more corroborated is kept.
SAME_EVENT_DAYS = 30
#: Further apart, a row of the same type and actors as one chosen, or of the same type sharing a person
#: with one chosen that ``ECHO_RATIO`` times as many sources tell, counts this much less for each (an
#: event told again months later by a few is more often a recollection misdated than a second event).
REPEAT_PENALTY = 1.5
ECHO_RATIO = 3.0
#: Each row already chosen on a day makes another row of that day count this much less, so that the
#: key dates spread over the story rather than crowd its busiest days.
SAME_DAY_PENALTY = 0.5
#: A row naming someone no chosen row names yet counts this much more: the summary meets the whole cast.
NEW_ACTOR_BONUS = 1.0
#: A row of a type no chosen row has yet counts this much more: every kind of event the press
#: corroborates is told.
NEW_TYPE_BONUS = 1.0


def key_events(chronology: pd.DataFrame, target: str, max_rows: int = MAX_ROWS) -> pd.DataFrame:
    """Return the chronology rows chosen as key events, in date order: the story's own events (not
    background told from before the corpus, not dated only to a year, not dated after the article that
    reports them, not ``_weak``), chosen greedily by ``event_score`` (ties to the earlier date), each
    event once: a row of the same type and actors as one chosen within ``SAME_EVENT_DAYS`` is left out,
    one further away, or of the same type sharing a person with a chosen one told by ``ECHO_RATIO``
    times as many sources, counts ``REPEAT_PENALTY`` less for each; a row of a new day, a new person or a new type counts more (``SAME_DAY_PENALTY``,
    ``NEW_ACTOR_BONUS``, ``NEW_TYPE_BONUS``). At most ``max_rows``. Columns: those of the chronology,
    score, and rank (the order in which the rows were chosen, from 0: the most important first)."""
    rows = chronology
    if "background" in rows:
        rows = rows[rows.background.astype(str) != "yes"]
    rows = rows[rows.precision != "year"]
    if "after_publication" in rows:
        rows = rows[~rows.after_publication.astype(bool)]
    rows = _where(rows, [not _weak(r) for r in rows.itertuples()])
    rows = rows.assign(score=[event_score(r, target) for r in rows.itertuples()])
    ranked = rows.sort_values(["score", "date_start"], ascending=[False, True], kind="stable")
    keys = [(kind, frozenset(_actor_list(a))) for kind, a in zip(ranked.event_type, ranked.actors)]
    days = list(ranked.date_start.dt.normalize())
    sources = [_sources(r) for r in ranked.itertuples()]
    chosen: list[int] = []
    cast: set[str] = set()
    kinds: set[str] = set()
    pending = list(range(len(ranked)))
    while pending and len(chosen) < max_rows:
        best, best_score = None, None
        for i in pending:
            kind, people = keys[i]
            same = [j for j in chosen if keys[j] == keys[i]]
            if any(abs((ranked.date_start.iloc[i] - ranked.date_start.iloc[j]).days) <= SAME_EVENT_DAYS for j in same):
                continue
            repeats = sum(keys[j][0] == kind and (keys[j] == keys[i] or (bool(keys[j][1] & people)
                                                                         and sources[j] >= ECHO_RATIO * sources[i]))
                          for j in chosen)
            same_day = sum(days[j] == days[i] for j in chosen)
            score = ranked.score.iloc[i] - REPEAT_PENALTY * repeats - SAME_DAY_PENALTY * same_day
            score += (NEW_ACTOR_BONUS if people - cast else 0.0) + (NEW_TYPE_BONUS if kind not in kinds else 0.0)
            if best_score is None or score > best_score:
                best, best_score = i, score
        if best is None:
            break
        chosen.append(best)
        cast |= keys[best][1]
        kinds.add(keys[best][0])
        pending = [i for i in pending if i != best]
    order = {position: rank for rank, position in enumerate(chosen)}
    picked = ranked.iloc[sorted(chosen)].assign(rank=[order[p] for p in sorted(chosen)])
    return picked.sort_values(["date_start", "date_end", "event_type"], kind="stable")


def sentence_events(sents: pd.DataFrame) -> pd.DataFrame:
    """Return the event each sentence tells, whether it dates it or not: article_id, sentence_id,
    event_type (``chronology.events.find_trigger``; 'other' when none), main_type (the type its main
    clause tells, once subordinate time clauses such as 在…被解雇后 are set aside) and actors (entity
    ids)."""
    from ..chronology.events import actors, find_trigger, main_clause

    rows = []
    for article, sentence, text in zip(sents.article_id, sents.sentence_id, sents.text):
        kind, start, end = find_trigger(text)
        main = main_clause(text)
        main_kind = kind if main is text else find_trigger(main)[0]
        rows.append((article, sentence, kind, main_kind, tuple(actors(text, kind, start, end)) if kind != "other" else ()))
    return pd.DataFrame(rows, columns=["article_id", "sentence_id", "event_type", "main_type", "actors"])


#: A sentence that does not date its event may report it when its article appeared up to this many
#: days after the event.
REPORT_DAYS = 45


_READ_DAY = re.compile(r"= (\d{4}-\d{2}-\d{2})\b")


def reported_days(row) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Return an event's dates as the press reports them: for an event dated to the day, from its
    date to the latest day an article reads it on within a day after (a removal announced on Friday
    in California is Saturday's news in Beijing: 周五 = 11-17 and 周六早晨 = 11-18), or to the next day
    when the chronology read it on the local clock (当地时间: of a place behind Beijing, as the places
    in the news nearly always are, whose day is that day or the next in Beijing); else its own dates.

    >>> row = pd.Series({"date_start": pd.Timestamp("2023-11-17"), "date_end": pd.Timestamp("2023-11-17 23:59:59"),
    ...                  "precision": "day", "dates_reported": "a: 周五 = 2023-11-17; b: 周六早晨 = 2023-11-18; c: 上月 = 2023-11"})
    >>> [f"{d:%m-%d}" for d in reported_days(row)]
    ['11-17', '11-18']
    >>> local = pd.Series({**row, "dates_reported": "a: 当地时间周五 = 2023-11-17", "clock": "local"})
    >>> [f"{d:%m-%d}" for d in reported_days(local)]
    ['11-17', '11-18']
    """
    start, end = row["date_start"], row["date_end"]
    if row["precision"] != "day":
        return start, end
    days = [pd.Timestamp(d) for d in _READ_DAY.findall(str(row.get("dates_reported", "")))]
    if row.get("clock") == "local":
        days.append(start.normalize() + pd.Timedelta(days=1))
    later = [d for d in days if start.normalize() < d <= start.normalize() + pd.Timedelta(days=1)]
    return start, max([end] + [d + pd.Timedelta(hours=23, minutes=59, seconds=59) for d in later])


def _where(table: pd.DataFrame, mask: list[bool]) -> pd.DataFrame:
    """The rows of ``table`` where ``mask`` holds (an empty mask keeps the columns)."""
    return table.loc[pd.Series(mask, index=table.index, dtype=bool)]


def _candidates(row, events: pd.DataFrame, told: pd.DataFrame, published: pd.Series, named: pd.Series) -> pd.DataFrame:
    """The sentences that may report a key event: those the chronology read it from (the per-article
    events of its type in its articles, with the same actors or none, dated within a day of it), and
    the sentences that tell an event of its type with all its actors (or, when it has none, in its
    articles) without dating it elsewhere, from articles published from the day before it to
    ``REPORT_DAYS`` after."""
    articles = {a.strip() for a in str(row.article_id).split(",")}
    actors = set(_actor_list(row.actors))
    near = (events.date_start <= row.date_end + pd.Timedelta(days=1)) & (events.date_end >= row.date_start - pd.Timedelta(days=1))
    dated = events[(events.event_type == row.event_type) & events.article_id.isin(articles) & near]
    dated = _where(dated, [not actors or bool(actors & set(_actor_list(a))) or not _actor_list(a) for a in dated.actors])
    elsewhere = set(zip(events.article_id[~near], events.sentence_id[~near]))
    when = told.article_id.map(published)
    window = (when >= row.date_start.normalize() - pd.Timedelta(days=1)) & (when <= row.date_end + pd.Timedelta(days=REPORT_DAYS))
    same = told[(told.event_type == row.event_type) & window]
    if actors:
        same = _where(same, [actors <= set(a) | named.get((i, j), set())
                             for i, j, a in zip(same.article_id, same.sentence_id, same.actors)])
    else:
        same = same[same.article_id.isin(articles)]
    same = _where(same, [(a, i) not in elsewhere for a, i in zip(same.article_id, same.sentence_id)])
    pool = pd.concat([dated[["article_id", "sentence_id"]].assign(dates_it=True),
                      same[["article_id", "sentence_id"]].assign(dates_it=False)], ignore_index=True)
    pool = pool.drop_duplicates(["article_id", "sentence_id"])
    main = told.set_index(["article_id", "sentence_id"]).main_type
    return pool.assign(in_main=[main.get((a, i)) == row.event_type for a, i in zip(pool.article_id, pool.sentence_id)])


def _antecedent(article_id: str, sentence_id: int, mentions: pd.DataFrame, short_names: dict[str, str],
                people: frozenset) -> str | None:
    """The person named last in the two sentences before, when only one person is named there."""
    before = mentions[(mentions.article_id == article_id) & (mentions.sentence_id < sentence_id)
                      & (mentions.sentence_id >= sentence_id - 2) & mentions.entity_id.isin(people)]
    named = before.entity_id.unique()
    return short_names.get(named[0], named[0]) if len(named) == 1 else None


_CLAUSE_MARK = re.compile(r"[,，;；:：]")
_FINAL_MARKS = "。．.！!？?）)”」』 "


def is_caption(text: str, names: set[tuple[int, int]]) -> bool:
    """Return whether a sentence is a caption rather than a report: one clause that is a noun phrase
    ending on a person's name after 的 (``names``: the start and end of each person's name in it), as
    a photograph's caption is (上周出席峰会的林德华。).

    >>> is_caption("上周出席峰会的林德华。", {(7, 10)}), is_caption("董事会周五罢免了林德华。", {(8, 11)})
    (True, False)
    """
    body = str(text).rstrip(_FINAL_MARKS)
    return not _CLAUSE_MARK.search(body) and any(end == len(body) and start > 0 and body[start - 1] == "的"
                                                 for start, end in names)


def sentence_score(text: str, mended: str, named: set[str], actors: list[str], days_after: float) -> float:
    """Return how well a sentence tells an event: it stands alone (as written: 3; once mended: 2), names
    the event's actors (2 for all of them), has a readable length (1), comes from an article published
    soon after the event (up to 1, less a tenth for each day, none before the event)."""
    alone = 3.0 if stands_alone(text) else (2.0 if stands_alone(mended) else 0.0)
    share = len(set(actors) & named) / len(actors) if actors else 0.5
    length = 1.0 if MIN_CHARS <= len(text) <= MAX_CHARS else 0.0
    nearness = 0.0 if days_after < -1 else max(0.0, 1.0 - 0.1 * max(days_after, 0.0))
    return alone + 2.0 * share + length + nearness


#: How much a sentence's likeness to the other sentences that report the same event counts (news-tls
#: picks the sentence nearest its date's centroid): what several sources say, in the words they share.
CENTRALITY_WEIGHT = 1.0


def _bigrams(text: str) -> Counter:
    chars = characters(text)
    return Counter(chars[i:i + 2] for i in range(len(chars) - 1))


def centrality(texts: list[str]) -> list[float]:
    """Return, for each text, its mean cosine similarity (over character bigrams) to the others: how
    much it says what the others say (0 for a text alone).

    >>> [round(v, 2) for v in centrality(["董事会罢免了奥特曼", "奥特曼被董事会罢免", "股价上涨"])]
    [0.37, 0.37, 0.0]
    """
    grams = [_bigrams(t) for t in texts]
    norms = [math.sqrt(sum(v * v for v in g.values())) or 1.0 for g in grams]
    if len(grams) < 2:
        return [0.0] * len(grams)
    scores = []
    for i, g in enumerate(grams):
        similar = [sum(g[k] * h[k] for k in g.keys() & h.keys()) / (norms[i] * norms[j])
                   for j, h in enumerate(grams) if j != i]
        scores.append(sum(similar) / len(similar))
    return scores


def timeline_summary(corpus: pd.DataFrame, target: str = "altman", chronology: pd.DataFrame | None = None,
                     max_rows: int = MAX_ROWS, analysis=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (the timeline summary; its phases) for a corpus.

    The summary has one row per key event (``key_events``, taken in the order they were chosen; one
    with no sentence that stands alone, even mended, is passed over for the next), in date order, at most
    ``max_rows``: date_start, date_end
    (the event's dates, Timestamps, as ``reported_days`` gives them), phase (its title), event (who did what: 董事会罢免奥特曼), text (the
    sentence, mended to stand alone where it had to be), source (outlet and publication date),
    article_id, sentence_id; and, for reading and measuring, precision, event_type, actors, n_articles,
    phase_id and mended (whether the text differs from the sentence as written). The phases are those
    of ``phases.find_phases`` over the key events.
    """
    from ..entities import entity_table, people as people_ids
    from ..pipeline import analyse_corpus

    analysis = analysis if analysis is not None else analyse_corpus(corpus, target)
    chronology = analysis.chronology if chronology is None else chronology
    keys = key_events(chronology, target, len(chronology)).sort_values("rank", kind="stable")
    sents = analysis.sentences.set_index(["article_id", "sentence_id"]).text
    told = sentence_events(analysis.sentences)
    mentions = analysis.mentions
    named = mentions.groupby(["article_id", "sentence_id"]).entity_id.agg(set)
    persons = mentions[mentions.entity_id.isin(people_ids())]
    spans = {key: set(zip(group.start, group.end)) for key, group in persons.groupby(["article_id", "sentence_id"])}
    names = entity_table().drop_duplicates("entity_id")
    short_names = dict(zip(names.entity_id, names.name_zh.str.split("·").str[-1]))
    people = people_ids()
    info = corpus.set_index("article_id")
    published = info.published.dt.tz_convert("Asia/Shanghai").dt.tz_localize(None)
    rows, used = [], set()
    for key in keys.itertuples():  # the most important first: they choose their sentences first
        if len(rows) == max_rows:
            break
        candidates = _candidates(key, analysis.events, told, published, named)
        actors = _actor_list(key.actors)
        best, best_score = None, None
        candidates = _where(candidates, [(a, i) not in used and (a, i) in sents.index
                                         for a, i in zip(candidates.article_id, candidates.sentence_id)])
        central = centrality([sents.loc[(a, i)] for a, i in zip(candidates.article_id, candidates.sentence_id)])
        for cand, shared in zip(candidates.itertuples(), central):
            where = (cand.article_id, cand.sentence_id)
            text = sents.loc[where]
            mended = restore(text, _antecedent(*where, mentions, short_names, people))
            if not stands_alone(mended) or (refers_to_someone(mended) and not named.get(where, set()) & people):
                continue  # it needs the sentence before: an opening, or a pronoun for no one it names
            if is_caption(text, spans.get(where, set())):
                continue
            days = (published.get(cand.article_id) - key.date_start).days if pd.notna(published.get(cand.article_id)) else 30
            score = sentence_score(text, mended, named.get(where, set()), actors, days) + 0.3 * cand.dates_it + 1.0 * cand.in_main
            score += max(0.0, 1.0 - cand.sentence_id / 20)  # the lead of a news article tells its news
            score += CENTRALITY_WEIGHT * shared
            rank = (score, -days if days >= 0 else -99, -len(text), cand.article_id, -cand.sentence_id)
            if best_score is None or rank > best_score:
                best, best_score = (where, text, mended), rank
        if best is None:
            continue
        (article, sentence), text, mended = best
        used.add((article, sentence))
        when = published.get(article)
        outlet = info.outlet.get(article)
        start, end = reported_days(keys.loc[key.Index])
        rows.append({"date_start": start, "date_end": end, "event": key.label,
                     "text": mended, "source": f"{outlet if pd.notna(outlet) else article}, "
                                               f"{'undated' if pd.isna(when) else f'{when:%Y-%m-%d}'}",
                     "article_id": article, "sentence_id": int(sentence), "precision": key.precision,
                     "event_type": key.event_type, "actors": ", ".join(actors), "n_articles": int(key.n_articles),
                     "score": key.score, "mended": mended != text})
    extra = ["precision", "event_type", "actors", "n_articles", "score", "mended"]
    table = pd.DataFrame(rows, columns=[c for c in SUMMARY_COLUMNS if c != "phase"] + extra)
    phases = find_phases(table, published)
    table["phase_id"] = phase_of(table.date_start, phases).to_numpy() if len(phases) else []
    table["phase"] = table.phase_id.map(phases.set_index("phase_id").title) if len(phases) else []
    table = table.sort_values(["date_start", "date_end", "article_id", "sentence_id"], kind="stable").reset_index(drop=True)
    return table[SUMMARY_COLUMNS + extra + ["phase_id"]], phases


def sentence_dates(sents: pd.DataFrame, events: pd.DataFrame) -> pd.Series:
    """Return a date for each sentence: the latest event it dates itself (to the day or month), else
    the day its article was published (Beijing). Dates known only to the year (去年, 今年) recall,
    they do not place a sentence."""
    dated = events[events.precision != "year"].groupby(["article_id", "sentence_id"]).date_start.max()
    own = pd.Series([dated.get((a, i)) for a, i in zip(sents.article_id, sents.sentence_id)], index=sents.index)
    published = sents.published.dt.tz_convert("Asia/Shanghai").dt.tz_localize(None).dt.normalize()
    return own.fillna(published).astype("datetime64[ns]").rename("date")
