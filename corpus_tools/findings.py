"""What each notebook found, written from the values its cells computed (Markdown, ready to copy).

Nothing here is typed in that the data could contradict: every number, name and quotation comes
from the tables passed in, and every sentence still reads when a corpus lacks something (no
undated article, one period only, no event told twice).
"""

from __future__ import annotations

import re

import pandas as pd

from .narrative.findings import narrative_findings  # noqa: F401  (notebook 03 reads it here too)
from .reports import entity_names


def _plural(n: int, word: str, plural: str | None = None) -> str:
    """Return ``n`` with its noun: '1 article', '3 articles'.

    >>> _plural(1, "article"), _plural(3, "story", "stories")
    ('1 article', '3 stories')
    """
    return f"{n:,} {word if n == 1 else (plural or word + 's')}"


def _listed(items: list[str], empty: str = "none") -> str:
    return "; ".join(items) if items else empty


def _readings(dates_reported: str, k: int = 4) -> str:
    """Return the first ``k`` of an event's readings (``a: x; b: y; ...``), saying how many more there are.

    >>> _readings("a: 周五 = 2023-11-17; b: 上月中旬 = 2023-11; c: 周六 = 2023-11-18", k=2)
    'a: 周五 = 2023-11-17; b: 上月中旬 = 2023-11; and 1 more'
    """
    readings = str(dates_reported).split("; ")
    return "; ".join(readings[:k]) + (f"; and {len(readings) - k} more" if len(readings) > k else "")


def _periods(study) -> str:
    return ", ".join(f"{p.period} ({_plural(int(p.n), 'article')})" for p in study.periods.itertuples())


def corpus_findings(study, summary: pd.DataFrame, removed: pd.DataFrame, sents: pd.DataFrame,
                    counts: pd.DataFrame, mentions: pd.DataFrame) -> str:
    """Return notebook 00's findings: size, dates and periods, copies, cleaning, sentences, mentions."""
    corpus = study.corpus
    dated = corpus.published.dropna()
    inferred = int((corpus.date_basis.fillna("page") != "page").sum() - corpus.published.isna().sum())
    undated = study.undated()
    by_kind = removed.groupby("kind").chars.sum().sort_values(ascending=False, kind="stable")
    share = 1 - summary.chars_clean.sum() / max(summary.chars_raw.sum(), 1)
    per_entity = mentions.entity_id.value_counts()
    target = mentions[mentions.entity_id == study.target]
    names = entity_names()
    lines = [
        f"- The corpus holds **{_plural(len(corpus), 'article')}** from **{_plural(corpus.outlet.nunique(), 'outlet')}**"
        + (f", published between {dated.min():%d %B %Y} and {dated.max():%d %B %Y} (Beijing time)" if len(dated) else "")
        + f"; {_plural(len(study.periods), 'period')} split at long gaps: {_periods(study)}.",
        f"- {_plural(max(inferred, 0), 'date')} inferred from the text; {_plural(len(undated), 'article')} without any "
        f"date ({', '.join(undated.article_id) or 'none'}), listed above and kept out of the time axes only.",
    ]
    if len(study.stories) < len(corpus):
        lines.append(f"- {_plural(len(corpus) - len(study.stories), 'syndicated copy', 'syndicated copies')} of "
                     f"the same story: the analyses count **{_plural(len(study.stories), 'story', 'stories')}** once each.")
    lines += [
        f"- Cleaning removed **{share:.0%}** of the non-whitespace characters ({summary.chars_raw.sum():,} to "
        f"{summary.chars_clean.sum():,}); the most removed kinds: "
        + _listed([f"{k.replace('_', ' ')} ({c:,} characters)" for k, c in by_kind.head(3).items()]) + ".",
        f"- The cleaned corpus has **{_plural(len(sents), 'sentence')}** and **{int(counts.tokens.sum()):,} tokens**.",
        f"- {study.target_name} is mentioned **{_plural(len(target), 'time')}**, in "
        f"{target.article_id.nunique()} of {len(corpus)} articles; the most mentioned names are "
        + ", ".join(f"{names.name_en.get(e, e)} ({n})" for e, n in per_entity.head(4).items()) + ".",
    ]
    return "\n".join(lines)


def stance_findings(study, validation, over_time: pd.DataFrame, comparison: pd.DataFrame, top: pd.DataFrame,
                    real: pd.DataFrame | None = None, agreement: pd.Series | None = None,
                    disagreements: pd.DataFrame | None = None) -> str:
    """Return notebook 01's findings: the coding's reliability, the validation on written and (with
    ``real``, from ``stance.real_figures``) real sentences, the trend, where the scorer and the hand
    coding disagree (``disagreements``, from ``reports.hand_coding_disagreements``), the extremes."""
    ours = validation.results["ours (ct.stance)"]["macro_f1"]
    test = validation.test_table.set_index("method").loc["ours (ct.stance)"]
    on_corpus = validation.table[validation.table.set.str.startswith("corpus")].set_index("method")
    scripts = ", ".join(f"{test[c]:.2f} in {c.removeprefix('macro_f1_').capitalize()}"
                        for c in test.index if c.startswith("macro_f1_") and c != "macro_f1")
    baselines = validation.test_table.set_index("method").macro_f1
    lines = [
        f"- **The hand coding is reliable**: two blind passes agreed on {validation.agreement:.0%} of "
        f"{len(validation.passes)} corpus sentences (Cohen's kappa {validation.kappa:.2f}); {len(validation.disagreements)} "
        f"disagreements were resolved by the codebook. On the blind test set two independent coders reached kappa "
        f"{validation.test_kappa:.2f}.",
        f"- **On written sentences our scorer far outdoes snownlp**: on {len(validation.test)} blind test sentences written in the "
        f"styles of real coverage, which it was never trained or tuned on, macro-F1 **{test.macro_f1:.2f}** (95% CI "
        f"{test.ci_low:.2f}–{test.ci_high:.2f}; {scripts} script; favourable-class F1 {test.f1_favourable:.2f}), against "
        f"{baselines['snownlp alone']:.2f} for snownlp alone and {baselines['general lexicon alone']:.2f} for a general "
        f"lexicon alone. Nested cross-validation of the same recipe on the written training sentences alone gives {ours.estimate:.2f} "
        f"({ours.low:.2f}–{ours.high:.2f}); on the corpus's own hand-coded sentences, "
        f"{on_corpus.loc['ours (ct.stance)', 'macro_f1']:.2f}.",
    ]
    if real is not None:
        lines.append("- " + real_validation_note(real, agreement, test.macro_f1))
    mine = comparison[comparison.person == study.target]
    if mine.empty:
        lines.append(f"- No dated sentence of this corpus names {study.target_name}: there is no stance over time to report.")
    else:
        trend = "; ".join(f"{r.period}: {r.mean:+.2f} (95% CI {r.low:+.2f} to {r.high:+.2f}, n={int(r.n)} sentences)"
                          for r in mine.itertuples())
        lines.append(f"- **Stance toward {study.target_name} by period**, over the sentences naming them: {trend}.")
    if len(over_time):
        unit = over_time.unit.iloc[0]
        extremes = over_time.sort_values(["mean", "label"], kind="stable")
        low, high = extremes.iloc[0], extremes.iloc[-1]
        lines.append(f"- Per {unit}, the mean runs from {low['mean']:+.2f} ({low.label}) to {high['mean']:+.2f} "
                     f"({high.label}), over {_plural(len(over_time), unit)}.")
        if "hand_coded_mean" in over_time and over_time.hand_coded_mean.notna().any():
            lines.append(f"- The hand-coded means of the same sentences run from {over_time.hand_coded_mean.min():+.2f} "
                         f"to {over_time.hand_coded_mean.max():+.2f}.")
            if disagreements is not None:
                lines.append("- " + hand_coding_check(over_time, disagreements, study.target_name))
    favourable = _whole_sentences(top[top.side == "most favourable"])
    unfavourable = _whole_sentences(top[top.side == "most unfavourable"])
    if len(favourable) and len(unfavourable):
        fav, unfav = favourable.iloc[0], unfavourable.iloc[0]
        lines.append(f"- The most favourable whole sentence (score {fav.score:+.2f}) is from {fav.source}: “{fav.text}”; "
                     f"the most unfavourable (score {unfav.score:+.2f}) from {unfav.source}: “{unfav.text}”.")
    return "\n".join(lines)


#: How a sentence that stands alone ends: a full stop, question or exclamation mark, an ellipsis,
#: then any closing quotes or brackets. One that ends in a colon or comma introduces what follows.
_WHOLE_SENTENCE_END = re.compile(r"[。！？!?…．.][”’」』）)\"']*\s*$")


def _whole_sentences(rows: pd.DataFrame) -> pd.DataFrame:
    """Return the rows whose text is a sentence that stands alone, in their order.

    >>> _whole_sentences(pd.DataFrame({"text": ["他说:", "他说“好”。", "“好!”"]})).text.tolist()
    ['他说“好”。', '“好!”']
    """
    return rows[rows.text.str.contains(_WHOLE_SENTENCE_END)]


def hand_coding_check(over_time: pd.DataFrame, disagreements: pd.DataFrame, target_name: str) -> str:
    """Return what a reader of the stance-over-time figure must know about its points: where the
    scorer's article mean and the hand coding of the same sentences disagree by more than their 95%
    intervals (``reports.hand_coding_disagreements``), or that they never do, or that nothing was
    hand coded."""
    if "hand_coded_mean" not in over_time or over_time.hand_coded_mean.isna().all():
        return (f"No sentence of this corpus about {target_name} was hand coded: the figure's points are the "
                f"scorer's alone, unchecked against a reader.")
    coded = over_time[over_time.hand_coded_mean.notna()]
    if disagreements.empty:
        # intervals that overlap may still leave each mean outside the other's interval: say where
        apart = coded[(coded["mean"] < coded.hand_coded_low) | (coded["mean"] > coded.hand_coded_high)]
        said = (f"For each of the {_plural(len(coded), 'article')} hand coded, the 95% intervals of the scorer's mean "
                f"and of the hand-coded mean of the same sentences overlap")
        if apart.empty:
            return said + "."
        listed = _listed([f"**{r.label}** (n={int(r.n)}): the scorer {r.mean:+.2f} ({r.low:+.2f} to {r.high:+.2f}), the "
                          f"hand coding {r.hand_coded_mean:+.2f} ({r.hand_coded_low:+.2f} to {r.hand_coded_high:+.2f})"
                          for r in apart.itertuples()])
        return (said + f"; but for {_plural(len(apart), 'article')} the scorer's mean lies outside the hand coding's "
                f"interval: {listed}. Read its point with that caution: the hand-coded mean (red) is the reader's.")
    listed = _listed([f"**{r.label}** (n={int(r.n)}): the scorer {r.mean:+.2f} ({r.low:+.2f} to {r.high:+.2f}), the "
                      f"hand coding {r.hand_coded_mean:+.2f} ({r.hand_coded_low:+.2f} to {r.hand_coded_high:+.2f})"
                      for r in disagreements.itertuples()])
    return (f"**The scorer and the hand coding disagree beyond their 95% intervals for "
            f"{_plural(len(disagreements), 'article')} of {len(coded)}**: {listed}. There the figure's blue point "
            f"is the scorer's error, not the article's tone: cite the hand-coded mean (red) instead.")


def real_validation_note(real: pd.DataFrame, agreement: pd.Series | None, written_f1: float) -> str:
    """Return the comparison of the written and the real-sentence figures in words: macro-F1 on each
    part of the real set, its weakest subset, and the coders' agreement; or that the real figures are
    absent (the package installed outside a clone of the repository)."""
    overall = real[real.subset == "all"]
    if overall.empty:
        return "The real-sentence figures (`benchmarks/real/`) are not available in this installation."
    parts = _listed([f"{r.macro_f1:.2f} ({r.ci_low:.2f}–{r.ci_high:.2f}) on the {r.sentences} sentences of the "
                     f"{r.part} part, by {r.how}" for r in overall.itertuples()])
    weakest = real[real.subset != "all"].sort_values(["macro_f1", "part", "subset"]).head(1)
    below = overall.ci_high.max() < written_f1
    note = (f"On real news sentences naming Altman the scorer reaches macro-F1 {parts}, against {written_f1:.2f} on "
            f"the written blind test" + (": **the written figure overstates how well it reads real coverage**."
                                         if below else "."))
    if len(weakest):
        w = weakest.iloc[0]
        note += f" Its weakest group is {w.subset} ({w.part} part, {w.sentences} sentences): {w.macro_f1:.2f}."
    if agreement is not None:
        note += (f" The two coders of the real set agreed on {agreement.agreement:.1%} of {int(agreement.n):,} stance "
                 f"items (Cohen's kappa {agreement.kappa:.2f})" + (", so the gap is the scorer's, not the coding's." if below else "."))
    return note


def chronology_findings(study, events: pd.DataFrame, figures: pd.DataFrame, spread: pd.DataFrame) -> str:
    """Return notebook 02's findings: events dated, told twice, disputed, on another California day,
    after publication; the spread of the figures reported."""
    if events.empty:
        return f"- The {_plural(len(study.stories), 'story', 'stories')} date no events."
    multi, disagree = events[events.n_sources > 1], events[events.sources_disagree]
    late = events[events.after_publication]
    precision = events.precision.value_counts()
    lines = [
        f"- The {_plural(len(study.stories), 'story', 'stories')} date **{_plural(len(events), 'event')}**, from "
        f"{events.date_start.min():%Y} to {events.date_start.max():%B %Y}; {precision.get('day', 0)} to the day, "
        f"{precision.get('month', 0)} to the month and {precision.get('year', 0)} to the year.",
        f"- **{_plural(len(multi), 'event')}** told by two or more articles"
        + (f" ({_listed([f'{r.label}: {r.n_sources} articles' for r in multi.head(8).itertuples()])})" if len(multi) else "")
        + ".",
        f"- The sources disagree on the date of {_plural(len(disagree), 'event')}"
        + (f": {_listed([f'{r.label} ({_readings(r.dates_reported)})' for r in disagree.itertuples()])}"
           if len(disagree) else "")
        + ".",
        f"- {_plural(int((events.california_day_differs == 'yes').sum()), 'event')} fall on another calendar day in "
        f"California than the Beijing date printed, and {int((events.california_day_differs == 'possibly').sum())} more "
        f"may; {_plural(len(late), 'event')} dated after the article that reports it"
        + (f" ({', '.join(late.expression)})" if len(late) else "") + ".",
    ]
    for row in spread.itertuples():
        if row.exact_readings:
            told = f"from {row.lowest} to {row.highest}" if row.lowest != row.highest else f"{row.lowest} only"
            lines.append(f"- {row.quantity.capitalize()} in {row.period}: {told} "
                         f"({_plural(row.exact_readings, 'exact reading')}, {row.vague_readings} vague, in "
                         f"{_plural(row.articles, 'article')}).")
    return "\n".join(lines)


def _on(row) -> str:
    """When a row of the timeline summary happened, as the abstract says it: on its day, or between its
    first and last days when it is dated no closer than a range.

    >>> _on(pd.Series({"date_start": pd.Timestamp("2023-11-17"), "date_end": pd.Timestamp("2023-11-18 23:59")}))
    'on 17 November 2023'
    >>> _on(pd.Series({"date_start": pd.Timestamp("2023-11-11"), "date_end": pd.Timestamp("2023-12-08 23:59")}))
    'between 11 November and 8 December 2023'
    """
    start, end = pd.Timestamp(row["date_start"]), pd.Timestamp(row.get("date_end", row["date_start"]))
    if pd.isna(end) or (end.normalize() - start.normalize()).days < 2:
        return f"on {start:%d %B %Y}"
    first = f"{start.day} {start:%B}" + (f" {start.year}" if start.year != end.year else "")
    return f"between {first} and {end.day} {end:%B %Y}"


def abstract(study, sents: pd.DataFrame, chronology: pd.DataFrame, by_period: pd.DataFrame, test_f1: float,
             n_test: int, story: pd.DataFrame, top: pd.DataFrame, groups: list[str], pairs: pd.DataFrame,
             names: pd.DataFrame, phases: pd.DataFrame | None = None) -> str:
    """Return an English abstract for write-ups, composed from computed values and quotations
    (``story``: the timeline summary; ``phases``: its phases)."""
    corpus, dated = study.stories, study.stories.published.dropna()
    share = 1 - corpus.chars_clean.sum() / max(corpus.chars_raw.sum(), 1)
    parts = [
        f"We study {_plural(len(corpus), 'Chinese-language news story', 'Chinese-language news stories')} from "
        f"{_plural(corpus.outlet.nunique(), 'outlet')}"
        + (f", published between {dated.min():%d %B %Y} and {dated.max():%d %B %Y} (Beijing time)" if len(dated) else "")
        + (f"; syndicated copies are counted once ({len(study.corpus)} articles in all)" if len(corpus) < len(study.corpus) else "")
        + ".",
        f"After removing page chrome ({share:.0%} of the characters), they hold {_plural(len(sents), 'sentence')}"
        f", {int(by_period[by_period.person == study.target].n.sum()):,} of which name {study.target_name}.",
        f"A chronology built from their time expressions dates {_plural(len(chronology), 'event')} "
        f"(told by more than one article: {int((chronology.n_sources > 1).sum()) if len(chronology) else 0}; "
        f"dates disputed between sources: {int(chronology.sources_disagree.sum()) if len(chronology) else 0}).",
    ]
    mine = by_period[by_period.person == study.target]
    if len(mine):
        trend = ", then ".join(f"{r.mean:+.2f} (95% CI {r.low:+.2f} to {r.high:+.2f}) in {r.period}"
                               for r in mine.itertuples())
        parts.append(f"Stance toward {study.target_name}, measured by a target-aware scorer validated against "
                     f"double-blind hand coding (macro-F1 {test_f1:.2f} on {n_test} unseen test sentences), is {trend}.")
    significant = top[top.significant] if "significant" in top else top
    words = {g: ", ".join(significant[significant.group == g].word.head(5)) for g in groups}
    if all(words.values()):
        parts.append(f"The coverage of {groups[0]} is most distinguished by {words[groups[0]]}; that of {groups[1]} "
                     f"by {words[groups[1]]}.")
    if phases is not None and len(phases):
        parts.append(f"Its timeline falls into {_plural(len(phases), 'phase')}: "
                     + "; ".join(f"{p.title_en} ({p.title_zh.split(' · ')[-1]})" for p in phases.itertuples()) + ".")
    if len(story):
        first, last = story.iloc[0], story.iloc[-1]
        parts.append(f"The timeline summary opens {_on(first)} with “{first.text}” ({first.source}) "
                     f"and closes {_on(last)} with “{last.text}” ({last.source}).")
    if len(pairs):
        strongest = pairs.iloc[0]
        parts.append(f"The most frequent co-mention is {names.name_en.get(strongest.entity_a, strongest.entity_a)} with "
                     f"{names.name_en.get(strongest.entity_b, strongest.entity_b)} ({strongest.sentences} sentences).")
    return " ".join(parts)
