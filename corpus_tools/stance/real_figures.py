"""The scorer's figures on real news sentences, as ``make bench-real`` measured and committed them.

The real set (``benchmarks/real/``) is coded from real pages whose text never enters the repository;
``bench_real.py`` scores it and writes its figures to ``results_dev.csv`` (the development part) and
``results_test.csv`` (the test part, scored once when a round is frozen), and the coders' agreement
to ``gold/agreement.csv``. The shipped model was trained on the development part's sentences, so its
figures there come from grouped cross-validation; the test part's are the shipped model's, once the lead
has scored it at a freeze (``make bench-real PART=test``). This module only reads those committed tables, so that notebook 01 can show
the real-sentence figures beside the written ones; with the package installed outside a clone of the
repository they are absent, and it returns empty tables.
"""

from __future__ import annotations

import pandas as pd

from ..paths import PACKAGE_DIR

REAL_DIR = PACKAGE_DIR.parent / "benchmarks" / "real"
PARTS = {"dev": "development", "test": "test"}
#: The measures of the ``stance`` section, by the name of the column they become.
MEASURES = {"macro-F1 toward Altman: ours": "macro_f1", "F1 unfavourable toward Altman: ours": "f1_unfavourable",
            "F1 neutral toward Altman: ours": "f1_neutral", "F1 favourable toward Altman: ours": "f1_favourable",
            "macro-F1 toward Altman: snownlp": "snownlp_macro_f1",
            "macro-F1 toward Altman: general_lexicon": "general_lexicon_macro_f1"}
COLUMNS = ["part", "subset", "sentences", "macro_f1", "ci_low", "ci_high", "f1_unfavourable", "f1_neutral",
           "f1_favourable", "snownlp_macro_f1", "general_lexicon_macro_f1", "how", "current"]
#: How a part's figures were obtained when its table names no scorer (tables written before the model
#: was trained on real sentences).
EARLIER = "an earlier scorer, trained on written sentences only"


def real_stance_results(folder=REAL_DIR) -> pd.DataFrame:
    """Return the scorer's figures on the real sentences naming Altman: one row per (part, subset),
    part 'development' or 'test', subset 'all' or a script and year (Hans 2023...), with the number
    of sentences, macro-F1 and its bootstrap 95% interval, the F1 of each class, the macro-F1 of
    snownlp and of a general lexicon on the same sentences, ``how`` our labels were obtained (on the
    development part, which the shipped model was trained on: grouped cross-validation) and whether
    they are ``current``, measured with the shipped weights (``learned.model_id``), or an earlier
    scorer's. Empty when the tables are absent."""
    from .learned import model_id

    shipped = model_id()
    rows = []
    for part, name in PARTS.items():
        path = folder / f"results_{part}.csv"
        if not path.exists():
            continue
        results = pd.read_csv(path, keep_default_na=False, na_values=[""])
        scorer = results[(results.section == "stance") & results.measure.str.startswith("scorer: ")]
        how, current = EARLIER, False
        if len(scorer):
            how, current = scorer.measure.iloc[0].removeprefix("scorer: "), scorer["count"].iloc[0] == shipped
            if not current:
                how = f"{how}, with earlier weights"
        stance = results[(results.section == "stance") & results.measure.isin(MEASURES)]
        for subset, group in stance.groupby("subset", sort=False):
            measures = group.set_index("measure")
            ours = measures.loc["macro-F1 toward Altman: ours"]
            row = {"part": name, "subset": subset, "sentences": int(ours.n), "ci_low": ours.low, "ci_high": ours.high,
                   "how": how, "current": current}
            row.update({column: measures.estimate.get(measure) for measure, column in MEASURES.items()})
            rows.append(row)
    return pd.DataFrame(rows, columns=COLUMNS)


def coder_agreement(folder=REAL_DIR) -> pd.Series | None:
    """Return the two coders' agreement on the real set's stance items (n, agreement, kappa), or None
    when the table is absent."""
    path = folder / "gold" / "agreement.csv"
    if not path.exists():
        return None
    table = pd.read_csv(path)
    stance = table[table.task.str.startswith("stance")]
    return stance.iloc[0] if len(stance) else None
