"""The tables the notebooks show: what the cleaner removed, mentions, stance over time and by
period, the validation of the stance scorer, reported figures, distinctive words and the story."""

from __future__ import annotations

import html
from typing import NamedTuple

import pandas as pd


def article_labels(corpus: pd.DataFrame) -> pd.Series:
    """Return a short label per article for tables and axes: outlet and Beijing date (or "undated")."""
    dates = corpus["published"].map(lambda t: "undated" if pd.isna(t) else t.strftime("%Y-%m-%d"))
    return (corpus["outlet"].fillna(corpus["article_id"]).astype(str) + " " + dates).rename("label")


def mentions_long(corpus: pd.DataFrame, entities: list[str] | None = None) -> pd.DataFrame:
    """Return one row per (article, entity) with the number of mentions, zeros included, tidy."""
    from .entities import mention_counts

    wide = mention_counts(corpus["text"], entities)
    wide.index = corpus["article_id"]
    long = wide.reset_index().melt(id_vars="article_id", var_name="entity_id", value_name="mentions")
    return long.sort_values(["entity_id", "article_id"], kind="stable").reset_index(drop=True)


def article_means(table: pd.DataFrame, value: str = "label", by: str = "article_id", seed: int = 0) -> pd.DataFrame:
    """Return one row per group: mean of ``value``, its bootstrap 95% interval (low, high) and n."""
    from .stance.validation import bootstrap

    rows = []
    for key, group in table.groupby(by, sort=False):
        estimate = bootstrap(group[value].to_numpy(dtype=float), seed=seed)
        rows.append((key, estimate.estimate, estimate.low, estimate.high, len(group)))
    return pd.DataFrame(rows, columns=[by, "mean", "low", "high", "n"])


def key_events() -> pd.DataFrame:
    """Return the key events to mark on time axes, with their Beijing and local dates and sources."""
    from .paths import DATA_DIR

    events = pd.read_csv(DATA_DIR / "key_events.csv")
    events["date_beijing"] = pd.to_datetime(events["date_beijing"])
    return events


# --- Tables shown whole -------------------------------------------------------------------------

class WholeTable:
    """A table shown with every cell whole (pandas would cut long text with "…"): long text wraps,
    dates and short values never do. Its HTML is deterministic (a fixed id, no memory address)."""

    def __init__(self, table: pd.DataFrame, wrap: list[str] | None = None, name: str = "table"):
        self.table = table
        self.wrap = [c for c in (wrap if wrap is not None else _text_columns(table)) if c in table.columns]
        self.name = name

    def _repr_html_(self) -> str:
        # Every cell carries its own style attribute: JupyterLab strips <style> blocks from the outputs
        # of a notebook it does not trust (one opened from a clone), but keeps text-align and white-space
        # on a cell, so text stays left-aligned and whole there too; numbers are right-aligned.
        # Written here rather than by the Styler, whose jinja templates cost each notebook a quarter second.
        numeric = {c for c in self.table.columns if pd.api.types.is_numeric_dtype(self.table[c])}
        header = "".join(f"<th style=\"{_cell_style(c in numeric, False)}\">{html.escape(str(c))}</th>"
                         for c in self.table.columns)
        rows = []
        for index, values in zip(self.table.index, self.table.itertuples(index=False)):
            cells = "".join(f"<td style=\"{_cell_style(c in numeric, c in self.wrap)}\">{_cell_text(v)}</td>"
                            for c, v in zip(self.table.columns, values))
            rows.append(f"<tr><th style=\"{_cell_style(False, False)}\">{html.escape(str(index))}</th>{cells}</tr>")
        return (f"<table class=\"dataframe\" id=\"T_{self.name}\">\n<thead><tr><th></th>{header}</tr></thead>\n"
                "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>")

    def __repr__(self) -> str:
        with pd.option_context("display.max_colwidth", None, "display.width", 10_000):
            return self.table.to_string()

    def _repr_pretty_(self, printer, cycle):
        printer.text(repr(self))


def _cell_style(numeric: bool, wrap: bool) -> str:
    """The inline style of a table cell: numbers right, text left; long text wraps in a wide column."""
    align = "right" if numeric else "left"
    if wrap:
        return f"text-align: {align}; white-space: normal; min-width: 28em; max-width: 48em; vertical-align: top"
    return f"text-align: {align}; white-space: nowrap; vertical-align: top"


def _cell_text(value) -> str:
    """A cell's text: floats to three decimals, missing values empty, the rest as written, escaped."""
    if value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.3f}"
    return html.escape(str(value))


def _text_columns(table: pd.DataFrame) -> list[str]:
    """The columns holding long text: text columns whose longest value exceeds 40 characters."""
    return [c for c in table.columns if (table[c].dtype == object or pd.api.types.is_string_dtype(table[c]))
            and table[c].astype(str).str.len().max() > 40]


def whole(table: pd.DataFrame, wrap: list[str] | None = None, name: str = "table") -> WholeTable:
    """Return ``table`` for display with long text whole (``wrap``: its columns; default: found)."""
    return WholeTable(table, wrap, name)


def dates_as_text(table: pd.DataFrame, columns: list[str], fmt: str = "%Y-%m-%d") -> pd.DataFrame:
    """Return ``table`` with Timestamp ``columns`` written as text (empty when missing)."""
    return table.assign(**{c: pd.to_datetime(table[c]).dt.strftime(fmt).fillna("") for c in columns})


# --- The corpus (notebook 00) -------------------------------------------------------------------

def articles_table(corpus: pd.DataFrame) -> pd.DataFrame:
    """Return one row per article for display: outlet, original source, publication time (Beijing,
    'undated' when none), where the date came from, and the story it belongs to when known."""
    columns = ["article_id", "outlet", "original_source", "published", "date_basis"]
    columns += [c for c in ("story_id",) if c in corpus.columns]
    table = corpus[columns].reset_index(drop=True)
    table["published"] = table.published.dt.strftime("%Y-%m-%d %H:%M").fillna("undated")
    return table


def per_article_counts(sents: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """Return one row per article: sentences, tokens and mean characters per sentence."""
    counted = sents.assign(n_tokens=sents.tokens.map(len), chars=sents.text.str.len())
    table = counted.groupby("article_id", sort=False).agg(
        sentences=("sentence_id", "size"), tokens=("n_tokens", "sum"), chars_per_sentence=("chars", "mean"))
    return table.reindex(corpus.article_id).fillna(0).round(1).astype({"sentences": int, "tokens": int})


def entity_names() -> pd.DataFrame:
    """Return one row per entity, indexed by entity_id: kind, name_en, name_zh and a short Chinese
    name (the surname of a transliterated full name: 萨姆·奥特曼 -> 奥特曼)."""
    from .entities import entity_table

    names = entity_table().drop_duplicates("entity_id").set_index("entity_id")[["kind", "name_en", "name_zh"]]
    return names.assign(short_zh=names.name_zh.str.split("·").str[-1])


def mention_grid(corpus: pd.DataFrame, mentions: pd.DataFrame, periods: pd.DataFrame, max_articles: int = 30,
                 max_entities: int = 15) -> tuple[pd.DataFrame, str]:
    """Return (a grid of mention counts, entity by column; what a column is).

    Columns are the articles (by article_id) when there are at most ``max_articles``,
    else the periods; rows are the ``max_entities`` entities mentioned most, most mentioned first.
    """
    from .study import period_of

    counts = mentions.groupby(["entity_id", "article_id"]).size().rename("mentions").reset_index()
    if len(corpus) <= max_articles:
        counts["column"] = counts.article_id
        order, unit = list(corpus.article_id), "article"
    else:
        by_article = period_of(corpus.published, periods).fillna("undated").set_axis(corpus.article_id)
        counts["column"] = counts.article_id.map(by_article)
        order, unit = [*periods.period, "undated"], "period"
    grid = counts.pivot_table(index="entity_id", columns="column", values="mentions", aggfunc="sum", fill_value=0)
    grid = grid.reindex(columns=[c for c in order if c in grid.columns or unit == "article"], fill_value=0)
    grid = grid.loc[grid.sum(axis=1).sort_values(ascending=False, kind="stable").index].head(max_entities)
    grid.columns.name = unit
    return grid.astype(int), unit


def most_mentioned_people(mentions: pd.DataFrame, target: str, k: int = 4) -> list[str]:
    """Return the target and the ``k - 1`` other people mentioned most (ties by id).

    >>> table = pd.DataFrame({"entity_id": ["openai", "murati", "murati", "altman", "toner"]})
    >>> most_mentioned_people(table, "altman", k=3)
    ['altman', 'murati', 'toner']
    """
    from .entities import people

    counts = mentions.entity_id[mentions.entity_id.isin(people()) & (mentions.entity_id != target)].value_counts()
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [target] + [entity for entity, _ in ranked[: k - 1]]


# --- Stance (notebook 01) -----------------------------------------------------------------------

#: Above this many articles, stance over time is shown per day or week instead of per article.
PER_ARTICLE_MAX = 30
#: Above this many days with articles, per week instead of per day.
PER_DAY_MAX = 60


def stance_over_time(scored: pd.DataFrame, corpus: pd.DataFrame, periods: pd.DataFrame,
                     hand_coded: pd.DataFrame | None = None, per_article_max: int = PER_ARTICLE_MAX,
                     seed: int = 0) -> pd.DataFrame:
    """Return stance toward the target over time, one row per point to plot.

    With at most ``per_article_max`` articles, one row per article: its mean over the sentences that
    name the target, a bootstrap 95% interval over those sentences, n sentences (and the hand-coded
    mean when ``hand_coded`` gives labels by article_id and sentence_id). With more, one row per day
    (or per week when there are more than ``PER_DAY_MAX`` days): the mean of its articles' means,
    a bootstrap interval over articles, and n articles. Undated articles have no place in time.
    Columns: unit, when (the date or week start), label, period, mean, low, high, n, n_sentences;
    per article with ``hand_coded``, also hand_coded_mean, hand_coded_low, hand_coded_high (its
    bootstrap 95% interval) and hand_coded_n (the sentences coded; missing where none were).
    """
    from .study import period_of
    from .stance.validation import bootstrap

    named = scored[(scored.reference == "name") & scored.published.notna()]
    by_article = article_means(named, "label", seed=seed)
    by_article = by_article.merge(corpus[["article_id", "published"]], on="article_id")
    by_article["when"] = by_article.published.dt.tz_convert("Asia/Shanghai").dt.tz_localize(None)
    by_article["period"] = period_of(by_article.published, periods).to_numpy()
    if len(by_article) <= per_article_max:
        table = by_article.assign(unit="article", label=by_article.article_id.map(article_labels(corpus)),
                                  n_sentences=by_article.n)
        columns = ["unit", "article_id", "when", "label", "period", "mean", "low", "high", "n", "n_sentences"]
        if hand_coded is not None:
            coded = named.merge(hand_coded, on=["article_id", "sentence_id"], how="inner")
            means = article_means(coded, "hand_coded", seed=seed).set_index("article_id")
            table = table.join(means.add_prefix("hand_coded_"), on="article_id")
            columns += ["hand_coded_mean", "hand_coded_low", "hand_coded_high", "hand_coded_n"]
        return table[columns].reset_index(drop=True)
    days = by_article.when.dt.normalize()
    unit = "day" if days.nunique() <= PER_DAY_MAX else "week"
    by_article["bin"] = days if unit == "day" else days - pd.to_timedelta(days.dt.weekday, unit="D")
    rows = []
    for (bin_start, period), group in by_article.groupby(["bin", "period"], sort=True):
        estimate = bootstrap(group["mean"].to_numpy(dtype=float), seed=seed)
        rows.append((unit, bin_start, f"{bin_start:%Y-%m-%d}", period, estimate.estimate, estimate.low,
                     estimate.high, len(group), int(group.n.sum())))
    return pd.DataFrame(rows, columns=["unit", "when", "label", "period", "mean", "low", "high", "n", "n_sentences"])


def hand_coding_disagreements(over_time: pd.DataFrame) -> pd.DataFrame:
    """Return the rows of ``stance_over_time`` where the scorer's mean and the hand-coded mean of the
    same sentences disagree by more than their intervals (the two 95% intervals do not overlap), with
    the gap (scorer minus hand coding); empty when there is no hand coding or no such row."""
    columns = ["label", "article_id", "mean", "low", "high", "n", "hand_coded_mean", "hand_coded_low",
               "hand_coded_high", "hand_coded_n", "gap"]
    if "hand_coded_mean" not in over_time:
        return pd.DataFrame(columns=columns)
    coded = over_time[over_time.hand_coded_mean.notna()]
    apart = coded[(coded.low > coded.hand_coded_high) | (coded.high < coded.hand_coded_low)]
    return apart.assign(gap=apart["mean"] - apart.hand_coded_mean)[columns].reset_index(drop=True)


def hand_coded_labels(target: str) -> pd.DataFrame | None:
    """Return the hand-coded label of each bundled sentence that names ``target`` (article_id,
    sentence_id, hand_coded), or None when no hand coding exists for that target."""
    from .stance.validation import validation_set

    if target != "altman":
        return None
    coded = validation_set(None)
    return coded[["article_id", "sentence_id", "label"]].rename(columns={"label": "hand_coded"})


def stance_by_period(corpus: pd.DataFrame, people: list[str], periods: pd.DataFrame, seed: int = 0) -> pd.DataFrame:
    """Return one row per (person, period): mean stance over the sentences that name the person,
    a bootstrap 95% interval, n sentences; people in the given order, periods in time order."""
    from .pipeline import analyse_corpus
    from .study import period_of

    frames = []
    for person in people:
        about = analyse_corpus(corpus, person).stance
        about = about[(about.reference == "name") & about.published.notna()]
        frames.append(about.assign(person=person, period=period_of(about.published, periods).to_numpy()))
    scored = pd.concat(frames, ignore_index=True)
    if scored.empty:
        return pd.DataFrame(columns=["person", "period", "mean", "low", "high", "n"])
    scored["group"] = list(zip(scored.person, scored.period))
    table = article_means(scored, "label", by="group", seed=seed)
    table[["person", "period"]] = pd.DataFrame(table.group.tolist(), index=table.index)
    order = {p: i for i, p in enumerate(people)}, {p: i for i, p in enumerate(periods.period)}
    table = table.sort_values(["person", "period"], key=lambda s: s.map(order[0] if s.name == "person" else order[1]))
    return table[["person", "period", "mean", "low", "high", "n"]].reset_index(drop=True)


def drivers(scored: pd.DataFrame, corpus: pd.DataFrame, k: int = 5) -> pd.DataFrame:
    """Return the ``k`` most favourable and ``k`` most unfavourable sentences naming the target, by
    score, with their source (outlet and date) and the scorer's evidence."""
    named = scored[scored.reference == "name"].merge(corpus[["article_id", "outlet"]], on="article_id")
    named["source"] = named.outlet.fillna(named.article_id) + ", " + named.published.dt.strftime("%Y-%m-%d").fillna("undated")
    ranked = named.sort_values(["score", "article_id", "sentence_id"], kind="stable")
    top = pd.concat([ranked.tail(k).iloc[::-1].assign(side="most favourable"),
                     ranked.head(k).assign(side="most unfavourable")])
    columns = ["side", "score", "label"] + [c for c in ("hand_coded",) if c in top.columns] + ["text", "source", "evidence"]
    return top[columns].round(3).reset_index(drop=True)


class Validation(NamedTuple):
    """The validation of the stance scorer, as notebook 01 shows it.

    ``table``: one row per (set, method) on the sets used while building (nested cross-validation on
    the training sentences, the former test sets within it, each training file held out, the corpus's
    hand-coded sentences), macro-F1 with its interval and the F1 of each class; ``test``: the blind
    test set and ``test_table`` the methods' figures on it (never trained or tuned on), overall, by
    script and by class; ``recorded``: the figures earlier scorers got on their own test sets."""

    passes: pd.DataFrame
    agreement: float
    kappa: float
    disagreements: pd.DataFrame
    results: dict
    table: pd.DataFrame
    confusions: pd.DataFrame
    test: pd.DataFrame
    test_table: pd.DataFrame
    test_kappa: float
    recorded: pd.DataFrame


OURS = "ours (ct.stance)"


def _blind_table(long: pd.DataFrame) -> pd.DataFrame:
    """Return the blind test rows of ``validation_table`` in wide form: one row per method."""
    blind = long[long.set == "blind test 3"]
    wide = blind[blind.script == "all"].pivot_table(index="method", columns="measure", values="estimate", sort=False)
    macro = blind[(blind.script == "all") & (blind.measure == "macro_f1")].set_index("method")
    table = pd.DataFrame({"macro_f1": wide["macro_f1"], "ci_low": macro.low, "ci_high": macro.high})
    for script, part in blind[blind.measure == "macro_f1"].groupby("script", sort=True):
        if script != "all":
            table[f"macro_f1_{script}"] = part.set_index("method").estimate
    for measure in ("f1_unfavourable", "f1_neutral", "f1_favourable"):
        table[measure] = wide[measure]
    return table.reset_index().round(3)


def stance_validation() -> Validation:
    """Return the scorer's validation (see ``Validation``). Its figures are the same for every corpus:
    they are computed once per package version and shipped (``corpus_tools.stance.shipped``), so
    this only reads them, and the hand coding; they are recomputed (with a warning) only when the
    shipped files do not match the installed scorer."""
    from .stance import shipped
    from .stance import validation as V

    passes = V.coding_passes()
    coded = V.validation_set(None)
    long = shipped.results()
    on_training = long[(long.set == "training (nested CV)") & (long.script == "all") & (long.measure == "macro_f1")]
    results = {method: {"macro_f1": V.Interval(row.estimate, row.low, row.high)}
               for method, row in zip(on_training.method, on_training.itertuples())}
    table = V.summary_table(long[long.set != "blind test 3"], "all").round(3)
    test = V.blind_test_set()
    predicted = {method: labels.reindex(test.item).to_numpy() for method, labels in shipped.blind_predictions().items()}
    confusions = pd.concat([V.confusion(test.label, labels).stack().rename("sentences").reset_index()
                            .assign(method=V.METHOD_NAMES[method]) for method, labels in predicted.items()],
                           ignore_index=True)
    confusions["sentences_scored"] = f"the {len(test)} blind test sentences, never trained or tuned on"
    disagreements = coded[coded.label_pass1 != coded.label_pass2]
    return Validation(
        passes=passes, agreement=float((passes.label_1 == passes.label_2).mean()),
        kappa=float(V.cohen_kappa(passes.label_1, passes.label_2)),
        disagreements=disagreements[["item", "text", "label_pass1", "label_pass2", "label", "resolution"]],
        results=results, table=table,
        confusions=confusions[["method", "coded", "predicted", "sentences", "sentences_scored"]],
        test=test, test_table=_blind_table(long),
        test_kappa=float(V.cohen_kappa(test.label, test.label_coder2)), recorded=V.recorded_results(),
    )


def written_and_real(validation: Validation, real: pd.DataFrame) -> pd.DataFrame:
    """Return our scorer's figures on the written blind test set beside those on the real sentences
    (``stance.real_figures.real_stance_results``, subset 'all' of each part): one row per set, with
    the kind of sentences, the set and how our labels were obtained, their number, macro-F1 and its
    interval, and the F1 of each class."""
    test = validation.test_table.set_index("method").loc[OURS]
    rows = [{"sentences": "written (blind test)", "set": "blind test 3, never trained on", "n": len(validation.test),
             **{c: test[c] for c in ("macro_f1", "ci_low", "ci_high", "f1_unfavourable", "f1_neutral", "f1_favourable")}}]
    for row in real[real.subset == "all"].itertuples():
        rows.append({"sentences": "real (news pages)", "set": f"real set, {row.part} part: {row.how}", "n": row.sentences,
                     "macro_f1": row.macro_f1, "ci_low": row.ci_low, "ci_high": row.ci_high,
                     "f1_unfavourable": row.f1_unfavourable, "f1_neutral": row.f1_neutral,
                     "f1_favourable": row.f1_favourable})
    return pd.DataFrame(rows)


# --- Reported figures (notebook 02) -------------------------------------------------------------

def amount_shown(value: float, unit: str) -> str:
    """Return a reported amount in the unit a Chinese reader expects: 亿 from 1e8, 万 from 1e4.

    >>> amount_shown(3e5, "USD"), amount_shown(8.6e10, "USD"), amount_shown(770, "people")
    ('30万美元', '860亿美元', '770人')
    """
    suffix = {"USD": "美元", "people": "人"}.get(unit, f" {unit}")
    for size, word in ((1e8, "亿"), (1e4, "万")):
        if unit == "USD" and value >= size:
            return f"{value / size:g}{word}{suffix}"
    return f"{value:g}{suffix}"


def figures_spread(figures: pd.DataFrame, corpus: pd.DataFrame, periods: pd.DataFrame,
                   quantities: tuple[str, ...] = ("signatures", "valuation")) -> pd.DataFrame:
    """Return, per quantity and period, the lowest and highest exact reading (vague ones such as
    数百 are left out and counted apart), the number of readings and of articles."""
    from .study import period_of

    chosen = figures[figures.quantity.isin(quantities)].copy()
    chosen["period"] = chosen.article_id.map(period_of(corpus.set_index("article_id").published, periods))
    rows = []
    for (quantity, period), group in chosen.groupby(["quantity", "period"], sort=True):
        exact = group[group.qualifier != "several"]
        low = exact.loc[exact.value.idxmin()] if len(exact) else None
        high = exact.loc[exact.value.idxmax()] if len(exact) else None
        rows.append({"quantity": quantity, "period": period,
                     "lowest": "" if low is None else amount_shown(low.value, low.unit),
                     "highest": "" if high is None else amount_shown(high.value, high.unit),
                     "exact_readings": len(exact), "vague_readings": len(group) - len(exact),
                     "articles": group.article_id.nunique()})
    return pd.DataFrame(rows, columns=["quantity", "period", "lowest", "highest", "exact_readings",
                                       "vague_readings", "articles"])


# --- Narrative (notebook 03) --------------------------------------------------------------------

def two_groups(corpus: pd.DataFrame, periods: pd.DataFrame) -> tuple[pd.Series, list[str]]:
    """Return (each article's group, by article_id; the two group labels) for comparing vocabularies
    (``narrative.words.distinctive_words``): the first and the last period, or, with one period only,
    the articles before and from the median date."""
    from .study import period_of

    if len(periods) >= 2:
        first, last = periods.period.iloc[0], periods.period.iloc[-1]
        groups = period_of(corpus.published, periods)
        return groups.where(groups.isin([first, last])).set_axis(corpus.article_id), [first, last]
    median = corpus.published.dropna().median()
    groups = pd.Series(pd.NA, index=corpus.index, dtype="object")
    groups[corpus.published < median] = "earlier"
    groups[corpus.published >= median] = "later"
    return groups.set_axis(corpus.article_id), ["earlier", "later"]


def cooccurrence_grid(pairs: pd.DataFrame, max_entities: int = 12) -> pd.DataFrame:
    """Return a symmetric grid of co-mention counts for the ``max_entities`` entities in most
    co-mentions, people first, then organisations, each by id."""
    from .entities import entity_kinds

    totals = pd.concat([pairs[["entity_a", "sentences"]].rename(columns={"entity_a": "e"}),
                        pairs[["entity_b", "sentences"]].rename(columns={"entity_b": "e"})]).groupby("e").sentences.sum()
    chosen = totals.sort_values(ascending=False, kind="stable").head(max_entities).index
    kinds = entity_kinds()
    cast = sorted(chosen, key=lambda e: (kinds.get(e) != "person", e))
    grid = pd.DataFrame(0, index=cast, columns=cast)
    for row in pairs[pairs.entity_a.isin(cast) & pairs.entity_b.isin(cast)].itertuples():
        grid.loc[row.entity_a, row.entity_b] = grid.loc[row.entity_b, row.entity_a] = row.sentences
    return grid


def pronoun_effect(scored: pd.DataFrame, periods: pd.DataFrame) -> pd.DataFrame:
    """Return, per period, the mean stance over the sentences naming the target and over those plus
    the sentences calling it only 他/她 (``ct.target_sentences``), with n of each."""
    from .study import period_of

    dated = scored[scored.published.notna()].assign(period=lambda t: period_of(t.published, periods).to_numpy())
    named = article_means(dated[dated.reference == "name"], "label", by="period")[["period", "mean", "n"]]
    both = article_means(dated, "label", by="period")[["period", "mean", "n"]]
    return named.merge(both, on="period", how="outer", suffixes=("_named", "_with_pronoun"))


def pronoun_misreadings() -> list[str]:
    """Return the hand-coded items (bundled corpus) where both coders say that 他 is not Altman."""
    from .stance.validation import STANCE_DIR

    first = pd.read_csv(STANCE_DIR / "altman_coding_pass1.csv")
    both = first.merge(pd.read_csv(STANCE_DIR / "altman_coding_pass2.csv"), on="item")
    mask = both.note_x.fillna("").str.startswith("not Altman") & both.note_y.fillna("").str.startswith("not Altman")
    return list(both.item[mask])


def snownlp_beside(scored: pd.DataFrame, validation: Validation, periods: pd.DataFrame) -> pd.DataFrame:
    """Return, per period, the mean snownlp label (thresholds chosen by cross-validation) beside ours,
    over the sentences naming the target: snownlp is a baseline, never the measure."""
    from .stance import shipped
    from .stance import validation as V
    from .study import period_of

    named = scored[(scored.reference == "name") & scored.published.notna()].reset_index(drop=True)
    snow = V.method_predictions(named, shipped.thresholds())["snownlp"]  # thresholds chosen on the training sentences
    named = named.assign(snownlp_label=snow, period=period_of(named.published, periods).to_numpy())
    ours = article_means(named, "label", by="period")[["period", "mean", "n"]]
    theirs = article_means(named, "snownlp_label", by="period")[["period", "mean"]].rename(columns={"mean": "snownlp_mean"})
    return ours.merge(theirs, on="period")[["period", "snownlp_mean", "mean", "n"]]


# --- The chronology (notebook 02) -------------------------------------------------------------

def chronology_shown(events: pd.DataFrame, limit: int = 60) -> pd.DataFrame:
    """Return the chronology for reading: dates as text, the columns a reader needs, flags in the words
    the other columns use ('yes'/'no', as california_day_differs says 'yes'/'no'/'possibly'), and at most
    ``limit`` events (those told by most articles, in date order; the saved table has them all)."""
    shown = events.sort_values(["n_sources", "date_start"], ascending=[False, True], kind="stable").head(limit)
    shown = shown.sort_values("date_start", kind="stable").assign(
        date=lambda t: t.date_start.dt.strftime("%Y-%m-%d"),
        after_publication=lambda t: t.after_publication.map({True: "yes", False: "no"}))
    return shown[["date", "precision", "label", "expression", "actors", "n_sources", "dates_reported",
                  "california_day_differs", "after_publication"]].reset_index(drop=True)


def figures_shown(figures: pd.DataFrame) -> pd.DataFrame:
    """Return the reported figures for reading: the amount in the unit a reader expects (万, 亿)."""
    shown = figures.assign(amount=[amount_shown(v, u) for v, u in zip(figures.value, figures.unit)])
    return shown[shown.quantity != "other"][["quantity", "amount", "qualifier", "words", "article_id", "text"]]


# --- The chronology as a table --------------------------------------------------------------------

def typed_chronology(events: pd.DataFrame) -> pd.DataFrame:
    """Return the chronology with its columns' types fixed even when it is empty (a corpus that dates
    no event): dates as Timestamps, flags as booleans, counts as integers."""
    wanted = {"date_start": "datetime64[ns]", "date_end": "datetime64[ns]", "n_sources": "int64",
              "sources_disagree": "bool", "after_publication": "bool"}
    differ = {c: t for c, t in wanted.items() if c in events.columns and not (
        events[c].dtype == t or (t.startswith("datetime") and pd.api.types.is_datetime64_any_dtype(events[c])))}
    return events.astype(differ) if differ else events
