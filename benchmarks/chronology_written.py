"""Score ``ct.chronology`` on passages written for the purpose by a helper who never read its code.

``python benchmarks/chronology_written.py [test|dev] [-v]``. The passages (``passages.csv``) are in the
shapes of real coverage, both scripts, each with its gold events (``gold_events.csv``: type, actors, the
window a right date must fall in) and its distractors; ``GOLD_CONVENTIONS.md`` gives the coder's rules.
The ``dev`` half was read while the chronology's rules were generalised; the ``test`` half never was.

Each passage is one article. A gold event is *dated right* when a row of that article's chronology has
the gold type and a date window inside the gold window; *dated, any type* when a row whose sentence holds
the gold evidence (or is held in it) has a window inside the gold window. Prints both and the row count.
"""

import sys
from pathlib import Path

import pandas as pd

import corpus_tools as ct

ROOT = Path(__file__).resolve().parents[1]
#: The gold's event types, as the chronology names them.
TYPES = {"removal": "removal", "appointment": "appointment", "hire": "hire",
         "resignation_or_departure": "departure", "return": "return", "letter_or_petition": "letter",
         "apology_or_regret": "apology", "investigation": "investigation",
         "agreement_or_settlement": "agreement", "funding_or_valuation": "funding",
         "product_launch": "launch", "lawsuit_or_complaint": "complaint", "statement": "statement"}


def chronologies(passages: pd.DataFrame) -> pd.DataFrame:
    """Return every passage's own chronology (each passage a one-article corpus), with its passage_id."""
    tables = []
    for passage in passages.itertuples():
        corpus = pd.DataFrame({"article_id": [passage.passage_id], "title": [""], "text": [passage.text],
                               "published": [pd.Timestamp(passage.article_published, tz="Asia/Shanghai")]},
                              index=[passage.passage_id])
        tables.append(ct.chronology(corpus).assign(passage_id=passage.passage_id))
    return pd.concat(tables, ignore_index=True)


def inside(row, gold) -> bool:
    """Return whether ``row``'s dates fall within ``gold``'s window (days, inclusive)."""
    return (row.date_start.date() >= pd.Timestamp(gold.date_start).date()
            and row.date_end.date() <= pd.Timestamp(gold.date_end).date())


def score(half: str = "test") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (the gold events with columns typed and any_type, the rows found) for one half."""
    folder = ROOT / "tests" / "data" / "chronology_written" / half
    found = chronologies(pd.read_csv(folder / "passages.csv"))
    gold = pd.read_csv(folder / "gold_events.csv", dtype=str, keep_default_na=False)
    typed, any_type = [], []
    for event in gold.itertuples():
        rows = [r for r in found[found.passage_id == event.passage_id].itertuples() if inside(r, event)]
        evidence = event.evidence[:12]
        typed.append(any(r.event_type == TYPES.get(event.event_type) for r in rows))
        any_type.append(typed[-1] or any(evidence in r.text or r.text[:12] in event.evidence for r in rows))
    return gold.assign(typed=typed, any_type=any_type), found


def main(argv: list[str]) -> None:
    half = next((a for a in argv if not a.startswith("-")), "test")
    gold, found = score(half)
    n = len(gold)
    print(f"{half}: {gold.passage_id.nunique()} passages, {n} gold events, {len(found)} rows")
    print(f"dated right with the right type: {gold.typed.sum()}/{n} = {gold.typed.mean():.1%}")
    print(f"dated right, any type: {gold.any_type.sum()}/{n} = {gold.any_type.mean():.1%}")
    if "-v" in argv:
        print(gold[~gold.typed][["passage_id", "event_type", "date_start", "date_end", "evidence"]].to_string())


if __name__ == "__main__":
    main(sys.argv[1:])
