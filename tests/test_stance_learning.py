"""The learned stance scorer: the constructions of real coverage, determinism, and nested cross-validation
that never tunes on its test fold."""

import json

import numpy as np
import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.stance import learned
from corpus_tools.stance import validation as V
from corpus_tools.stance.constructions import find_constructions, mask_target


def label(text, target="altman"):
    return int(ct.stance(text, target=target).label.iloc[0])


@pytest.mark.parametrize("text, name", [
    ("投资者正向董事会施压,要求撤销罢免奥特曼的决定。", "demand_return"),
    ("除非董事會辭職並恢復阿爾特曼的職位,否則員工將集體離職。", "demand_return"),
    ("微软希望在周一开盘前让Sam Altman复职。", "demand_return"),
    ("數百名員工威脅追隨奧特曼加入微軟。", "follow"),
    ("山姆·奥特曼王者归来。", "triumph"),
    ("再也沒有什麼能阻止阿特曼。", "triumph"),
    ("信中指责董事会,你们终止奥特曼职务的行为危害了我们的工作。", "defence"),
    ("多名前員工對奧爾特曼的管理風格表示擔憂。", "doubt"),
    ("Altman的言论引来质疑。", "doubt"),
    ("山姆·奧特曼深受員工愛戴。", "praise_received"),
    ("OpenAI宣布奥尔特曼将重返公司担任首席执行官。", "flat_return"),
    ("奥特曼正在品尝自己种下的苦果。", "own_doing"),
    ("奥特曼究竟作了多少恶?", "question"),
])
def test_constructions_of_real_coverage(text, name):
    assert name in [found for *_, found, _ in find_constructions(mask_target(text, "altman"))]


@pytest.mark.parametrize("text", [
    "董事會拒絕讓阿特曼回歸。",
    "奥特曼表示希望大家回到工作岗位。",
    "穆拉蒂对公司的前景表示担忧。",
])
def test_no_construction_where_the_structure_is_absent(text):
    assert find_constructions(mask_target(text, "altman")) == []


@pytest.mark.parametrize("text, expected", [
    # rule 4: support through others' demands for his return
    ("投资者正向董事会施压,要求撤销罢免奥特曼的决定。", 1),
    ("除非董事會辭職並恢復阿爾特曼的職位,否則員工將集體離職。", 1),
    ("員工威脅追隨山姆·奧特曼加入微軟。", 1),
    # rule 3: the board blamed for removing him
    ("信中指责董事会,你们终止奥特曼职务的行为危害了我们的工作。", 1),
    # triumphant framing
    ("SamAltman王者归来。", 1),
    # rules 2 and 5: his return told flatly, his own warm words, vivid verbs of removal
    ("董事会原则上同意恢复奥特曼的职务。", 0),
    ("奥尔特曼表示非常享受在公司的时光。", 0),
    ("董事会突然将奥特曼踢出了董事会。", 0),
    # reported concern, doubt, consequences of his doing
    ("多名前員工對奧爾特曼的管理風格表示擔憂。", -1),
    ("Altman的言论引来质疑。", -1),
])
def test_the_issues_hard_cases(text, expected):
    assert label(text) == expected


def test_the_scorer_is_deterministic():
    texts = ["员工威胁追随奥特曼加入微软。", "董事會認為阿特曼不夠坦誠。", "奥特曼周一回到公司。"]
    first, second = ct.stance(texts), ct.stance(list(texts))
    pd.testing.assert_frame_equal(first, second)
    training = learned.training_sentences().iloc[::7]
    masked, rules = learned.model_inputs(tuple(training.text))
    one = learned.StanceModel().fit(masked, rules, training.label).probabilities(masked[:20], rules[:20])
    two = learned.StanceModel().fit(masked, rules, training.label).probabilities(masked[:20], rules[:20])
    assert one.tobytes() == two.tobytes()


def test_the_parameters_are_those_tuning_chooses():
    chosen, _ = V.tune_parameters()
    assert chosen == learned.PARAMETERS


class _Spy:
    """A model that records what it is fitted on and predicts the majority label it saw."""

    fitted: list[set] = []

    def __init__(self, **parameters):
        self.parameters = parameters

    def fit(self, masked, rules, labels):
        _Spy.fitted.append(set(masked))
        self.majority = int(pd.Series(labels).mode().iloc[0])
        return self

    def probabilities(self, masked, rules):
        proba = np.zeros((len(masked), 3))
        proba[:, learned.LABELS.index(self.majority)] = 1.0
        return proba


def test_nested_cross_validation_never_tunes_or_fits_on_the_test_fold():
    labels = np.array([-1, 0, 1] * 20)
    masked = [f"sentence {i}" for i in range(len(labels))]
    rules = np.zeros((len(labels), 2))
    _Spy.fitted = []
    result = V.nested_cross_validation(masked, rules, labels, grid={"C": [1.0, 2.0]}, outer=5, inner=3,
                                       make_model=_Spy)
    assert len(result.chosen) == 5 and sorted(set(result.fold)) == [0, 1, 2, 3, 4]
    # per outer fold: 2 grid points x 3 inner fits, then one fit on the outer training part
    per_fold = 2 * 3 + 1
    assert len(_Spy.fitted) == 5 * per_fold
    for fold in range(5):
        held_out = {masked[i] for i in np.flatnonzero(result.fold == fold)}
        for seen in _Spy.fitted[fold * per_fold:(fold + 1) * per_fold]:
            assert not seen & held_out
        assert _Spy.fitted[(fold + 1) * per_fold - 1] == {masked[i] for i in np.flatnonzero(result.fold != fold)}


def test_validation_table_shape():
    table = pd.DataFrame([
        {"method": m, "set": "s", "script": sc, "n": 10, "measure": meas, "estimate": 0.5, "low": 0.4,
         "high": 0.6, "how": "h"}
        for m in ("a", "b") for sc in ("all", "simplified") for meas in ("macro_f1", "f1_neutral")])
    wide = V.summary_table(table, script="simplified")
    assert wide.columns.tolist() == ["set", "method", "n", "macro_f1", "macro_f1_low", "macro_f1_high",
                                     "f1_neutral"]
    assert len(wide) == 2


def test_the_constructions_verdict():
    from corpus_tools.stance.scoring import sentence_inputs

    rows = [sentence_inputs(text).rules for text in
            ["员工要求董事会恢复奥特曼的职务。", "奥特曼的言论引来质疑。", "董事会同意恢复奥特曼的职务。",
             "奥特曼周一回到公司。"]]
    verdicts = learned.construction_verdicts(rows)
    assert verdicts[:3].tolist() == [1.0, -1.0, 0.0] and np.isnan(verdicts[3])


def test_the_fast_path_gives_scikit_learns_probabilities():
    model = learned.trained_model()
    texts = ["员工威胁追随奥特曼加入微软。", "董事會認為阿特曼不夠坦誠。", "奥特曼周一回到公司。", "他說：“我很好。”",
             "OpenAI宣布奥特曼将重返公司。", "   Altman   "]
    masked, rules = learned.model_inputs(tuple(texts))
    batch = model.probabilities(masked, rules)
    fast = model.probability_rows(masked, rules)
    np.testing.assert_allclose(fast, batch, rtol=0, atol=1e-12)
    one_by_one = np.array([model.probability_rows([m], [r])[0] for m, r in zip(masked, rules)])
    np.testing.assert_allclose(one_by_one, fast, rtol=0, atol=1e-12)
    assert [learned.predict(m, r) for m, r in zip(masked, rules)] == learned.predict_many(masked, rules)


def _reference_bucket(gram: str, bits: int) -> int:
    """The bucket of one n-gram, computed with Python integers (what ``learned.ngram_hashes`` computes
    with numpy arrays for all the n-grams at once)."""
    mask = (1 << 64) - 1
    code = 0
    for char in gram:
        code = (code << 21) | ord(char)
    x = code ^ (len(gram) * 0x9E3779B97F4A7C15 & mask)
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & mask
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & mask
    x ^= x >> 31
    return x >> (64 - bits)


def test_hashed_ngrams_give_scikit_learns_tfidf_exactly():
    """The n-grams are packed into integers and hashed all at once: the entries must be scikit-learn's
    TF-IDF (sublinear tf, smoothed idf, L2 norm) of the bucket counts made one n-gram at a time, for texts
    with upper case, runs of white space, astral and lone surrogate characters, empty texts and texts
    shorter than the longest n-gram; buckets not seen in fitting count for nothing."""
    import random
    import re

    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfTransformer

    rng = random.Random(7)
    alphabet = "ⓉⓅ的是了董事会奥特曼AbcİK\u3000\t\n ,。?😀\ud800"
    texts = ["", " ", "a", "Ⓣ的", "A  B\u3000\tc", "员工威胁追随Ⓣ加入微软。"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14))) for _ in range(400)]
    fitted, scored = texts[:300], texts[300:]
    bits = 10  # few buckets, so that n-grams share them
    view = learned.HashedView((1, 3), bits).fit(fitted)

    def counts(some):
        matrix = np.zeros((len(some), 1 << bits))
        for row, text in enumerate(some):
            text = re.sub(r"\s\s+", " ", text.lower())
            for n in (1, 2, 3):
                for i in range(len(text) - n + 1):
                    matrix[row, _reference_bucket(text[i:i + n], bits)] += 1
        return matrix

    seen = np.flatnonzero(counts(fitted).sum(axis=0))
    assert view.buckets.tolist() == seen.tolist()
    reference = TfidfTransformer(sublinear_tf=True).fit(counts(fitted)[:, seen])
    theirs = reference.transform(counts(scored)[:, seen])
    rows, columns, values = view.entries(scored)
    ours = sparse.csr_matrix((values, (rows, columns)), shape=(len(scored), view.width))
    assert ours.nnz == theirs.nnz > 0
    assert abs(ours - theirs).max() < 1e-12


def test_the_shipped_weights_load_and_score_deterministically(tmp_path):
    """The shipped model loads from its files, scores the same in any batch and in another load, writes
    back the same bytes, and was trained on the inputs the package computes today for the written
    sentences (else the masking or the rules changed and ``make train-stance`` must be run again)."""
    about = json.loads((learned.MODEL_DIR / "model.json").read_text(encoding="utf-8"))
    written = learned.training_sentences()
    masked, rules = learned.model_inputs(tuple(written.text))
    assert learned.inputs_fingerprint(masked, rules) == about["written_inputs_sha256"]
    # the people whose names it learned masked are the package's people today (a person added to the
    # entity table changes every input that names them: train again)
    from corpus_tools.entities import people
    assert about["people"] == sorted(people())
    # trained on the training files only: never the blind test set nor the corpus's hand coding
    roles = learned.coded_sets().set_index("file").role
    assert {roles[name] for name in about["trained_on"]["written"]} == {"training"}
    assert about["trained_on"]["written"] == written.source.value_counts().sort_index().to_dict()

    first, second = learned.StanceModel.load(learned.MODEL_DIR), learned.StanceModel.load(learned.MODEL_DIR)
    texts = ["员工威胁追随奥特曼加入微软。", "董事會認為阿特曼不夠坦誠。", "奥特曼周一回到公司。", "他說：“我很好。”"]
    masked, rules = learned.model_inputs(tuple(texts))
    together = first.probability_rows(masked, rules)
    assert together.tobytes() == second.probability_rows(masked, rules).tobytes()
    alone = np.vstack([first.probability_rows([m], [r]) for m, r in zip(masked, rules)])
    assert alone.tobytes() == together.tobytes()
    assert np.allclose(together.sum(axis=1), 1) and len(set(first.predict(masked, rules))) > 1
    assert first.vectorizer.sentence.width == len(first.vectorizer.sentence.idf) > 10_000

    first.save(tmp_path, {key: value for key, value in about.items()
                          if key not in ("parameters", "hash_bits", "min_df", "labels", "texts")})
    for path in learned.MODEL_DIR.iterdir():
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name
    assert learned.model_id(tmp_path) == learned.model_id()
    # nothing but numbers and the model's description: no array of text
    assert all(np.load(path).dtype.kind in "uif" for path in learned.MODEL_DIR.glob("*.npy"))
