"""Notebook 03's findings and its timeline as a reader reads it, written from computed values."""

from __future__ import annotations

import pandas as pd


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (plural or word + 's')}"


def _day(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """A row's date as a reader writes it: the day, or the span when it is longer than a day."""
    if pd.isna(start):
        return "undated"
    if (pd.Timestamp(end).normalize() - pd.Timestamp(start).normalize()).days < 1:
        return f"{start:%Y-%m-%d}"
    return f"{start:%Y-%m-%d} – {end:%Y-%m-%d}"


def summary_markdown(summary: pd.DataFrame, phases: pd.DataFrame) -> str:
    """Return the timeline summary as Markdown: a heading per phase, then each key event's date, what
    happened and the sentence that tells it, with its source."""
    if summary.empty:
        return "_No event of this corpus is dated to a day or a month: there is no timeline to tell._"
    blocks = []
    for phase in phases.itertuples():
        rows = summary[summary.phase_id == phase.phase_id]
        lines = [f"- **{_day(r.date_start, r.date_end)}** · {r.event} — {r.text}（{r.source}, sentence {r.sentence_id}）"
                 for r in rows.itertuples()]
        blocks.append(f"**{phase.title_zh}** ({phase.title_en})\n\n" + "\n".join(lines))
    return "\n\n".join(blocks)


def narrative_findings(phases: pd.DataFrame, summary: pd.DataFrame, scores: pd.DataFrame | None, top: pd.DataFrame,
                       groups: list[str], pairs: pd.DataFrame, names: pd.DataFrame) -> str:
    """Return notebook 03's findings: the phases, the summary and how it measures against the
    references and the baselines (``scores``: one row per method, mean over the references; None when
    the corpus has no reference), distinctive words, co-mentions."""
    lines = []
    if len(phases):
        biggest = phases.sort_values(["events", "start"], ascending=[False, True]).iloc[0]
        lines.append(f"- The story falls into {_plural(len(phases), 'phase')} found in the data: "
                     + "; ".join(f"{p.title_zh} ({_plural(int(p.events), 'event')})" for p in phases.itertuples())
                     + f". The busiest is {biggest.title_en}.")
    mended = int(summary.mended.sum()) if "mended" in summary else 0
    lines.append(f"- The timeline summary tells **{_plural(len(summary), 'key event')}**, each by one cited sentence, "
                 f"in date order; {_plural(mended, 'sentence')} had an opening connective dropped, a pronoun's "
                 f"antecedent restored in brackets or a quote mark put back to stand alone.")
    if scores is not None and len(scores):
        ours = scores.loc["ours"]
        others = scores.drop(index="ours")
        ahead = all(ours.date_f1 > o.date_f1 and ours.rouge2_f1 > o.rouge2_f1 for o in others.itertuples())
        lines.append(
            f"- Against the reference timelines written by readers who never saw it: date-F1 **{ours.date_f1:.2f}**, "
            f"concat ROUGE-1 {ours.rouge1_f1:.2f} and ROUGE-2 {ours.rouge2_f1:.2f} (F1 over characters); "
            + "; ".join(f"{m}: date-F1 {o.date_f1:.2f}, ROUGE-1 {o.rouge1_f1:.2f}, ROUGE-2 {o.rouge2_f1:.2f}"
                        for m, o in others.iterrows())
            + (". The timeline summary is ahead of both baselines on date-F1 and ROUGE-2." if ahead
               else ". The timeline summary is **not** ahead of every baseline on both measures.")
            + f" Sentences that cannot stand alone: ours {ours.not_standalone:.0%}, "
            + ", ".join(f"{m} {o.not_standalone:.0%}" for m, o in others.iterrows()) + ".")
    for group in groups:
        side = top[top.group == group]
        passing = side[side.significant]
        lines.append(f"- Words most distinctive of {group}: {', '.join(side.word.head(5)) or 'none'}; "
                     f"{_plural(len(passing), 'word')} of them past |z| = 1.96"
                     + (f" ({', '.join(passing.word)})" if 0 < len(passing) <= 8 else "") + ".")
    if len(pairs):
        first = pairs.iloc[0]
        lines.append(f"- The most frequent co-mention is {names.name_en.get(first.entity_a, first.entity_a)} with "
                     f"{names.name_en.get(first.entity_b, first.entity_b)} ({first.sentences} sentences), out of "
                     f"{_plural(len(pairs), 'pair')} mentioned together at least once.")
    return "\n".join(lines)
