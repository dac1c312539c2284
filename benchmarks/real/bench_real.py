"""Every real-news figure, on the real development set: ``make bench-real`` (``REAL_PAGES`` must be set).

    python benchmarks/real/bench_real.py [--part dev|test|all] [--pages FOLDER] [--no-report]
                                         [--only ingestion|stance|chronology|narrative ...]

Reads the manifest and the gold (``gold/``), checks ``$REAL_PAGES`` against the manifest (missing or
changed pages are left out of every figure, and the figures say on how many pages they stand), writes
the pages of the part into a temporary folder as a user's folder would hold them (``PAGE_ID.txt``, no
metadata, no URL) and measures:

* ingestion: ``ct.load_corpus(folder, errors="skip")`` against the agreed line labels and metadata:
  articles lost, body lines kept, chrome lines kept (captions among them), publication dates right (pages
  whose date the page itself establishes; and those a reader infers), outlet and original source right
  (the same outlet: the same name, or two names the outlet table gives to one outlet; and, for the outlet,
  the name as the gold prints it) and title right, by script and period;
* stance: ``ct.stance`` on every gold sentence of the part (its text found by its key in the page),
  against the gold label; on the development part, whose sentences the shipped model was trained on
  (``train_stance.py``), each sentence's label comes instead from grouped cross-validation (the model
  trained on the written sentences and the other folds: ``train_stance.out_of_fold``), and a row
  ``scorer: ...`` says which (its ``count``: ``learned.model_id()``, the weights measured): macro-F1
  and per class toward Altman, by script and period, beside snownlp and the general lexicon
  (thresholds chosen on the package's written training sentences) on the same sentences; and toward
  the other people of the story;
* chronology: ``ct.chronology`` of the whole part: of the reference events the part's pages report
  (``gold/page_events.csv``), those found with a row in their date window whose sentence names them
  (``gold/events.csv`` words), by event type; of the twelve well-known events of the story
  (``WELL_KNOWN``) those found; rows in all, rows that tell a reference event a year before or after it,
  and among them those whose type is the event's own (a year echo);
* narrative: the summary table ``make report`` writes for the part (``03_narrative_sentences.csv``) and two
  baselines (TextRank + MMR, jionlp) with as many sentences: rows dated within the window of an event their
  sentence names; the well-known events of the story (``WELL_KNOWN``) told with their dates; sentences that
  cannot stand alone (they open with a connective or a pronoun that needs the sentence before); and, against
  the part's reference timeline (``gold/summary_PART.csv``, written blind), date-F1 and concat ROUGE-1/2.

Every share has a bootstrap 95% interval over pages (ingestion), sentences (stance) or events. The
results go to ``results_PART.csv`` beside this file. The test part is scored only when a round is frozen.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import subprocess
import sys
import tempfile
import time
import warnings
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1]))

from coding import PATTERNS as PERSON_PATTERNS  # noqa: E402
from gold import norm_name  # noqa: E402
from ingest_gold import same_date, same_outlet  # noqa: E402
from realset import HERE, hydrate, page_sentences, pages_folder, read_manifest, sentence_key  # noqa: E402

import corpus_tools as ct  # noqa: E402
from corpus_tools.stance import learned, validation  # noqa: E402
from corpus_tools.scripts import fold  # noqa: E402

GOLD = HERE / "gold"
CHROME = set("MCPOR")
SEED = 0
# A sentence that opens with one of these needs the sentence before it to be understood (a pronoun
# followed by its antecedent in brackets, 他（奥特曼）, does not).
DEPENDENT_OPENING = re.compile(
    r"^[“「『\"]?(然而|此外|另外|而且|并且|並且|但是|但|而|不过|不過|同时|同時|因此|所以|于是|於是|对此|對此|其中|随后|隨後|"
    r"此前|此后|此後|这|這|该|該|此|他们|他們|她们|她們|我们|我們|他|她|其|它|后者|後者|前者|与此同时|與此同時)(?![（(])")
#: A row spanning more days than this does not tell an event with its date.
MAX_EVENT_SPAN_DAYS = 62


def bootstrap_share(successes: np.ndarray, totals: np.ndarray | None = None) -> tuple[float, float, float]:
    """The share sum(successes)/sum(totals) (or the mean) with a percentile 95% interval over units."""
    successes = np.asarray(successes, dtype=float)
    totals = np.ones_like(successes) if totals is None else np.asarray(totals, dtype=float)
    if len(successes) == 0 or totals.sum() == 0:
        return (float("nan"),) * 3
    ratio = lambda s, t: s.sum() / t.sum() if t.sum() else np.nan  # noqa: E731
    interval = validation.bootstrap((successes, totals), ratio, seed=SEED)
    return interval.estimate, interval.low, interval.high


class Results:
    """The figures, as rows: section, measure, subset, n (units the figure stands on), estimate, low, high."""

    def __init__(self) -> None:
        self.rows: list[dict] = []

    def add(self, section: str, measure: str, subset: str, n: int, estimate: float, low: float = np.nan,
            high: float = np.nan, count: str = "") -> None:
        self.rows.append({"section": section, "measure": measure, "subset": subset, "n": n, "count": count,
                          "estimate": estimate, "low": low, "high": high})

    def share(self, section: str, measure: str, subset: str, successes, totals=None, unit: str = "") -> None:
        successes = np.asarray(successes, dtype=float)
        totals_arr = np.ones_like(successes) if totals is None else np.asarray(totals, dtype=float)
        estimate, low, high = bootstrap_share(successes, totals_arr)
        count = f"{int(successes.sum())}/{int(totals_arr.sum())}{unit}"
        self.add(section, measure, subset, len(successes), estimate, low, high, count)

    def table(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows)


def _subsets(table: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    groups = [("all", table)]
    for (script, period), group in table.groupby(["script", "period"], sort=True):
        groups.append((f"{script} {period}", group))
    return groups


# ----- ingestion -----

def ingestion(corpus: pd.DataFrame, pages: dict[str, str], gold: pd.DataFrame, manifest: pd.DataFrame,
              results: Results) -> pd.DataFrame:
    rows = []
    for page in gold.itertuples():
        lines = pages[page.page_id].split("\n")
        found = page.page_id in corpus.index
        article = corpus.loc[page.page_id] if found else None
        cleaned = article.text if found else ""
        available = Counter(line.strip() for line in cleaned.split("\n"))
        body = [lines[i].strip() for i, label in enumerate(page.labels) if label == "B" and lines[i].strip()]
        chrome = [lines[i].strip() for i, label in enumerate(page.labels) if label in CHROME and lines[i].strip()]
        captions = [lines[i].strip() for i, label in enumerate(page.labels) if label == "P" and lines[i].strip()]
        body_kept = 0
        for text in body:
            if available[text] > 0 or (found and text in cleaned):
                body_kept += 1
                available[text] -= 1
        chrome_kept = captions_kept = 0
        for text in chrome:
            if available[text] > 0:
                chrome_kept += 1
                captions_kept += text in captions
                available[text] -= 1
        # the page itself establishes the date when both coders read it off the page (a stamp, a dated
        # dateline, a filing code); "inferred" on either side makes it a date a reader infers
        bases = set(page.date_basis.split("|"))
        established = bool(page.published) and bases <= {"stamp", "dateline", "filing_code"}
        inferred = bool(page.published) and not established
        published = article.published if found else pd.NaT
        date_right = same_date(page.published, published) if page.published else None
        title = lines[int(page.title_line) - 1].strip() if page.title_line else ""

        def right(ours, theirs):
            return None if not theirs else (found and isinstance(ours, str) and norm_name(ours) == norm_name(theirs))

        def one_outlet(ours, theirs):  # the same text, or two names the outlet table gives to one outlet
            return None if not theirs else (found and isinstance(ours, str) and same_outlet(ours, theirs))

        rows.append({
            "page_id": page.page_id, "found": found, "body": len(body), "body_kept": body_kept,
            "chrome": len(chrome), "chrome_kept": chrome_kept, "captions": len(captions), "captions_kept": captions_kept,
            "lost": (not found) or (len(body) > 0 and body_kept == 0),
            "established": established, "inferred": inferred, "date_right": date_right,
            "year_off": (date_right is False and found and not pd.isna(published)
                         and abs(published.year - int(page.published[:4])) >= 1),
            "outlet_right": one_outlet(article.outlet if found else "", page.outlet),
            "outlet_as_printed": right(article.outlet if found else "", page.outlet),
            "source_right": one_outlet(article.original_source if found else "", page.original_source),
            "title_right": right(article.title if found else "", title),
        })
    table = pd.DataFrame(rows).merge(manifest[["page_id", "script", "period"]], on="page_id")
    for subset, group in _subsets(table):
        results.share("ingestion", "articles lost", subset, group.lost.astype(float), unit=" pages")
        results.share("ingestion", "body lines kept", subset, group.body_kept, group.body, unit=" lines")
        results.share("ingestion", "chrome lines kept", subset, group.chrome_kept, group.chrome, unit=" lines")
        results.share("ingestion", "captions kept", subset, group.captions_kept, group.captions, unit=" lines")
        dated = group[group.established]
        results.share("ingestion", "date right (the page establishes it)", subset,
                      dated.date_right.astype(float), unit=" pages")
        results.share("ingestion", "date a year or more off (the page establishes it)", subset,
                      dated.year_off.astype(float), unit=" pages")
        inferred = group[group.inferred]
        results.share("ingestion", "date right (a reader infers it)", subset, inferred.date_right.astype(float),
                      unit=" pages")
        results.share("ingestion", "date a year or more off (a reader infers it)", subset,
                      inferred.year_off.astype(float), unit=" pages")
        for column, name in (("outlet_right", "outlet right"), ("outlet_as_printed", "outlet printed as the gold prints it"),
                             ("source_right", "original source right"),
                             ("title_right", "title right")):
            judged = group[column].dropna()
            results.share("ingestion", f"{name} (the page names one)", subset, judged.astype(float), unit=" pages")
    return table


# ----- stance -----

def gold_sentences(pages: dict[str, str], gold: pd.DataFrame) -> pd.DataFrame:
    """The gold stance rows that count (a label agreed or decided; the name is the person, in a sentence)
    whose sentence is on a page present, in the gold's order, with the sentence's ``text`` (found by its
    page, line and key) and the label as an int."""
    texts = {}
    for pid in set(gold.page_id) & set(pages):
        for line, sentence in page_sentences(pages[pid]):
            texts.setdefault((pid, line, sentence_key(sentence)), sentence)
    usable = gold[(gold.label != "") & (gold.not_target != "1")]
    usable = usable.assign(text=[texts.get((r.page_id, int(r.line), r.sentence_key)) for r in usable.itertuples()])
    return usable[usable.text.notna()].assign(label=lambda t: t.label.astype(int))


def stance(pages: dict[str, str], gold: pd.DataFrame, manifest: pd.DataFrame, results: Results) -> pd.DataFrame:
    usable = gold_sentences(pages, gold).merge(manifest[["page_id", "script", "period"]], on="page_id")
    known = set(ct.entity_table().entity_id)
    predicted = pd.Series(0, index=usable.index)
    for target, group in usable.groupby("target", sort=True):
        if target not in known:
            continue
        predicted[group.index] = ct.stance(group.text.tolist(), target=target).label.to_numpy()
    trained_on = _trained_on(pages, manifest, known)
    if len(trained_on):
        from train_stance import out_of_fold
  # the shipped model was trained on these: their labels come from the other folds
        cross_validated = dict(zip(trained_on.item, out_of_fold(trained_on)))
        where = usable.item.isin(cross_validated.keys())
        predicted[where] = usable.item[where].map(cross_validated).to_numpy()
        print(f"stance: {int(where.sum())} development sentences labelled by grouped cross-validation "
              "(the shipped model was trained on them)")
    usable["predicted"] = predicted
    how = ("grouped cross-validation (trained on the written sentences and the other folds)" if len(trained_on)
           else "the shipped model")
    results.add("stance", f"scorer: {how}", "all", int(usable.target.isin(known).sum()), np.nan,
                count=learned.model_id())
    altman = usable[usable.target == "altman"].reset_index(drop=True)
    baselines = validation.method_predictions(altman[["text"]]) if len(altman) else {}
    methods = {"ours": altman.predicted.to_numpy(),
               **{m: baselines[m] for m in ("snownlp", "general_lexicon") if m in baselines}}
    for method, labels in methods.items():
        for subset, group in _subsets(altman):
            truth, guess = group.label.to_numpy(), labels[group.index]
            interval = validation.bootstrap((truth, guess), validation.macro_f1, seed=SEED)
            results.add("stance", f"macro-F1 toward Altman: {method}", subset, len(group), *interval)
            if method == "ours":
                for label, name in validation.CLASS_NAMES.items():
                    interval = validation.bootstrap((truth, guess), validation._ClassF1(label), seed=SEED)
                    results.add("stance", f"F1 {name} toward Altman: ours", subset, len(group), *interval)
    others = usable[(usable.target != "altman") & usable.target.isin(known)]
    if len(others):
        interval = validation.bootstrap((others.label.to_numpy(), others.predicted.to_numpy()),
                                        validation.macro_f1, seed=SEED)
        results.add("stance", "macro-F1 toward the other people: ours", "all", len(others), *interval)
    skipped = sorted(set(usable.target) - known - {"altman"})
    if skipped:
        print(f"stance: no entity for {', '.join(skipped)} in entities.csv; their sentences are not scored")
    return usable


def _trained_on(pages: dict[str, str], manifest: pd.DataFrame, known: set[str]) -> pd.DataFrame:
    """The gold sentences the shipped stance model was trained on (``train_stance.py``: every usable one of
    the development pages its ``model.json`` lists, naming a known person) among ``pages``, as
    ``stance_cv.real_sentences`` gives them; empty when none of those pages is among them."""
    from stance_cv import real_sentences
    from train_stance import shipped_pages

    listed = shipped_pages()
    listed = None if listed is None else set(listed)
    development = [r for r in manifest[manifest.part == "dev"].to_dict("records")
                   if listed is None or r["page_id"] in listed]
    chosen = {pid: text for pid, text in pages.items() if pid in {r["page_id"] for r in development}}
    if not chosen:
        return pd.DataFrame(columns=["item"])
    if len(chosen) < len(development):
        print(f"stance: {len(development) - len(chosen)} of the development pages the shipped model was trained on "
              "are absent: the cross-validated folds differ from train_stance.py's")
    return real_sentences(chosen, [r for r in development if r["page_id"] in chosen])


# ----- chronology and narrative -----

ORGANISATIONS = {"Microsoft": re.compile(r"微软|微軟|Microsoft", re.IGNORECASE)}


def _actor_patterns(actors: str) -> list[re.Pattern]:
    """The alias patterns of an event's actors that the selection patterns know (OpenAI itself is left
    out: nearly every sentence of the corpus names it)."""
    found = []
    for actor in filter(None, (a.strip() for a in actors.split(";"))):
        key = re.sub(r"[^a-z]", "", actor.split()[-1].lower())
        pattern = PERSON_PATTERNS.get(key) or ORGANISATIONS.get(actor)
        if pattern is not None:
            found.append(pattern)
    return found


class ReferenceEvents:
    """The reference events (``gold/events.csv``): which of them a sentence names, and how a span of
    dates stands to each one's window."""

    def __init__(self, events: pd.DataFrame):
        self.words: dict[str, tuple[list[str], list[re.Pattern]]] = {}
        self.windows: dict[str, tuple[pd.Timestamp, pd.Timestamp]] = {}
        for event in events.itertuples():
            terms = [w.strip() for w in f"{event.words_hans};{event.words_hant}".split(";") if w.strip()]
            self.words[event.event_id] = (sorted({fold(w) for w in terms}, key=len, reverse=True),
                                          _actor_patterns(event.actors))
            self.windows[event.event_id] = (pd.Timestamp(event.date_start), pd.Timestamp(event.date_end))

    def named(self, text: str) -> list[str]:
        """The events a sentence names: one of the event's words, and one of its actors when it has known ones."""
        folded = fold(str(text))
        return [event for event, (terms, actors) in self.words.items()
                if any(term in folded for term in terms) and (not actors or any(a.search(text) for a in actors))]

    def in_window(self, event: str, start: pd.Timestamp, end: pd.Timestamp) -> bool:
        """Whether ``start``..``end`` overlaps the event's window, give or take a day."""
        low, high = self.windows[event]
        return start <= high + pd.Timedelta(days=1) and end >= low - pd.Timedelta(days=1)

    def days_away(self, event: str, start: pd.Timestamp, end: pd.Timestamp) -> int:
        """How many days ``start``..``end`` lies from the event's window (for a span outside it)."""
        low, high = self.windows[event]
        return min(abs((start - high).days), abs((low - end).days))


def _naive(value) -> pd.Timestamp:
    """A Timestamp without its time zone (the chronology's dates carry Beijing time; the windows none)."""
    stamp = pd.Timestamp(value)
    return stamp.tz_localize(None) if stamp.tzinfo else stamp


#: The twelve well-known events of the story, each by the reference events (``gold/events.csv``) that
#: make it: found when every one of them the part reports is found (Leike's and Sutskever's departures
#: are one of the twelve, two reference events).
WELL_KNOWN = {
    "board removes Altman": ("board_removes_altman",),
    "Microsoft hires Altman": ("microsoft_hires_altman_brockman",),
    "Shear named interim CEO": ("emmett_shear_interim_ceo",),
    "staff letter": ("staff_letter",),
    "return agreement": ("agreement_altman_return",),
    "Sutskever's regret": ("sutskever_regret",),
    "review ends, Altman back on the board": ("wilmerhale_review_altman_rejoins_board",),
    "Leike's and Sutskever's departures": ("leike_resigns", "sutskever_departs"),
    "exit agreements": ("vox_equity_clawback_report",),
    "Sky voice statement": ("sky_voice_paused",),
    "Murati's departure": ("murati_departs",),
    "McGrew's and Zoph's departures": ("mcgrew_zoph_depart",),
}


#: The reference events' types (``gold/events.csv``) as the chronology names them.
GOLD_TYPES = {"removal": "removal", "hiring": "hire", "appointment": "appointment", "resignation": "departure",
              "letter": "letter", "apology": "apology", "agreement": "agreement", "return": "return",
              "investigation": "investigation", "statement": "statement", "lawsuit": "complaint",
              "product": "launch", "funding": "funding", "founding": "founding"}


def chronology(corpus: pd.DataFrame, events: ReferenceEvents, reported: set[str], results: Results,
               types: dict[str, str] | None = None) -> pd.DataFrame:
    """Score ``ct.chronology(corpus)`` against the reference events the part reports (``reported``;
    ``types`` gives each event's type): found in window, overall, per type and for ``WELL_KNOWN``;
    rows; rows a year off. Return one row per reported event: event_id, found."""
    table = ct.chronology(corpus)
    found, year_off = {event: False for event in sorted(reported)}, []  # sorted: the bootstrap draws by position
    echo = []  # a year off, and the row's type is the reference event's own (GOLD_TYPES)
    for row in table.itertuples():
        start, end = _naive(row.date_start), _naive(row.date_end)
        matched, near_a_year, same_type = False, False, False
        for event in events.named(f"{row.text} {getattr(row, 'label', '')}"):
            if events.in_window(event, start, end):
                matched = True
                if event in found:
                    found[event] = True
            elif 300 <= events.days_away(event, start, end) <= 430:
                near_a_year = True
                same_type |= GOLD_TYPES.get((types or {}).get(event, "")) == row.event_type
        # a year off: the row tells a reference event, and no event it names is in its window, but one is
        # a year before or after it
        year_off.append(near_a_year and not matched)
        echo.append(near_a_year and not matched and same_type)
    results.share("chronology", "reference events found in their window", "all",
                  np.array([float(v) for v in found.values()]), unit=" events")
    for kind in sorted({(types or {}).get(e, "") for e in found} - {""}):
        of_kind = [e for e in found if types[e] == kind]
        results.share("chronology", "reference events found in their window", f"type {kind}",
                      np.array([float(found[e]) for e in of_kind]), unit=" events")
    known = {name: [e for e in ids if e in found] for name, ids in WELL_KNOWN.items()}
    known = {name: ids for name, ids in known.items() if ids}  # those the part reports
    results.share("chronology", "well-known events found in their window", "all",
                  np.array([float(all(found[e] for e in ids)) for ids in known.values()]), unit=" events")
    for name, ids in known.items():
        results.add("chronology", "well-known event found in its window", name, len(ids),
                    float(all(found[e] for e in ids)))
    results.add("chronology", "rows", "all", len(table), float(len(table)))
    results.add("chronology", "rows telling a reference event a year off", "all", len(table), float(sum(year_off)))
    results.add("chronology", "rows telling a reference event of their own type a year off (year echo)", "all",
                len(table), float(sum(echo)))
    return pd.DataFrame({"event_id": list(found), "found": list(found.values())})


def _dated(table: pd.DataFrame) -> pd.DataFrame:
    """The rows of a timeline with their dates as Timestamps (date_end missing: the start's day)."""
    start = pd.to_datetime(table.date_start, errors="coerce")
    end = pd.to_datetime(table.date_end, errors="coerce") if "date_end" in table else start
    end = end.fillna(start)
    return table.assign(date_start=start, date_end=end.where(end.dt.hour > 0, end + pd.Timedelta(hours=23, minutes=59)))


def _told(table: pd.DataFrame, events: ReferenceEvents) -> set[str]:
    """The reference events some row tells with their date: its sentence names the event and its dates,
    no vaguer than two months, overlap the event's window."""
    told = set()
    for row in table.itertuples():
        if pd.isna(row.date_start) or (row.date_end - row.date_start).days > MAX_EVENT_SPAN_DAYS:
            continue
        told |= {e for e in events.named(row.text) if events.in_window(e, row.date_start, row.date_end)}
    return told


def narrative(folder: Path, events: ReferenceEvents, results: Results, part: str, reported: set[str],
              gold: Path = GOLD) -> None:
    """The summary table ``make report`` writes for the part, beside the two baselines (TextRank + MMR and
    jionlp, as many sentences, from the same stories), against the part's reference timeline
    (``gold/summary_PART.csv``, written by a reader who never saw any output): date-F1, concat ROUGE-1/2
    over characters, the well-known events told with their dates, sentences that cannot stand alone."""
    from corpus_tools import narrative as N
    from corpus_tools.study import one_per_story

    with tempfile.TemporaryDirectory(prefix="bench-real-report-") as out:
        run = subprocess.run([sys.executable, "-m", "corpus_tools", "report", "--corpus", str(folder), "--out", out,
                              "--errors", "skip", "--quiet"], capture_output=True, text=True)
        path = Path(out) / "figures" / "03_narrative_sentences.csv"
        if run.returncode or not path.exists():
            print("narrative: the report failed:\n" + run.stderr[-2000:])
            return
        story = pd.read_csv(path, dtype=str, keep_default_na=False)
    ours = _dated(story)
    dated = []
    for row in ours.itertuples():
        ok = not pd.isna(row.date_start) and any(events.in_window(event, row.date_start, row.date_end)
                                                 for event in events.named(row.text))
        dated.append(float(ok))
    results.share("narrative", "rows that tell a reference event within its dates", "all", np.array(dated),
                  unit=" rows")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        stories = one_per_story(ct.load_corpus(folder, errors="skip"))
    timelines = {"ours": ours, **{m: N.baseline_timeline(stories, m, max(len(ours), 1)) for m in ("textrank", "jionlp")}}
    reference_path = gold / f"summary_{part}.csv"
    reference = N.read_reference(reference_path) if reference_path.exists() else None
    known = {name: ids for name, ids in WELL_KNOWN.items() if set(ids) & reported}
    for method, table in timelines.items():
        results.add("narrative", f"rows: {method}", "all", len(table), float(len(table)))
        results.add("narrative", f"rows in date order: {method}", "all", len(table),
                    float(table.date_start.is_monotonic_increasing))
        results.share("narrative", f"sentences that cannot stand alone: {method}", "all",
                      np.array([float(bool(DEPENDENT_OPENING.match(str(t).strip()))) for t in table.text]), unit=" rows")
        told = _told(table, events)
        results.share("narrative", f"well-known events told with their dates: {method}", "all",
                      np.array([float(bool(set(ids) & told)) for ids in known.values()]), unit=" events")
        if method == "ours":
            print("narrative, well-known events told by ours: " + "; ".join(
                f"{name}: {'yes' if set(ids) & told else 'no'}" for name, ids in known.items()))
        if reference is not None:
            scores = N.date_f1(table, reference)
            rouge = N.concat_rouge(table.text.tolist(), reference.summary.tolist())
            results.add("narrative", f"date-F1: {method}", "all", len(reference), scores["f1"],
                        count=f"P {scores['precision']:.3f}, R {scores['recall']:.3f}")
            results.add("narrative", f"concat ROUGE-1 F1 (characters): {method}", "all", len(reference), rouge["rouge1_f1"])
            results.add("narrative", f"concat ROUGE-2 F1 (characters): {method}", "all", len(reference), rouge["rouge2_f1"])
    if reference is None:
        print(f"narrative: no reference timeline {reference_path.name}; date-F1 and ROUGE not measured")


SECTIONS = ("ingestion", "stance", "chronology", "narrative")


def measure(pages: dict[str, str], manifest: pd.DataFrame, gold: Path, with_narrative: bool = True,
            sections: tuple[str, ...] = SECTIONS, part: str = "dev") -> pd.DataFrame:
    """Every figure of ``sections`` on ``pages`` (page id -> text as collected) against the gold in ``gold``:
    the rows of ``Results.table`` (section, measure, subset, n, count, estimate, low, high)."""
    gold_pages = pd.read_csv(gold / "pages.csv", dtype=str, keep_default_na=False)
    results = Results()
    with tempfile.TemporaryDirectory(prefix="bench-real-") as tmp:
        folder = Path(tmp)
        for pid, text in sorted(pages.items()):
            with (folder / f"{pid}.txt").open("w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            corpus = ct.load_corpus(folder, errors="skip")
        if "ingestion" in sections:
            ingestion(corpus, pages, gold_pages[gold_pages.page_id.isin(pages)], manifest, results)
        if "stance" in sections:
            stance_gold = pd.read_csv(gold / "stance.csv", dtype=str, keep_default_na=False)
            stance(pages, stance_gold[stance_gold.page_id.isin(pages)], manifest, results)
        event_table = pd.read_csv(gold / "events.csv", dtype=str, keep_default_na=False)
        events = ReferenceEvents(event_table)
        page_events = pd.read_csv(gold / "page_events.csv", dtype=str, keep_default_na=False)
        reported = set(page_events[(page_events.reported == "1") & page_events.page_id.isin(pages)].event_id)
        if "chronology" in sections:
            chronology(corpus, events, reported, results, dict(zip(event_table.event_id, event_table.event_type)))
        if with_narrative and "narrative" in sections:
            narrative(folder, events, results, part, reported, gold)
    return results.table()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--part", choices=("dev", "test", "all"), default="dev")
    parser.add_argument("--pages", help="the folder of collected pages (default: $REAL_PAGES)")
    parser.add_argument("--gold", type=Path, default=GOLD, help="the gold folder (default: gold/ beside this file)")
    parser.add_argument("--no-report", action="store_true",
                        help="skip the narrative (it runs make report); the recorded results are then left as they are")
    parser.add_argument("--only", nargs="+", choices=SECTIONS, default=list(SECTIONS),
                        help="measure these sections only (a partial run: the recorded results are left as they are)")
    args = parser.parse_args(argv)
    partial = args.no_report or set(args.only) != set(SECTIONS)
    started = time.time()
    manifest_rows = read_manifest()
    state = hydrate(pages_folder(args.pages), manifest_rows)
    manifest = pd.DataFrame(manifest_rows)
    chosen = manifest if args.part == "all" else manifest[manifest.part == args.part]
    pages = {pid: text for pid, text in state.present.items() if pid in set(chosen.page_id)}
    print(f"{args.part} part: {len(pages)} of its {len(chosen)} pages present "
          f"({len(set(state.missing) & set(chosen.page_id))} missing, {len(set(state.changed) & set(chosen.page_id))} changed)")
    if args.part == "test":
        print("the test part: score it only when a round's work is frozen")
    table = measure(pages, manifest, args.gold, with_narrative=not args.no_report, sections=tuple(args.only),
                    part=args.part)
    table.insert(0, "part", args.part)
    table.insert(1, "pages", len(pages))
    out = HERE / f"results_{args.part}.csv"
    if not partial:
        table.to_csv(out, index=False, float_format="%.3f", lineterminator="\n")
    with pd.option_context("display.max_rows", None, "display.width", 200, "display.max_colwidth", 60):
        print(table.drop(columns=["part", "pages"]).to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    print(f"{len(pages)} pages; {'not written (partial run)' if partial else 'written ' + out.name}; "
          f"{time.time() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
