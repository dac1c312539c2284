"""Stance toward a target person, sentence by sentence: favourable (+1), neutral (0) or unfavourable (-1).

The flow, one module each:

- ``targets``: which sentences are about the target (a name in any script, or 他/她 carried over
  from the sentence before), for ``target_sentences``;
- ``constructions``: sentence patterns that carry stance without an evaluative word (a demand for
  his reinstatement, blame of those who removed him, rhetorical questions), on the text with the
  target masked;
- ``lexicons``: the word lists the rules and the baselines read (the domain lexicon, jionlp's and
  DUTIR's general ones) and snownlp's probability;
- ``scoring``: the target-aware rules (clauses, negation, who is said what of) and the
  entry point ``stance``, which labels each sentence with the learned model over the rules' features;
- ``learned``: that model, a logistic regression over hashed character n-grams and the rules'
  features, trained on the written coded sentences of ``data/stance/`` and the real set's development
  sentences; its weights ship in ``data/stance/model/`` (rebuilt by ``make train-stance``);
- ``validation``: the coded sets, agreement between coders, macro-F1 with bootstrap intervals,
  nested cross-validation and the validation table the notebooks show;
- ``shipped``: that validation as computed once per package version and shipped in ``data/stance/``
  (``python -m corpus_tools.stance.validation build`` rebuilds it), read by the notebooks;
- ``real_figures``: the scorer's figures on real news sentences, as ``make bench-real`` committed them.

>>> from corpus_tools.stance import stance
>>> stance(["董事会罢免了奥特曼。"]).columns[:2].tolist()
['label', 'score']
"""

from .scoring import stance
from .targets import target_sentences

__all__ = ["stance", "target_sentences"]
