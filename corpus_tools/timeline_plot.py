"""The timeline figure of a chronology: lanes by event type (or actor), dots sized by the number of
articles, panels split where the dates leave a long gap, labels placed where no dot or other label is.

``timeline_figure`` returns the figure and a table of exactly what it plots (one row per event
drawn, with its panel, lane, position and label, and whether the label could be shown), so the
figure can be saved with its data beside it (``ct.save_figure(fig, ..., data=table)``).
"""

from __future__ import annotations


import numpy as np
import pandas as pd

#: A gap between consecutive events longer than this many times the typical (median) gap, and
#: at least ``MIN_GAP_DAYS``, splits the timeline into panels.
GAP_FACTOR = 8
MIN_GAP_DAYS = 21
MAX_PANELS = 6
#: Dot area (points²) for one article, and the cap for the biggest dots.
DOT_AREA = 36
MAX_DOT_AREA = 400
LABEL_SIZE = 7
LANE_INCHES = 0.42
#: A span of the story gets a panel of its own only when it holds this many rows (a tenth of the rows,
#: at least two, in a small chronology); the rows of smaller
#: spans (stray background, a late repost's misread date) and the events known only to the year are
#: drawn together in one strip of other dates, on a scale of years.
MIN_PANEL_ROWS = 5
#: At most this many labels are drawn in a panel (the events most articles tell first); the others
#: are dots, their labels in the plotted table.
MAX_LABELS_PER_PANEL = 25
STRIP_TITLE = "其他日期 other dates"

PLOTTED_COLUMNS = ["panel", "panel_start", "panel_end", "lane", "lane_index", "y", "x", "date_start", "date_end",
                   "precision", "event_type", "label_zh", "actors", "n_articles", "dot_area", "label", "label_shown"]


def _people(actors: str) -> list[str]:
    from .entities import short_names

    names = short_names()
    return [names.get(a, a) for a in actors.split(", ") if a]


def panels_of(starts: pd.Series, ends: pd.Series | None = None, *, gap_factor: float = GAP_FACTOR,
              min_gap_days: float = MIN_GAP_DAYS, max_panels: int = MAX_PANELS) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """Return the (first, last) day of each panel for events spanning ``starts`` to ``ends`` (default:
    single days): the timeline is cut where nothing happens for longer than ``gap_factor`` times the
    median gap between consecutive events and ``min_gap_days``, at the longest such gaps, into at
    most ``max_panels`` panels.

    >>> days = pd.Series(pd.to_datetime(["2023-11-17", "2023-11-19", "2023-11-20", "2024-09-26"]))
    >>> [(f"{a:%Y-%m-%d}", f"{b:%Y-%m-%d}") for a, b in panels_of(days)]
    [('2023-11-17', '2023-11-20'), ('2024-09-26', '2024-09-26')]
    """
    starts = pd.Series(starts).reset_index(drop=True).dt.normalize()
    ends = starts if ends is None else pd.Series(ends).reset_index(drop=True).dt.normalize()
    spans = sorted(zip(starts, ends))
    if not spans:
        return []
    firsts = np.array([s for s, _ in spans], dtype="datetime64[ns]")
    steps = np.diff(firsts).astype("timedelta64[s]").astype(float) / 86400
    positive = steps[steps > 0]
    threshold = max(min_gap_days, gap_factor * (float(np.median(positive)) if len(positive) else 0.0))
    gaps, reach = [], spans[0][1]
    for i in range(1, len(spans)):
        gaps.append(((spans[i][0] - reach).days, i))
        reach = max(reach, spans[i][1])
    cuts = sorted(i for gap, i in sorted(gaps, key=lambda g: (-g[0], g[1]))[:max_panels - 1] if gap > threshold)
    bounds, first = [], 0
    for cut in cuts + [len(spans)]:
        group = spans[first:cut]
        bounds.append((group[0][0], max(e for _, e in group)))
        first = cut
    return bounds


def _label(row, lanes: str) -> str:
    people = "、".join(_people(row.actors))
    count = f"{row.n_articles}篇" if row.n_articles > 1 else ""
    if lanes == "actor":
        return " ".join(p for p in (row.label_zh, count) if p)
    # what happened (穆拉蒂离职), made by the chronology from the event, never its time expression
    what = getattr(row, "label", "")
    who = what if isinstance(what, str) and what and not what.isascii() else people
    return " ".join(p for p in (who, count) if p)


def timeline_figure(chronology: pd.DataFrame, *, lanes: str = "event_type", title: str | None = None,
                    width: float = 12.0):
    """Return ``(figure, plotted)`` for a chronology (``ct.chronology``): one lane per event type (or,
    with ``lanes='actor'``, per person who acts, the first named), one dot per event dated to the day
    or month (a bar spans a month-dated one), its area proportional to the number of articles, in
    panels split where the data has long gaps; each dot labelled with what happened (the chronology's
    ``label``: who did what) where the label fits inside the frame without covering a dot or another
    label. ``plotted`` is one row per event drawn (``PLOTTED_COLUMNS``). Spans of the story with fewer
    than ``MIN_PANEL_ROWS`` rows, the events known only to the year and the background
    (``background == 'yes'``) share one strip of other dates, first, on a scale of years; at most
    ``MAX_LABELS_PER_PANEL`` labels are drawn per panel.
    """
    import matplotlib.pyplot as plt
    from matplotlib import dates as mdates

    from .figures import setup_figures

    if lanes not in ("event_type", "actor"):
        raise ValueError(f"lanes must be 'event_type' or 'actor', not {lanes!r}")
    setup_figures()
    events = chronology[chronology.precision.isin(["day", "month", "year"])].copy()
    events["x"] = events.date_start + (events.date_end - events.date_start) / 2
    events.loc[events.precision == "day", "x"] = events.date_start.dt.normalize() + pd.Timedelta(hours=12)
    if lanes == "actor":
        events["lane"] = [(_people(a) or ["（未具名）"])[0] for a in events.actors]
    else:
        events["lane"] = events.label_zh
    events = events.sort_values(["x", "lane", "event_type", "actors"], kind="stable").reset_index(drop=True)
    order = events.groupby("lane", sort=False).x.min().sort_values(kind="stable").index.tolist()
    lane_index = {lane: i for i, lane in enumerate(order)}
    events["lane_index"] = events.lane.map(lane_index)
    # events of one lane on one day sit side by side in the lane, not on top of each other
    rank = events.groupby(["lane", events.x.dt.normalize()]).cumcount()
    size = events.groupby(["lane", events.x.dt.normalize()]).x.transform("size")
    events["y"] = events.lane_index + ((rank - (size - 1) / 2) * (0.6 / size.clip(lower=2))).astype(float)
    events["dot_area"] = np.minimum(DOT_AREA * events.n_articles, MAX_DOT_AREA).astype(float)
    events["label"] = [_label(row, lanes) for row in events.itertuples()]
    background = events.get("background", pd.Series("no", index=events.index)) == "yes"
    kept = _story_panels(events[(events.precision != "year") & ~background])
    in_story = np.array([any(a <= d <= b for a, b in kept) for d in events.date_start.dt.normalize()], dtype=bool)
    apart = (events.precision == "year") | (events.get("background", pd.Series("no", index=events.index)) == "yes")
    events["strip"] = apart.to_numpy() | ~in_story if len(events) else np.zeros(0, dtype=bool)
    strip = events[events.strip]
    if len(strip):  # one strip of the other dates, before the story's panels, on a scale of years
        bounds = [(strip.date_start.min().normalize(), strip.date_end.max().normalize())] + kept
    else:
        bounds = kept
    height = max(2.5, LANE_INCHES * max(len(order), 1) + 1.6)
    spans = [max((b - a).days, 1) for a, b in bounds] or [1]
    in_panel = [events[events.strip] if len(strip) and number == 0 else
                events[~events.strip & (events.date_start.dt.normalize() >= a) & (events.date_start.dt.normalize() <= b)]
                for number, (a, b) in enumerate(bounds)]
    counts = [len(rows) for rows in in_panel] or [0]
    ratios = [np.sqrt(s) + 1 + 0.5 * n for s, n in zip(spans, counts)]
    if len(strip):
        ratios[0] = min(ratios[0], max(3.0, 0.25 * sum(ratios[1:])))  # a strip, not a panel
    fig, axes = plt.subplots(1, max(len(bounds), 1), figsize=(width, height), sharey=True,
                             gridspec_kw={"width_ratios": ratios, "wspace": 0.06}, squeeze=False)
    axes = axes[0]
    rows = []
    for number, (ax, (first, last)) in enumerate(zip(axes, bounds or [(pd.Timestamp(0), pd.Timestamp(0))])):
        pad = pd.Timedelta(days=max(1.0, (last - first).days * 0.08))
        start, end = first - pad, last + pd.Timedelta(days=1) + pad
        inside = in_panel[number] if bounds else events.iloc[:0]
        for row in inside[inside.precision != "day"].itertuples():
            ax.plot([max(row.date_start, start), min(row.date_end, end)], [row.y] * 2, color="tab:orange",
                    linewidth=5, alpha=0.35, solid_capstyle="butt", zorder=1)
        ax.scatter(inside.x, inside.y, s=inside.dot_area, color="tab:blue", alpha=0.85, zorder=3,
                   edgecolors="white", linewidths=0.6)
        ax.set_xlim(start, end)
        ax.set_ylim(len(order) - 0.4, -0.6)
        ax.grid(axis="y", color="0.92", zorder=0)
        inches = width * 0.87 * ratios[number] / sum(ratios)  # about a tick label per 0.8 inch
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=1, maxticks=max(2, int(inches / 0.8))))
        is_strip = bool(len(strip)) and number == 0
        if is_strip:
            ax.xaxis.set_major_locator(mdates.YearLocator(base=max(1, int((end - start).days / 365 / 3) or 1)))
        ax.xaxis.set_major_formatter(mdates.DateFormatter(
            "%Y" if is_strip else "%m-%d" if (end - start).days < 200 else "%Y-%m"))
        ax.tick_params(axis="x", labelsize=7)
        if number:
            ax.tick_params(axis="y", left=False)
        if is_strip:
            ax.set_facecolor("0.97")
        ax.set_title(STRIP_TITLE if is_strip else _panel_title(first, last), fontsize=8)
        for row in inside.itertuples():
            rows.append({"panel": number + 1, "panel_start": first, "panel_end": last, "lane": row.lane,
                         "lane_index": row.lane_index, "y": row.y, "x": row.x, "date_start": row.date_start,
                         "date_end": row.date_end, "precision": row.precision, "event_type": row.event_type,
                         "label_zh": row.label_zh, "actors": row.actors, "n_articles": row.n_articles,
                         "dot_area": row.dot_area, "label": row.label, "label_shown": False})
    axes[0].set_yticks(range(len(order)))
    axes[0].set_yticklabels(order, fontsize=8)
    fig.suptitle(title or "报道中的事件时间线 · dot area = number of articles (篇); bars span month-dated events",
                 fontsize=9)
    fig.subplots_adjust(left=0.12, right=0.99, top=1 - 0.5 / height, bottom=0.45 / height + 0.05)
    plotted = pd.DataFrame(rows, columns=PLOTTED_COLUMNS)
    _titles_apart(fig, axes)
    plotted["label_shown"] = _place_labels(fig, axes, plotted)
    return fig, plotted


def _story_panels(story: pd.DataFrame) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """Return the panels of the rows dated to the day or month: split at the data's long gaps
    (``panels_of``), again without the rows of spans smaller than ``MIN_PANEL_ROWS`` (stray rows then
    take no cut from the story's own gaps), until every panel holds that many rows (or one is left)."""
    rows, least = story, min(MIN_PANEL_ROWS, max(2, len(story) // 10))  # a small corpus's spans are small
    for _ in range(4):
        bounds = panels_of(rows.date_start, rows.date_end)
        days = rows.date_start.dt.normalize()
        counts = [int(((days >= a) & (days <= b)).sum()) for a, b in bounds]
        big = [b for b, n in zip(bounds, counts) if n >= least]
        if not big or len(big) == len(bounds):
            return bounds
        rows = rows[np.array([any(a <= d <= b for a, b in big) for d in days], dtype=bool)]
    return big


def _panel_title(first: pd.Timestamp, last: pd.Timestamp) -> str:
    """Return a panel's title: its days, the year written once (2023-11-14 – 12-06)."""
    if first == last:
        return f"{first:%Y-%m-%d}"
    return f"{first:%Y-%m-%d} – {last:%m-%d}" if first.year == last.year else f"{first:%Y-%m-%d} – {last:%Y-%m-%d}"


def _titles_apart(fig, axes) -> None:
    """Shorten the title of a panel too narrow for it (2023-11 – 12, then 23-11), so that no two titles
    overlap and none runs past the figure's edge."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    for left, right in zip(axes, axes[1:]):
        for shorten in (_month_title, _short_title, lambda t: ""):
            if not left.title.get_window_extent(renderer).overlaps(right.title.get_window_extent(renderer)):
                break
            narrower = right if right.get_window_extent(renderer).width < left.get_window_extent(renderer).width else left
            if narrower.get_title() == STRIP_TITLE:
                narrower.set_title("其他", fontsize=8)
            else:
                narrower.set_title(shorten(narrower.get_title()), fontsize=8)
    width = fig.bbox.width
    for ax in axes:  # nor past the figure's edges
        for shorten in (_month_title, _short_title, lambda t: ""):
            box = ax.title.get_window_extent(renderer)
            if box.x0 >= 0 and box.x1 <= width:
                break
            ax.set_title(shorten(ax.get_title()), fontsize=8)


def _month_title(title: str) -> str:
    """2023-11-14 – 12-06 -> 2023-11 – 12."""
    parts = [p.strip() for p in title.split("–")]
    first = parts[0][:7]
    if len(parts) == 1:
        return first
    last = f"{first[:5]}{parts[1][:2]}" if len(parts[1]) == 5 else parts[1][:7]
    return first if last == first else f"{first} – {last[5:] if last[:4] == first[:4] else last}"


def _short_title(title: str) -> str:
    """2023-11 – 12 -> 23-11."""
    return title[2:7]


def _place_labels(fig, axes, plotted: pd.DataFrame) -> list[bool]:
    """Draw each label at the first of a few places beside its dot that lies inside its panel and
    covers no dot and no label placed before it (biggest dots first); return which were drawn."""
    from matplotlib.transforms import Bbox

    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    points = fig.dpi / 72
    shown = [False] * len(plotted)
    for number, ax in enumerate(axes, start=1):
        here = plotted[plotted.panel == number]
        frame = ax.get_window_extent(renderer)
        centres = ax.transData.transform(np.column_stack([
            ax.xaxis.convert_units(here.x.dt.to_pydatetime()) if len(here) else np.zeros(0),
            here.y.to_numpy(dtype=float)])) if len(here) else np.zeros((0, 2))
        radii = np.sqrt(here.dot_area.to_numpy(dtype=float) / np.pi) * points + 1
        dots = [Bbox.from_extents(x - r, y - r, x + r, y + r) for (x, y), r in zip(centres, radii)]
        taken: list = []
        ranking = sorted(range(len(here)), key=lambda i: (-here.n_articles.iloc[i], i))
        placed = 0
        for i in ranking:
            text = here.label.iloc[i]
            if not text or placed >= MAX_LABELS_PER_PANEL:
                continue
            r = radii[i] / points + 2
            for dx, dy, ha, va in ((r, 0, "left", "center"), (-r, 0, "right", "center"), (0, r, "center", "bottom"),
                                   (0, -r, "center", "top"), (r, r, "left", "bottom"), (r, -r, "left", "top"),
                                   (-r, r, "right", "bottom"), (-r, -r, "right", "top")):
                artist = ax.annotate(text, (here.x.iloc[i], here.y.iloc[i]), xytext=(dx, dy),
                                     textcoords="offset points", ha=ha, va=va, fontsize=LABEL_SIZE, zorder=4,
                                     annotation_clip=False)
                box = artist.get_window_extent(renderer).padded(1)
                fits = (frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1)
                if fits and not any(box.overlaps(d) for d in dots) and not any(box.overlaps(t) for t in taken):
                    taken.append(box)
                    shown[here.index[i]] = True
                    placed += 1
                    break
                artist.remove()
    return shown
