"""Which sentences speak of a target person: by name, or only as 他/她 right after a mention."""

from __future__ import annotations

import re

import pandas as pd

from .entities import entity_table, find_all_mentions, resolve_entity

_PRONOUN = re.compile(r"[他她](?![们們])")


def _last_person(text: str, people: frozenset[str]) -> str | None:
    named = [entity for _, _, _, entity in find_all_mentions(text) if entity in people]
    return named[-1] if named else None


def target_sentences(sents: pd.DataFrame, target: str = "altman") -> pd.DataFrame:
    """Return the sentences that refer to ``target``, with a column ``reference``:

    - ``"name"``: the sentence names the target under any alias;
    - ``"pronoun"``: it names no person but uses 他/她, and the sentence just before it in the same
      article names the target as its last person mentioned.

    >>> sents = pd.DataFrame({"article_id": ["a"] * 3, "sentence_id": [0, 1, 2],
    ...                       "text": ["奥特曼被解雇。", "他随后发文。", "他们很震惊。"]})
    >>> target_sentences(sents)[["sentence_id", "reference"]].values.tolist()
    [[0, 'name'], [1, 'pronoun']]
    """
    target = resolve_entity(target)
    people = frozenset(entity_table().query("kind == 'person'").entity_id)
    references = []
    previous_article, previous_last = None, None
    for article_id, text in zip(sents["article_id"], sents["text"]):
        if article_id != previous_article:
            previous_last = None
        named = [entity for _, _, _, entity in find_all_mentions(text)]
        if target in named:
            references.append("name")
        elif previous_last == target and _PRONOUN.search(text) and not any(e in people for e in named):
            references.append("pronoun")
        else:
            references.append(None)
        previous_article, previous_last = article_id, _last_person(text, people)
    table = sents.assign(reference=references)
    return table[table.reference.notna()].reset_index(drop=True)
