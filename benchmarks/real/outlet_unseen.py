"""The outlets of pages the rules had not seen: the rules of an earlier commit, alone and with the learned choice.

    python benchmarks/real/outlet_unseen.py [--since 68e6c40] [--pages FOLDER]

``outlet_cv.py`` measures the learned choice by grouped cross-validation on the development part, where
the rules were tuned on every page, so the rules' own figure there says little about a site they have
not seen. This measures both on pages neither had seen: the development pages collected after commit
``--since`` (the manifest of that commit lists the pages before them). The rules are those of that
commit (run in a temporary worktree by ``unseen.each_page_at``); the learned choice is trained, as
``train_outlet.py`` trains it, on the development pages of that commit's manifest only, and applied as
the loader applies it: only where the rules name no outlet, never to a name the page credits as the
story's source (here the first name today's rules credit; the package excludes every name they credit,
and a page rarely credits two), at ``outlet_choice.THRESHOLD``.

What it found (stop 34, after two blind reviews' fixes: only the names a page prints as it would name
itself are candidates; never the headline):

=========================================  =============================  =============================
                                           stop 33's 32 new pages          stops 32-33's 54 new pages
                                           (``--since 68e6c40``)           (``--since 187ffc4~1``)
=========================================  =============================  =============================
outlet right: the rules of the time        3/11                            4/16
  with the learned choice (as shipped)     6/11                            6/16
  the learned choice alone                 7/11                            8/16
pages naming none given an outlet          10 of 21 (10 with the choice)   13 of 38 (13 with the choice)
=========================================  =============================  =============================
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from ingest_gold import same_outlet  # noqa: E402
from realset import hydrate, pages_folder, read_manifest  # noqa: E402
from train_outlet import GOLD, candidate_table, make_model, shippable  # noqa: E402
from unseen import each_page_at, pages_before  # noqa: E402

from corpus_tools.ingest import attribution, boilerplate, outlet_choice  # noqa: E402
from corpus_tools.scripts import fold  # noqa: E402

def rules_at(commit: str, pages: dict[str, str]) -> dict[str, str | None]:
    """Return each page's outlet by the rules of ``commit``."""
    return each_page_at(commit, "from corpus_tools.ingest import attribution, boilerplate",
                        "attribution.attribute(boilerplate.clean_page(text).lines)[0]", pages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--since", default="68e6c40", help="the commit whose rules and manifest came before the pages")
    parser.add_argument("--pages", help="the folder of real pages (default: $REAL_PAGES)")
    args = parser.parse_args(argv)
    before = pages_before(args.since)
    rows = read_manifest()
    state = hydrate(pages_folder(args.pages), rows)
    gold = pd.read_csv(GOLD, dtype=str, keep_default_na=False).set_index("page_id")
    development = [row["page_id"] for row in rows if row["part"] == "dev" and row["page_id"] in state.present]
    seen = [p for p in development if p in before]
    unseen = [p for p in development if p not in before]
    table, _, _ = candidate_table({p: (state.present[p], gold.outlet[p]) for p in seen})
    model = make_model().fit(table[outlet_choice.FEATURES].to_numpy(), table.label.to_numpy())
    learned = outlet_choice.StumpModel.of(shippable(model, f"{len(seen)} development pages before {args.since}"))
    old_rules = rules_at(args.since, {p: state.present[p] for p in unseen})

    with_choice, alone = {}, {}
    for page_id in unseen:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            page = boilerplate.clean_page(state.present[page_id])
        credited = attribution.attribute(page.lines)[1]  # the first name today's rules credit
        choice = outlet_choice.choose(page.lines, {fold(credited)} if credited else set(), learned)
        with_choice[page_id] = old_rules[page_id] or (choice.name if choice else None)
        found = outlet_choice.candidates(page.lines)
        chances = outlet_choice.probabilities(np.array([c.features for c in found]), learned) if found else []
        alone[page_id] = found[int(np.argmax(chances))].name if found else None

    named = [p for p in unseen if gold.outlet[p]]
    unnamed = [p for p in unseen if not gold.outlet[p]]
    print(f"{len(unseen)} development pages added after {args.since} ({len(named)} naming an outlet); "
          f"the learned choice trained on the {len(seen)} before them")
    for label, guess in (("the rules of the time", old_rules), ("with the learned choice", with_choice),
                         ("the learned choice alone", alone)):
        right = sum(same_outlet(guess[p], gold.outlet[p]) for p in named)
        false = sum(isinstance(guess[p], str) for p in unnamed)
        print(f"{label}: outlet right {right}/{len(named)}; an outlet named on {false} of {len(unnamed)} pages naming none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
