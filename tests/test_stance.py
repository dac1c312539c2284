import inspect
import re

import numpy as np
import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.stance import scoring as stance_module
from corpus_tools.stance import validation as V
from corpus_tools.stance.targets import target_sentences


def label(text, target="altman"):
    return int(ct.stance(text, target=target).label.iloc[0])


def test_shape_and_order():
    texts = ["奥特曼扮演了关键角色。", "奥特曼周一出席了会议。", "董事会认为奥特曼不够坦诚。"]
    table = ct.stance(texts)
    assert list(table.columns[:2]) == ["label", "score"] and len(table) == 3
    assert table.label.tolist() == [1, 0, -1]
    assert table.score.between(-1, 1).all()
    assert (np.sign(table.score[table.label != 0]) == table.label[table.label != 0]).all()
    series = pd.Series(texts, index=["a", "b", "c"])
    assert list(ct.stance(series).index) == ["a", "b", "c"]
    assert len(ct.stance("奥特曼回来了。")) == 1
    with pytest.raises(TypeError):
        ct.stance([1, 2])


@pytest.mark.parametrize("text, expected", [
    ("奥特曼并不诚实。", -1),
    pytest.param("分析师认为奥特曼不是最好的首席执行官。", -1,
                 marks=pytest.mark.xfail(reason="known failure: the learned part outweighs the rules' negation")),
    ("董事会声明说，奥特曼未能保持一贯的坦诚。", -1),
    ("奥特曼被解雇了。", 0),
    ("奥特曼周三在旧金山出席了一场活动。", 0),
    ("马斯克被批评贪婪，奥特曼当天出席了会议。", 0),
    ("外界痛批董事会草率，奥特曼则在周日返回公司谈判。", 0),
    ("奥特曼表示：“董事会的决定是错误的，我很失望。”", 0),
    ("你们解雇奥特曼的决定危及了整个公司。", 1),
    ("员工们希望奥特曼回归。", 1),
    ("微软全力支持奥特曼。", 1),
    ("面对离职潮，成了光棍司令的奥特曼显得很淡定。", -1),
    ("这份文件狠狠打脸奥特曼。", -1),
    ("奥特曼暗戳戳地表示，离职是友好的。", -1),
    ("托纳说奥特曼在安全问题上喜欢先斩后奏。", -1),
    ("虽然有人批评他的管理方式，但奥特曼对公司的贡献至关重要。", 1),
])
def test_codebook_cases(text, expected):
    assert label(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("山姆・奧特曼在募資方面扮演了關鍵角色。", 1),
    ("董事會認為阿爾特曼「始終不夠坦誠」。", -1),
    ("阿特曼周日回到公司總部。", 0),
    ("Sam Altman被员工们视为灵魂人物。", 1),
    ("ＡＬＴＭＡＮ遭到批评。", -1),
    ("前員工形容薩姆·奧特曼很會操弄人心。", -1),
])
def test_any_script_and_spelling(text, expected):
    assert label(text) == expected


def test_the_target_decides():
    text = "布罗克曼受到员工称赞，奥特曼却遭到批评。"
    assert label(text, "brockman") == 1
    assert label(text, "altman") == -1
    assert label("布罗克曼受到称赞。", "altman") == 0  # target not mentioned


def test_a_pronoun_stands_for_the_target_when_no_one_else_is_named():
    assert label("他向董事会提供了不准确的信息。") == -1


def test_the_lexicon_holds_general_words_not_corpus_sentences(corpus):
    lexicon = stance_module.domain_lexicon()
    assert lexicon.term.str.len().max() <= 8
    assert set(lexicon.kind) <= {"evaluation", "support", "sympathy", "harm", "attack", "condemnation", "framing",
                                 "speech", "negation", "contrast", "concession"}
    pieces = {p.strip() for text in corpus.text for p in re.split(r"[,，。；;:：!！?？“”\"「」\n]", text)}
    assert not {t for t in lexicon.term if len(t) > 4} & pieces


def test_the_scorer_never_reads_the_hand_coding_or_the_test_set():
    from corpus_tools.stance import constructions, learned

    for module in (stance_module, learned, constructions):
        source = inspect.getsource(module)
        for name in ("altman_validation", "blind_test", "coding_pass", "STANCE_DIR", ".validation", "validation_set"):
            assert name not in source, (module.__name__, name)
    sets = learned.coded_sets()
    assert set(sets.role) <= {"training", "corpus", "blind_test"}
    training = set(sets.file[sets.role == "training"])
    assert training and not training & {"altman_validation.csv", V.BLIND_TEST}
    assert set(learned.training_sentences().source) == training


def test_target_sentences_rule():
    sents = pd.DataFrame({
        "article_id": ["a", "a", "a", "a", "b"],
        "sentence_id": [0, 1, 2, 3, 0],
        "text": ["董事会解雇了奥特曼。", "他随后发文致谢。", "穆拉蒂接任。", "她召开了会议。", "他很震惊。"],
    })
    found = target_sentences(sents)
    assert found[["article_id", "sentence_id", "reference"]].values.tolist() == [["a", 0, "name"], ["a", 1, "pronoun"]]


def test_the_learned_part_is_deterministic_and_masks_names():
    from corpus_tools.stance import learned

    inputs = stance_module.sentence_inputs("董事会认为奥特曼不够坦诚。")
    assert inputs.masked == "董事会认为Ⓣ不够坦诚。" and len(inputs.rules) == len(stance_module.RULE_FEATURES)
    first = learned.predict(*inputs[:2])
    assert first == learned.predict(*inputs[:2])
    traditional = stance_module.sentence_inputs("董事會認為阿特曼不夠坦誠。")
    assert traditional.masked == inputs.masked and traditional.rules == inputs.rules
    assert stance_module.sentence_inputs("穆拉蒂称赞Sam Altman。").masked == "Ⓟ称赞Ⓣ。"


def test_validation_helpers():
    assert V.macro_f1([1, 0, -1, 0], [1, 0, -1, 0]) == 1.0
    assert round(V.cohen_kappa([1, 1, 0, 0], [1, 1, 0, 0]), 6) == 1.0
    table = V.confusion([1, 0, 0], [1, 1, 0])
    assert table.loc[0, 1] == 1 and table.values.sum() == 3
    folds = V.folds([1] * 10 + [0] * 5, k=5)
    assert sorted(np.bincount(folds)) == [3, 3, 3, 3, 3]
    low, high = V.bootstrap(([1, 0, 1, 0], [1, 0, 0, 0]), V.macro_f1, n=200)[1:]
    assert 0 <= low <= high <= 1


def test_cross_validation_reports_only_out_of_fold_predictions():
    inputs = pd.DataFrame({"x": np.r_[np.linspace(-2, -1, 10), np.linspace(-0.2, 0.2, 10), np.linspace(1, 2, 10)]})
    labels = np.r_[[-1] * 10, [0] * 10, [1] * 10]
    predict = lambda scores, p: V.three_way(scores.x, -p["t"], p["t"])  # noqa: E731
    predicted, chosen = V.cross_validated(inputs, labels, predict, {"t": [0.1, 0.5, 3.0]}, k=5)
    assert len(chosen) == 5 and all(c == {"t": 0.5} for c in chosen)
    assert V.macro_f1(labels, predicted) == 1.0


# Sentences written for this test: both scripts, negations, quotes, captions, names in several spellings.
OWN_SENTENCES = [
    "奥特曼并非不称职,董事会的指控站不住脚。",
    "奧特曼被董事會解僱後,員工聯名要求他回歸,否則集體辭職。",
    "“这是一个错误的决定。”穆拉蒂在社交媒体上写道,力挺Altman。",
    "图为山姆·奥特曼(资料图)。",
    "圖/阿特曼出席活動(攝影:記者)",
    "有人批评Sam Altman不够坦诚,也有人认为他被冤枉了。",
    "董事会没有解释为何突然罢免奥特曼,投资者对此非常不满。",
    "他会回来吗？",
    "Altman表示:“我爱OpenAI团队。”",
    "苏茨克维后悔参与了赶走奥特曼的行动,并公开道歉。",
    "奥特曼暗戳戳地表示自己从未想过离开,这简直是先斩后奏。",
    "微软CEO纳德拉称,无论奥特曼去哪里,微软都会支持他。",
]


def test_the_cue_terms_are_found_as_the_alternation_of_the_lexicon_finds_them():
    """The scorer looks its lexicon's terms up in a dictionary (``patterns.WordSet``); the plain way
    is the regular expression of every term: both must find the same terms at the same places."""
    from corpus_tools.patterns import word_alternation
    from corpus_tools.scripts import fold

    terms, index = stance_module._cue_terms()
    plain = word_alternation(index)
    texts = [fold(t) for t in OWN_SENTENCES] + [fold(t) * 2 for t in OWN_SENTENCES]
    found = [terms.find(text) for text in texts]
    assert sum(map(len, found)) > len(OWN_SENTENCES)  # the sentences hold cues to find
    assert found == [[(m.start(), m.end(), m.group()) for m in plain.finditer(text)] for text in texts]
