"""Train the learned outlet choice (``corpus_tools.ingest.outlet_choice``) on the development part.

    python benchmarks/real/train_outlet.py [--pages FOLDER]           # writes corpus_tools/data/outlet_model.json
    python benchmarks/real/train_outlet.py --check [--pages FOLDER]   # rebuilds it and compares the bytes

Every development page is cleaned as the loader cleans it; each name it prints is a candidate
(``outlet_choice.candidates``), labelled 1 when it is the gold outlet (``gold/pages.csv``: the same name,
or two names the outlet table gives to one outlet). A ``GradientBoostingClassifier`` of stumps
(``outlet_cv.RECIPE``, the recipe ``outlet_cv.py`` measures by grouped cross-validation) learns which
candidate is the outlet. What is shipped is only what it learned: its prior and its stumps (feature,
threshold, the value at or below, the value above), which ``outlet_choice.probability`` sums; this
script checks that sum against scikit-learn's own probabilities before writing. The pages' text and
the gold labels are not shipped.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import outlet_cv  # noqa: E402
from realset import hydrate, pages_folder, read_manifest  # noqa: E402

from corpus_tools.ingest import outlet_choice  # noqa: E402

SHIPPED = HERE.parent.parent / "corpus_tools" / "data" / outlet_choice.MODEL


def build(folder: str | None) -> str:
    """Return the model file's text, trained on every development page of ``folder``."""
    rows = read_manifest()
    state = hydrate(pages_folder(folder), rows)
    gold = pd.read_csv(outlet_cv.GOLD, dtype=str, keep_default_na=False).set_index("page_id")
    development = [row["page_id"] for row in rows if row["part"] == "dev" and row["page_id"] in state.present]
    missing = [row["page_id"] for row in rows if row["part"] == "dev" and row["page_id"] not in state.present]
    if missing:
        print(f"warning: {len(missing)} development pages are missing; the model is trained without them")
    table, _, _ = outlet_cv.candidate_table({p: (state.present[p], gold.outlet[p]) for p in development})
    features = outlet_choice.FEATURES
    values = table[features].to_numpy()
    model = outlet_cv.make_model().fit(values, table.label.to_numpy())
    shipped = outlet_cv.shippable(model, f"{len(development)} development pages, {len(table)} candidates")
    text = json.dumps(shipped, ensure_ascii=False, indent=0) + "\n"
    # the sum the package evaluates must give scikit-learn's probabilities
    loaded = json.loads(text)
    ours = outlet_choice.probabilities(values, loaded)
    theirs = model.predict_proba(values)[:, 1]
    if not np.allclose(ours, theirs, atol=1e-9):
        raise SystemExit(f"the shipped sum differs from scikit-learn's probabilities by {np.abs(ours - theirs).max():.2e}")
    print(f"trained on {len(development)} development pages ({len(table)} candidates, "
          f"{int(table.label.sum())} of them the outlet); {len(shipped['stumps'])} stumps")
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", help="the folder of real pages (default: $REAL_PAGES)")
    parser.add_argument("--check", action="store_true", help="rebuild and compare with the shipped file")
    args = parser.parse_args(argv)
    text = build(args.pages)
    if args.check:
        same = SHIPPED.exists() and SHIPPED.read_text(encoding="utf-8") == text
        print(f"{SHIPPED.name}: {'the same bytes' if same else 'DIFFERS from the rebuilt model'}")
        return 0 if same else 1
    SHIPPED.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {SHIPPED}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
