"""Which sentences speak of a target person: by name, or only as 他/她 right after a mention."""

from __future__ import annotations

import re

import pandas as pd

from ..entities import find_all_mentions, people, resolve_entity

_PRONOUN = re.compile(r"[他她](?![们們])")


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
    from ..pipeline import known_references  # the sentences of an analysis in memory are known

    found = known_references(sents, resolve_entity(target)) if {"article_id", "sentence_id"} <= set(sents) else None
    if found is None:
        texts = sents["text"].tolist()  # plain str objects: iterating an Arrow-backed column is slow
        named = [[entity for *_, entity in find_all_mentions(text)] for text in texts]
        found = references(sents["article_id"].tolist(), texts, named, target)
    table = sents.assign(reference=found)
    return table[table.reference.notna()].reset_index(drop=True)


def references(article_ids, texts, named, target: str = "altman") -> list[str | None]:
    """Return, for each sentence in article order, how it refers to ``target``: ``"name"``,
    ``"pronoun"`` or None (see ``target_sentences``); ``named`` lists the entity ids each sentence
    mentions, left to right."""
    target = resolve_entity(target)
    persons = people()
    result: list[str | None] = []
    previous_article, previous_last = None, None
    for article_id, text, entities in zip(article_ids, texts, named):
        if article_id != previous_article:
            previous_last = None
        if target in entities:
            result.append("name")
        elif previous_last == target and _PRONOUN.search(text) and not any(e in persons for e in entities):
            result.append("pronoun")
        else:
            result.append(None)
        mentioned_people = [e for e in entities if e in persons]
        previous_article, previous_last = article_id, (mentioned_people[-1] if mentioned_people else None)
    return result
