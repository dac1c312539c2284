"""The notebooks' figures: one function per figure, each returning ``(figure, plotted data)``.

The data is exactly what the figure draws, one row per mark, so that it can be saved beside the
figure (``Study.save_figure``) and cited. Every figure stays readable from a handful of articles to
hundreds: per-article marks become per-day or per-week ones, long gaps in time split the panels,
and the longest lists are cut to their largest items (the data says so).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

BEIJING = "Asia/Shanghai"
#: At most this many articles are drawn one by one (each with its label); more are counted per day.
LABELLED_ARTICLES = 30
#: At most this many events are drawn per timeline panel: those told by the most articles.
EVENTS_PER_PANEL = 25


def _plt():
    import matplotlib.pyplot as plt

    return plt


def _naive(times: pd.Series) -> pd.Series:
    """Beijing wall-clock times without a time zone (matplotlib's date axis wants them so)."""
    if getattr(times.dt, "tz", None) is not None:
        return times.dt.tz_convert(BEIJING).dt.tz_localize(None)
    return times


def _padded(start: pd.Timestamp, end: pd.Timestamp, share: float = 0.08, least_days: float = 2) -> tuple:
    pad = max(pd.Timedelta(days=least_days), (end - start) * share)
    return start - pad, end + pad


def _panels(periods: pd.DataFrame, height: float, width: float = 10, **subplot_kw):
    """Return (figure, one axis per period), the widths in proportion to the periods' spans (a short
    period no narrower than a tenth of them all, so that its dates and title can be read)."""
    plt = _plt()
    spans = [max((e - s).days, 7) for s, e in zip(periods.start, periods.end)] or [1]
    spans = [max(span, sum(spans) / 10) for span in spans]
    fig, axes = plt.subplots(1, max(len(spans), 1), figsize=(width, height), squeeze=False,
                             gridspec_kw={"width_ratios": spans}, **subplot_kw)
    return fig, list(axes[0])


def _date_axis(ax, start: pd.Timestamp, end: pd.Timestamp) -> None:
    """Date ticks on ``ax`` from ``start`` to ``end``: as many as its width holds without their labels
    running into each other (about one an inch; a panel too narrow for two gets its middle day)."""
    import matplotlib.dates as mdates
    from matplotlib.ticker import FixedLocator

    inches = ax.get_position().width * ax.figure.get_figwidth()
    fits = int(inches / 0.85)
    if fits >= 2:
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=2, maxticks=min(6, fits)))
    else:
        ax.xaxis.set_major_locator(FixedLocator([mdates.date2num(start + (end - start) / 2)]))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%m-%d" if start.year == end.year else "%Y-%m"))
    ax.tick_params(axis="x", labelsize=8, labelrotation=30)
    ax.set_xlim(start, end)


def _heatmap(ax, values: np.ndarray, cmap: str, fontsize: float | None = None):
    """Draw ``values`` as a heatmap with each non-zero count written in its cell, in black on light
    cells and white on dark ones (by the luminance of the cell's own colour). Return the image."""
    image = ax.imshow(values, cmap=cmap, aspect="auto")
    if values.size <= 400:  # numbers only where they fit
        size = fontsize or (7 if values.shape[1] > 10 else 8)
        for (row, col), value in np.ndenumerate(values):
            if value:
                red, green, blue, _ = image.cmap(image.norm(value))
                dark = 0.299 * red + 0.587 * green + 0.114 * blue < 0.5
                ax.text(col, row, int(value), ha="center", va="center", fontsize=size,
                        color="white" if dark else "black")
    return image


def mentions_figure(grid: pd.DataFrame, names: pd.DataFrame, labels: pd.Series | None = None):
    """Mentions of each entity (rows) per article or per period (columns): a heatmap.

    ``grid`` comes from ``reports.mention_grid``; ``names`` from ``reports.entity_names``;
    ``labels`` maps article ids to axis labels. Data: entity_id, column, mentions (tidy).
    """
    plt = _plt()
    unit = grid.columns.name or "article"
    upright = grid.shape[1] <= 8
    width = min(14, max(6.5, 3.5 + (1.0 if upright else 0.4) * grid.shape[1]))
    fig, ax = plt.subplots(figsize=(width, 1.8 + 0.38 * grid.shape[0]))
    image = _heatmap(ax, grid.to_numpy(), "Blues")
    shown = [str(labels.get(c, c)) if labels is not None else str(c) for c in grid.columns]
    if upright:  # outlet words over the date, one per line
        shown = ["\n".join(s.split(" ")) for s in shown]
    ax.set_xticks(range(grid.shape[1]), shown, fontsize=8, rotation=0 if upright else 60,
                  ha="center" if upright else "right")
    ax.set_yticks(range(grid.shape[0]), [f"{names.name_zh.get(e, e)} ({names.name_en.get(e, e)})" for e in grid.index],
                  fontsize=8)
    ax.set_title(f"谁在哪里被提及 · Mentions per {unit} (all aliases, both scripts)", fontsize=10)
    fig.colorbar(image, ax=ax, label="mentions", shrink=0.8)
    fig.tight_layout()
    data = grid.rename_axis(index="entity_id", columns=unit).stack().rename("mentions").reset_index()
    return fig, data


def publication_dates_figure(corpus: pd.DataFrame, periods: pd.DataFrame):
    """When the articles appeared, one panel per period: a labelled dot per article when there are
    few, else the number of articles per day. Data: one row per mark."""
    dated = corpus[corpus.published.notna()].assign(when=lambda t: _naive(t.published))
    fig, axes = _panels(periods, height=3.2, sharey=True)
    few = len(dated) <= LABELLED_ARTICLES
    rows, tallest = [], 1
    for ax, period in zip(axes, periods.itertuples()):
        inside = dated[(dated.when >= period.start) & (dated.when <= period.end)]
        if few:
            for y, row in enumerate(inside.itertuples()):
                ax.scatter([row.when], [y], color="tab:blue", s=25, zorder=3)
                label = str(row.outlet) + (" (日期推断)" if row.date_basis != "page" else "")
                ax.annotate(label, (row.when, y), xytext=(5, 3), textcoords="offset points", fontsize=8)
                rows.append({"period": period.period, "article_id": row.article_id, "outlet": row.outlet,
                             "published": f"{row.when:%Y-%m-%d %H:%M}", "date_basis": row.date_basis})
            tallest = max(tallest, len(inside))
        else:
            per_day = inside.when.dt.normalize().value_counts().sort_index()
            ax.bar(per_day.index, per_day.values, width=0.8, color="tab:blue")
            rows += [{"period": period.period, "day": f"{d:%Y-%m-%d}", "articles": int(n)} for d, n in per_day.items()]
        start, end = _padded(period.start, period.end, share=0.15 if few else 0.05)
        _date_axis(ax, start, end + (end - start) * (0.35 if few else 0))  # room for the labels
        ax.set_title(period.period, fontsize=10)
        ax.grid(axis="x", alpha=0.3)
    if few:
        axes[0].set_ylim(-0.7, tallest + 0.3)  # the panels share the y axis: room for the fullest
        axes[0].set_yticks([])
    else:
        axes[0].set_ylabel("articles per day")
    fig.suptitle("文章发表时间 · Publication dates (Beijing time)", fontsize=10)
    fig.tight_layout()
    return fig, pd.DataFrame(rows)


def validation_confusion_figure(confusions: pd.DataFrame):
    """Confusion matrices of each stance method against the hand coding (``reports.stance_validation``),
    titled with the sentences they count (the ``sentences_scored`` column). Data: method, coded,
    predicted, sentences, sentences_scored."""
    plt = _plt()
    methods = list(dict.fromkeys(confusions.method))
    fig, axes = plt.subplots(1, len(methods), figsize=(3.4 * len(methods), 3.6), squeeze=False)
    ticks = ["-1 不利", "0 中性", "+1 有利"]
    for ax, method in zip(axes[0], methods):
        grid = confusions[confusions.method == method].pivot(index="coded", columns="predicted", values="sentences")
        _heatmap(ax, grid.to_numpy(), "Greens", fontsize=10)
        ax.set_xticks(range(3), ticks, fontsize=8)
        ax.set_yticks(range(3), ticks, fontsize=8)
        ax.set_xlabel("predicted")
        ax.set_title(method, fontsize=10)
    axes[0][0].set_ylabel("hand-coded")
    scored = confusions.sentences_scored.iloc[0] if "sentences_scored" in confusions and len(confusions) else "sentences"
    fig.suptitle(f"立场判断与人工编码的对照 · Stance toward Altman: predictions (columns) vs hand coding (rows), "
                 f"{scored}", fontsize=10)
    fig.tight_layout()
    return fig, confusions


def stance_over_time_figure(table: pd.DataFrame, periods: pd.DataFrame, events: pd.DataFrame, target_name: str):
    """Stance toward the target over time (``reports.stance_over_time``): a point per article with its
    interval when there are few, else per day or week (points, not joined across empty days); one panel
    per period; the hand-coded mean of the same sentences beside each article, with its interval, where
    they were coded. Each key event inside a panel is a dotted line topped by its number, and listed by
    number under the panels (date, Chinese and English). Data: the table, with the drawn position."""
    plt = _plt()
    unit = table.unit.iloc[0] if len(table) else "article"
    fig, axes = _panels(periods, height=4.6, sharey=True)
    drawn, shown_events = [], []
    coded_apart = pd.Timedelta(0)
    for ax, period in zip(axes, periods.itertuples()):
        rows = table[table.period == period.period].copy()
        start, end = _padded(period.start, period.end)
        if unit == "article":  # articles of one day side by side, 18 hours apart; the CSV keeps their dates
            day = rows.when.dt.normalize()
            rows["shift"] = rows.groupby(day).cumcount() - (rows.groupby(day).when.transform("size") - 1) / 2
            step = max(pd.Timedelta(hours=18), (period.end - period.start) / 40)
            rows["drawn_at"] = rows.when + rows["shift"] * step
            coded_apart = (end - start) / 60  # the hand-coded mark just right of the scorer's
        else:
            rows["drawn_at"] = rows.when
        ax.errorbar(rows.drawn_at, rows["mean"], yerr=[rows["mean"] - rows.low, rows.high - rows["mean"]],
                    fmt="o", color="tab:blue", capsize=3, markersize=4,
                    label=f"ct.stance, per {unit} (95% CI)")
        if "hand_coded_mean" in rows and rows.hand_coded_mean.notna().any():
            coded = rows[rows.hand_coded_mean.notna()]
            ax.errorbar(coded.drawn_at + coded_apart, coded.hand_coded_mean,
                        yerr=[coded.hand_coded_mean - coded.hand_coded_low, coded.hand_coded_high - coded.hand_coded_mean],
                        fmt="D", color="tab:red", markerfacecolor="white", capsize=2, markersize=5, linewidth=1,
                        label="hand-coded mean, same sentences (95% CI)")
        if unit == "article" and len(table) <= 12:
            for row in rows.itertuples():
                side = "right" if row.shift < 0 else "left" if row.shift > 0 else "center"
                top = max(row.high, getattr(row, "hand_coded_high", row.high) if pd.notna(getattr(row, "hand_coded_high", None)) else row.high)
                ax.annotate(f"{row.label.rsplit(' ', 1)[0]}\nn={row.n}", (row.drawn_at, top),
                            xytext=(-3 if row.shift < 0 else 3 if row.shift > 0 else 0, 4),
                            textcoords="offset points", ha=side, fontsize=7)
        # events closer than a marker's width share one marker (1–3), so that no number hides another
        marker = (end - start) * 0.22 / max(ax.get_position().width * fig.get_figwidth(), 0.1)
        groups: list[list] = []
        for event in events[events.date_beijing.between(start, end)].itertuples():
            shown_events.append(event)
            ax.plot([event.date_beijing] * 2, [-1.2, 1.28], color="tab:purple", linestyle=":", linewidth=1, zorder=1)
            if groups and event.date_beijing - groups[-1][-1][1].date_beijing < marker:
                groups[-1].append((len(shown_events), event))
            else:
                groups.append([(len(shown_events), event)])
        for group in groups:
            first, last = group[0][0], group[-1][0]
            at = group[0][1].date_beijing + (group[-1][1].date_beijing - group[0][1].date_beijing) / 2
            ax.text(at, 1.36, str(first) if first == last else f"{first}–{last}", ha="center", va="center",
                    fontsize=7, color="white", zorder=4,  # no bold: the CJK font ships one weight
                    bbox={"boxstyle": "circle,pad=0.25" if first == last else "round,pad=0.25",
                          "facecolor": "tab:purple", "edgecolor": "none"})
        ax.axhline(0, color="black", linewidth=0.5)
        _date_axis(ax, start, end)
        # a title wider than its narrow panel ends at the panel's right edge rather than past the figure's
        narrow = ax.get_position().width * fig.get_figwidth() < 0.09 * len(str(period.period))
        ax.set_title(period.period, fontsize=10, pad=14, loc="right" if narrow else "center")
        drawn.append(rows.drop(columns="shift", errors="ignore"))
    axes[0].set_ylim(-1.2, 1.45)
    axes[0].set_yticks([-1, -0.5, 0, 0.5, 1])
    axes[0].set_ylabel(f"mean stance toward {target_name} (-1 to +1)")
    axes[0].legend(fontsize=7, loc="best")
    fig.suptitle(f"报道对{target_name}的立场 · Stance toward {target_name} per {unit} (Beijing dates)", fontsize=10)
    listed = [f"{i}  {e.date_beijing:%Y-%m-%d}  {e.label_zh} · {e.label_en}" for i, e in enumerate(shown_events, 1)]
    if listed:
        columns = 2 if len(listed) > 2 else len(listed)
        per_column = -(-len(listed) // columns)
        for c in range(columns):
            fig.text(0.06 + c * 0.47, 0.02 + 0.035 * (per_column - 1), "\n".join(listed[c * per_column:(c + 1) * per_column]),
                     fontsize=7.5, va="bottom", ha="left", color="tab:purple", linespacing=1.6)
        fig.tight_layout(rect=(0, 0.045 + 0.04 * per_column, 1, 1))
    else:
        fig.tight_layout()
    data = pd.concat(drawn, ignore_index=True) if drawn else table.assign(drawn_at=table.when)
    return fig, data.assign(when=data.when.dt.strftime("%Y-%m-%d %H:%M"),
                            drawn_at=data.drawn_at.dt.strftime("%Y-%m-%d %H:%M"))


def people_by_period_figure(comparison: pd.DataFrame, people: list[str], names: pd.DataFrame):
    """Mean stance toward each person (``reports.stance_by_period``), one colour per period, with
    bootstrap intervals and n sentences. Data: the comparison table."""
    plt = _plt()
    periods = list(dict.fromkeys(comparison.period))
    fig, ax = plt.subplots(figsize=(max(6, 1.6 * len(people) + 1), 3.8))
    width = 0.6 / max(len(periods), 1)
    colors = plt.get_cmap("tab10").colors
    for i, period in enumerate(periods):
        rows = comparison[comparison.period == period].set_index("person").reindex(people)
        x = np.arange(len(people)) + (i - (len(periods) - 1) / 2) * width
        ax.errorbar(x, rows["mean"], yerr=[rows["mean"] - rows.low, rows.high - rows["mean"]], fmt="o",
                    color=colors[i % 10], capsize=3, label=period)
        for xi, n in zip(x, rows.n):
            if pd.notna(n):
                ax.text(xi, -1.15, f"n={int(n)}", ha="center", fontsize=6)
    ax.axhline(0, color="black", linewidth=0.5)
    ax.set_xticks(range(len(people)), [names.short_zh.get(p, p) for p in people])
    ax.set_ylim(-1.25, 1.2)
    ax.set_ylabel("mean stance (-1 to +1)")
    ax.legend(fontsize=7, title="period", title_fontsize=7)
    ax.set_title("人物在各时期的报道立场 · Stance toward the most mentioned people, by period", fontsize=10)
    fig.tight_layout()
    return fig, comparison


def distinctive_words_figure(top: pd.DataFrame, groups: list[str], z: float = 1.96):
    """The words most distinctive of each of two groups (``narrative.words.distinctive_words``): |z|
    of the weighted log-odds ratio, the words past |z| = ``z`` in full colour, the others pale, the
    line dotted, and how many pass in each panel's title. Data: the table."""
    plt = _plt()
    most = max(top.group.value_counts().max() if len(top) else 1, 4)
    fig, axes = plt.subplots(1, 2, figsize=(10, 1.5 + 0.3 * most), sharex=True)
    for ax, group, color in zip(axes, groups, ["tab:blue", "tab:orange"]):
        rows = top[top.group == group].iloc[::-1]
        strong = rows.z.abs() > z
        ax.barh(range(len(rows)), rows.z.abs(), color=[color if s else "none" for s in strong],
                edgecolor=color, height=0.7)
        ax.set_ylim(len(rows) - most - 0.5, len(rows) - 0.5)  # one bar height whatever the number of words
        ax.set_yticks(range(len(rows)), rows.word)
        ax.axvline(z, color="grey", linestyle=":", linewidth=1)
        if rows.empty:
            ax.text(0.5, 0.5, "no word leans this way", transform=ax.transAxes, ha="center", fontsize=9)
        ax.set_xlabel("|z| of the weighted log-odds ratio (filled: past the dotted line)")
        ax.set_title(f"{group} 的特征词 · {int(strong.sum())} of {len(rows)} words past |z| = {z}", fontsize=10)
    fig.suptitle("两个时期的报道用词对比（Fightin' Words, informative Dirichlet prior）", fontsize=10)
    fig.tight_layout()
    return fig, top


def cooccurrence_figure(grid: pd.DataFrame, names: pd.DataFrame):
    """Sentences mentioning both of two entities (``reports.cooccurrence_grid``): a heatmap. Data:
    entity_a, entity_b, sentences for each drawn pair (a < b, zeros omitted)."""
    plt = _plt()
    size = 2.5 + 0.4 * len(grid)
    fig, ax = plt.subplots(figsize=(size + 1, size))
    image = _heatmap(ax, grid.to_numpy(), "Purples")
    labels = [names.short_zh.get(e, e) for e in grid.index]
    ax.set_xticks(range(len(grid)), labels, rotation=60, fontsize=8)
    ax.set_yticks(range(len(grid)), labels, fontsize=8)
    fig.colorbar(image, ax=ax, label="sentences mentioning both", shrink=0.8)
    ax.set_title("人物与机构的同句共现 · Co-mentions within sentences", fontsize=10)
    fig.tight_layout()
    long = grid.rename_axis(index="entity_a", columns="entity_b").stack().rename("sentences").reset_index()
    long = long[(long.entity_a < long.entity_b) & (long.sentences > 0)]
    return fig, long.sort_values(["sentences", "entity_a", "entity_b"], ascending=[False, True, True]).reset_index(drop=True)
