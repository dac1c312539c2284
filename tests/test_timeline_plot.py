"""The timeline figure: exactly the plotted data, panels from the data, labels inside and clear of dots."""

import io

import matplotlib
import numpy as np
import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.chronology.events import type_labels
from corpus_tools.chronology.merging import event_label
from corpus_tools.timeline_plot import (MAX_LABELS_PER_PANEL, MIN_PANEL_ROWS, STRIP_TITLE, _month_title,
                                       panels_of, timeline_figure)

matplotlib.use("Agg")


def synthetic_chronology(n_events=100, n_articles=80, seed=0):
    """Return a chronology of ``n_events`` events reported by up to ``n_articles`` articles, around
    four moments of the story, some dated only to the month."""
    rng = np.random.default_rng(seed)
    labels = type_labels()
    kinds = [k for k in labels if k != "other"]
    people = ["altman", "brockman", "murati", "sutskever", "nadella", "mcgrew", "zoph", "leike", "shear", "toner"]
    centres = pd.to_datetime(["2023-11-18", "2024-03-08", "2024-05-16", "2024-09-26"])
    rows = []
    for i in range(n_events):
        day = centres[i % len(centres)] + pd.Timedelta(days=int(rng.integers(-6, 7)))
        month = rng.random() < 0.15
        start = day.replace(day=1) if month else day
        end = (start + pd.offsets.MonthEnd(0) if month else start) + pd.Timedelta(hours=23, minutes=59, seconds=59)
        kind = kinds[int(rng.integers(len(kinds)))]
        actors = ", ".join(sorted(set(rng.choice(people, size=int(rng.integers(0, 3)), replace=False))))
        rows.append({"date_start": start, "date_end": end, "precision": "month" if month else "day",
                     "event_type": kind, "label": labels[kind][0], "label_zh": labels[kind][1], "expression": "周五",
                     "actors": actors, "n_articles": int(min(n_articles, rng.geometric(0.35)))})
    return pd.DataFrame(rows).sort_values("date_start", kind="stable").reset_index(drop=True)


def _label_boxes_clear_of_dots(fig, plotted):
    """Return (labels drawn, labels outside their panel, labels over a dot, labels over each other)."""
    renderer = fig.canvas.get_renderer()
    axes = [ax for ax in fig.axes]
    drawn, outside, over_dot, over_label = 0, 0, 0, 0
    for number, ax in enumerate(axes, start=1):
        here = plotted[plotted.panel == number]
        frame = ax.get_window_extent(renderer)
        centres = ax.transData.transform(np.column_stack([
            matplotlib.dates.date2num(here.x.dt.to_pydatetime()), here.y.to_numpy(dtype=float)]))
        radii = np.sqrt(here.dot_area.to_numpy(dtype=float) / np.pi) * fig.dpi / 72
        boxes = [t.get_window_extent(renderer) for t in ax.texts]
        drawn += len(boxes)
        for i, box in enumerate(boxes):
            outside += not (frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1)
            over_dot += any(box.x0 < x + r and x - r < box.x1 and box.y0 < y + r and y - r < box.y1
                            for (x, y), r in zip(centres, radii))
            over_label += any(box.overlaps(other) for other in boxes[i + 1:])
    return drawn, outside, over_dot, over_label


def _png(fig):
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def test_panels_are_split_where_the_data_has_long_gaps():
    days = pd.Series(pd.to_datetime(["2023-11-17", "2023-11-18", "2023-11-20", "2024-05-15", "2024-09-25", "2024-09-26"]))
    assert len(panels_of(days)) == 3
    close = pd.Series(pd.date_range("2023-11-01", periods=30, freq="2D"))
    assert len(panels_of(close)) == 1  # steady coverage: no gap stands out
    months = panels_of(pd.Series(pd.to_datetime(["2024-05-01", "2024-05-20"])),
                       pd.Series(pd.to_datetime(["2024-05-31", "2024-05-20"])))
    assert months == [(pd.Timestamp("2024-05-01"), pd.Timestamp("2024-05-31"))]


def test_the_figure_plots_the_bundled_chronology(corpus):
    table = ct.chronology(corpus)
    fig, plotted = timeline_figure(table)
    assert len(plotted) == len(table)  # the events known only to the year too, in the strip of other dates
    assert set(plotted[plotted.precision == "year"].panel) == {1} and fig.axes[0].get_title() == STRIP_TITLE
    assert plotted.label_shown.sum() == len(fig.axes[0].texts) + sum(len(ax.texts) for ax in fig.axes[1:])
    drawn, outside, over_dot, over_label = _label_boxes_clear_of_dots(fig, plotted)
    assert drawn == plotted.label_shown.sum() and (outside, over_dot, over_label) == (0, 0, 0)
    leike = plotted[plotted.actors.str.contains("leike")]
    assert "奥特曼" not in " ".join(leike.label)  # who departs, not whom the departing man criticised


def test_the_figure_stays_readable_at_a_hundred_events():
    fig, plotted = timeline_figure(synthetic_chronology(100, 80))
    assert len(plotted) == 100 and plotted.panel.nunique() >= 2
    drawn, outside, over_dot, over_label = _label_boxes_clear_of_dots(fig, plotted)
    assert (outside, over_dot, over_label) == (0, 0, 0)
    assert drawn >= 80  # most events labelled; the rest are in the plotted table
    assert plotted.dot_area.corr(plotted.n_articles.clip(upper=11)) > 0.9


def test_the_figure_is_deterministic():
    first = _png(timeline_figure(synthetic_chronology(40, 20, seed=3))[0])
    second = _png(timeline_figure(synthetic_chronology(40, 20, seed=3))[0])
    assert first == second


def test_lanes_by_actor():
    fig, plotted = timeline_figure(synthetic_chronology(30, 10), lanes="actor")
    assert set(plotted.lane) <= {"奥特曼", "布罗克曼", "穆拉蒂", "苏茨克维", "纳德拉", "麦格鲁", "佐夫", "莱克", "希尔", "托纳",
                                 "（未具名）"}
    with pytest.raises(ValueError):
        timeline_figure(synthetic_chronology(5, 5), lanes="colour")


def ten_years_of_events(n_events=200, seed=1):
    """Return a made-up chronology of ``n_events`` events over ten years: bursts of coverage, stray rows
    between them, and background known only to the year."""
    rng = np.random.default_rng(seed)
    labels = type_labels()
    kinds = [k for k in labels if k != "other"]
    people = ["altman", "brockman", "murati", "sutskever", "nadella", "mcgrew", "zoph", "leike", "shear", "toner"]
    centres = pd.to_datetime(["2016-03-10", "2018-06-01", "2020-01-15", "2021-09-01", "2023-11-18", "2024-05-16",
                              "2024-09-26", "2025-06-01"])
    rows = []
    for _ in range(n_events):
        draw = rng.random()
        if draw < 0.08:
            start, precision = pd.Timestamp(year=int(rng.integers(2010, 2020)), month=1, day=1), "year"
            end = start + pd.offsets.YearEnd(0)
        elif draw < 0.14:
            start, precision = pd.Timestamp("2012-01-01") + pd.Timedelta(days=int(rng.integers(0, 3000))), "day"
            end = start
        else:
            day = centres[int(rng.integers(len(centres)))] + pd.Timedelta(days=int(rng.integers(-8, 9)))
            month = rng.random() < 0.12
            start, precision = (day.replace(day=1), "month") if month else (day, "day")
            end = start + pd.offsets.MonthEnd(0) if month else start
        kind = kinds[int(rng.integers(len(kinds)))]
        actors = sorted(set(rng.choice(people, size=int(rng.integers(0, 3)), replace=False)))
        rows.append({"date_start": start, "date_end": end + pd.Timedelta(hours=23, minutes=59, seconds=59),
                     "precision": precision, "event_type": kind, "label": event_label(kind, actors, "董事会"),
                     "label_zh": labels[kind][1], "expression": "周五", "actors": ", ".join(actors),
                     "n_articles": int(rng.geometric(0.35))})
    return pd.DataFrame(rows).sort_values("date_start", kind="stable").reset_index(drop=True)


def test_a_decade_of_two_hundred_events_is_readable():
    fig, plotted = timeline_figure(ten_years_of_events())
    assert len(plotted) == 200 and fig.get_size_inches()[0] * 150 >= 1600  # saved at 150 dpi
    assert fig.axes[0].get_title() == STRIP_TITLE  # stray rows and background apart, in one strip
    story = plotted[plotted.panel > 1]
    assert (story.groupby("panel").size() >= MIN_PANEL_ROWS).all() and story.panel.nunique() >= 4
    assert (plotted.groupby("panel").label_shown.sum() <= MAX_LABELS_PER_PANEL).all()
    renderer = fig.canvas.get_renderer()
    titles = [ax.title.get_window_extent(renderer) for ax in fig.axes]
    assert not any(a.overlaps(b) for a, b in zip(titles, titles[1:]))
    assert all(0 <= t.x0 and t.x1 <= fig.bbox.width for t in titles)
    drawn, outside, over_dot, over_label = _label_boxes_clear_of_dots(fig, plotted)
    assert (outside, over_dot, over_label) == (0, 0, 0)


def test_labels_say_what_happened_never_the_time_words():
    fig, plotted = timeline_figure(ten_years_of_events(40, seed=2))
    assert not plotted.label.str.contains("周五").any()
    assert _month_title("2025-09-18 – 09-23") == "2025-09" and _month_title("2023-11-14 – 12-06") == "2023-11 – 12"
