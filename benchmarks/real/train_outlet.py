"""Train the learned outlet choice (``corpus_tools.ingest.outlet_choice``) on the development part.

    python benchmarks/real/train_outlet.py [--pages FOLDER]           # writes corpus_tools/data/outlet_model.json
    python benchmarks/real/train_outlet.py --check [--pages FOLDER]   # rebuilds it and compares the bytes

Every development page is cleaned as the loader cleans it; each name it prints is a candidate
(``outlet_choice.candidates``), labelled 1 when it is the gold outlet (``gold/pages.csv``: the same name,
or two names the outlet table gives to one outlet). A ``GradientBoostingClassifier`` of stumps
(``RECIPE``, the recipe ``outlet_cv.py`` measures by grouped cross-validation) learns which candidate is
the outlet. What is shipped is only what it learned (``shippable``): its prior and its stumps (feature,
threshold, the value at or below, the value above), which ``outlet_choice.probabilities`` sums; this
script checks that sum against scikit-learn's own probabilities before writing. The pages' text and the
gold labels are not shipped. ``outlet_cv.py`` and ``outlet_unseen.py`` train and apply the same way.
"""

from __future__ import annotations

import argparse
import json
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

from corpus_tools.ingest import attribution, boilerplate, outlet_choice  # noqa: E402

SEED = 0
RECIPE = {"n_estimators": 300, "max_depth": 1, "learning_rate": 0.1}
GOLD = HERE / "gold" / "pages.csv"
SHIPPED = HERE.parent.parent / "corpus_tools" / "data" / outlet_choice.MODEL_FILE


def make_model():
    from sklearn.ensemble import GradientBoostingClassifier

    return GradientBoostingClassifier(random_state=SEED, **RECIPE)


def candidate_table(pages: dict[str, tuple[str, str]]) -> tuple[pd.DataFrame, dict[str, str | None], dict[str, list]]:
    """Return the candidates of ``pages`` (id -> (text, gold outlet)) with their labels, the rules' outlet
    of each (without the learned choice) and each page's cleaned lines."""
    rows, rules, cleaned = [], {}, {}
    for page_id, (text, outlet) in pages.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            page = boilerplate.clean_page(text)
        cleaned[page_id] = page.lines
        rules[page_id] = attribution.attribute(page.lines)[0]
        for candidate in outlet_choice.candidates(page.lines):
            rows.append({"page_id": page_id, "name": candidate.name,
                         "label": int(bool(outlet) and same_outlet(candidate.name, outlet)),
                         **dict(zip(outlet_choice.FEATURES, candidate.features))})
    return pd.DataFrame(rows), rules, cleaned


def shippable(model, note: str) -> dict:
    """Return what a fitted ensemble of stumps learned, as ``outlet_choice.probabilities`` reads it: the
    prior's log-odds, the learning rate and each stump as [feature, threshold, value at or below, value
    above] (a tree that found no split adds its value on both sides)."""
    stumps = []
    for (tree,) in model.estimators_:
        structure = tree.tree_
        if structure.node_count == 1:
            value = float(structure.value[0][0][0])
            stumps.append([0, 0.0, value, value])
            continue
        left, right = structure.children_left[0], structure.children_right[0]
        stumps.append([int(structure.feature[0]), float(structure.threshold[0]),
                       float(structure.value[left][0][0]), float(structure.value[right][0][0])])
    prior = float(model.init_.class_prior_[1])
    return {"features": outlet_choice.FEATURES, "init": float(np.log(prior / (1 - prior))),
            "learning_rate": model.learning_rate, "trained_on": note, "stumps": stumps}


def chooser(model: dict):
    """The ``choose`` argument of ``attribution.attribute`` that asks ``model`` (as the loader asks the shipped one)."""
    stumps = outlet_choice.StumpModel.of(model)
    return lambda lines, credited: outlet_choice.choose(lines, credited, stumps)


def build(folder: str | None) -> str:
    """Return the model file's text, trained on every development page of ``folder``."""
    rows = read_manifest()
    state = hydrate(pages_folder(folder), rows)
    gold = pd.read_csv(GOLD, dtype=str, keep_default_na=False).set_index("page_id")
    development = [row["page_id"] for row in rows if row["part"] == "dev" and row["page_id"] in state.present]
    missing = [row["page_id"] for row in rows if row["part"] == "dev" and row["page_id"] not in state.present]
    if missing:
        print(f"warning: {len(missing)} development pages are missing; the model is trained without them")
    table, _, _ = candidate_table({p: (state.present[p], gold.outlet[p]) for p in development})
    features = outlet_choice.FEATURES
    values = table[features].to_numpy()
    model = make_model().fit(values, table.label.to_numpy())
    shipped = shippable(model, f"{len(development)} development pages, {len(table)} candidates")
    text = json.dumps(shipped, ensure_ascii=False, indent=0) + "\n"
    # the sum the package evaluates must give scikit-learn's probabilities
    loaded = json.loads(text)
    ours = outlet_choice.probabilities(values, loaded)
    theirs = model.predict_proba(values)[:, 1]
    if not np.allclose(ours, theirs, rtol=0, atol=1e-9):
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
