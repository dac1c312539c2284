"""How the stance model fares when trained on real sentences: grouped cross-validation on the development part.

    python benchmarks/real/stance_cv.py [--pages FOLDER] [--folds 5]

The first measurement that issue 22 asks for, on the same folds for every variant: the development
part's gold sentences naming a person the package knows (``gold/stance.csv``, their text found by key
in ``$REAL_PAGES``), in folds that keep one site's pages and one story's copies together (``split.groups``),
stratified by label. For each fold, the model with ``learned.PARAMETERS`` is trained on

* ``shipped``: nothing new (the shipped model, trained on the written sentences only): the baseline;
* ``real``: the real sentences of the other folds only;
* ``written + real``: the written training sentences and the real sentences of the other folds;

and scores the fold's sentences. Printed: macro-F1 and per-class F1 toward Altman and toward the
others, with bootstrap 95% intervals over sentences, and the seconds each variant took. Nothing is
written to the package: a model trained on real sentences ships only with the script that rebuilds it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_real import gold_sentences  # noqa: E402
from realset import HERE, hydrate, pages_folder, read_manifest  # noqa: E402
from split import groups  # noqa: E402

import corpus_tools as ct  # noqa: E402
from corpus_tools.stance import validation  # noqa: E402
from corpus_tools.stance.learned import PARAMETERS, StanceModel, model_inputs, training_sentences  # noqa: E402


def real_sentences(pages: dict[str, str], manifest: list[dict[str, str]]) -> pd.DataFrame:
    """The development part's usable gold sentences with their text, target, label and fold group."""
    gold = pd.read_csv(HERE / "gold" / "stance.csv", dtype=str, keep_default_na=False)
    gold = gold_sentences(pages, gold[gold.target.isin(set(ct.entity_table().entity_id))])
    group_of = groups([r for r in manifest if r["page_id"] in pages], pages)
    gold = gold.assign(group=gold.page_id.map(group_of))
    return gold.sort_values(["page_id", "item"]).reset_index(drop=True)


def inputs_by_target(table: pd.DataFrame) -> tuple[list[str], np.ndarray]:
    """The model's inputs (masked text, rule features) of every row, each masked for its own target."""
    masked, rules = [None] * len(table), [None] * len(table)
    for target, part in table.groupby("target", sort=True):
        part_masked, part_rules = model_inputs(tuple(part.text), target)
        for position, m, r in zip(part.index, part_masked, part_rules):
            masked[position], rules[position] = m, r
    return masked, np.array(rules, dtype=float)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)
    manifest = [r for r in read_manifest() if r["part"] == "dev"]
    pages = hydrate(pages_folder(args.pages), manifest).present
    real = real_sentences(pages, manifest)
    print(f"development part: {len(pages)} of {len(manifest)} pages present, {len(real)} sentences "
          f"({(real.target == 'altman').sum()} toward Altman), {real.group.nunique()} site-and-story groups")
    masked, rules = inputs_by_target(real)
    labels = real.label.to_numpy()
    fold = validation.folds(labels, k=args.folds, seed=0, groups=real.group.to_numpy())
    written = training_sentences()
    written_masked, written_rules = model_inputs(tuple(written.text))
    written_labels = written.label.to_numpy()
    predicted = {}
    seconds = {}
    started = time.process_time()
    predicted["shipped"] = np.zeros(len(real), dtype=int)
    for target, part in real.groupby("target", sort=True):
        predicted["shipped"][part.index] = ct.stance(part.text.tolist(), target=target).label.to_numpy()
    seconds["shipped"] = time.process_time() - started
    for variant in ("real", "written + real"):
        started = time.process_time()
        out = np.zeros(len(real), dtype=int)
        for k in range(args.folds):
            train, test = np.flatnonzero(fold != k), np.flatnonzero(fold == k)
            train_masked = [masked[i] for i in train]
            train_rules, train_labels = rules[train], labels[train]
            if variant == "written + real":
                train_masked = list(written_masked) + train_masked
                train_rules = np.vstack([written_rules, train_rules])
                train_labels = np.concatenate([written_labels, train_labels])
            model = StanceModel(**PARAMETERS).fit(train_masked, train_rules, train_labels)
            out[test] = model.predict([masked[i] for i in test], rules[test])
        predicted[variant] = out
        seconds[variant] = time.process_time() - started
    rows = []
    for variant, guess in predicted.items():
        for who, mask in (("Altman", real.target.to_numpy() == "altman"), ("the others", real.target.to_numpy() != "altman")):
            truth, mine = labels[mask], guess[mask]
            row = {"trained on": variant, "toward": who, "n": int(mask.sum())}
            for name, statistic in [("macro-F1", validation.macro_f1)] + [
                    (f"F1 {validation.CLASS_NAMES[label]}", validation._ClassF1(label)) for label in validation.LABELS]:
                interval = validation.bootstrap((truth, mine), statistic, seed=0)
                row[name] = f"{interval.estimate:.3f} [{interval.low:.3f}, {interval.high:.3f}]"
            row["processor s"] = f"{seconds[variant]:.0f}"
            rows.append(row)
    with pd.option_context("display.width", 250, "display.max_columns", None):
        print(pd.DataFrame(rows).to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
