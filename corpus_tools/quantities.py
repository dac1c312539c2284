"""The figures the articles report (headcount, signatures, valuation, revenue, investment), with units."""

from __future__ import annotations

import re

import pandas as pd

from .text import sentences as split_into_sentences

_MULTIPLIERS = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4}
_VAGUE = {"数十": 10.0, "数百": 100.0, "数千": 1000.0, "几十": 10.0, "几百": 100.0, "几千": 1000.0}
_MONEY = re.compile(
    r"(?P<qualifier>超过|超|约|大约|近|高达|达到|达|逾)?\s*(?P<number>\d+(?:\.\d+)?|数十|数百|数千|几十|几百|几千)?\s*"
    r"(?P<scale>万亿|千亿|百亿|亿|千万|百万|万)\s*(?P<more>多)?\s*美元")
_PEOPLE = re.compile(
    r"(?P<qualifier>超过|超|约|大约|近|逾)?\s*(?P<number>\d+|数十|数百|数千|几十|几百|几千)\s*(?P<more>多)?\s*(?P<unit>名|人|位)")
_KINDS = [
    ("headcount", re.compile(r"员工中|员工数量|员工总数|数量|名员工$")),
    ("signatures", re.compile(r"签名|联名|签署|写信|请愿|署名")),
    ("valuation", re.compile(r"估值")),
    ("revenue", re.compile(r"收入|营收")),
    ("investment", re.compile(r"投资|投入|融资|收购|筹集")),
    ("compensation", re.compile(r"薪酬|工资|股权包|股权")),
]
_CLAUSE = re.compile(r"[,，;；。!！?？:：]")


def _kind(text: str, start: int, end: int) -> str:
    clause_start = max((m.end() for m in _CLAUSE.finditer(text, 0, start)), default=0)
    after = _CLAUSE.search(text, end)
    clause_end = after.start() if after else len(text)
    near = text[end:min(clause_end, end + 12)]
    if re.match(r"\s*(名)?\s*(OpenAI)?\s*员工中", near) or re.search(r"员工数量|数量", text[clause_start:end]):
        return "headcount"
    for scope in (text[clause_start:clause_end], text):
        if scope is text and re.search(r"员工数量|员工总数", text) and "名" in text[start:end + 2]:
            return "headcount"
        for kind, pattern in _KINDS[1:]:
            if pattern.search(scope):
                return kind
    return "other"


def _number(words: str | None) -> float:
    if not words:
        return 1.0
    return _VAGUE.get(words) or float(words)


def _qualifier(match: re.Match) -> str:
    """Return the words that qualify a figure: 超过, 约, 多, or 'several' for 数百/几十."""
    parts = [match["qualifier"], "several" if match["number"] in _VAGUE else None, match["more"] and "多"]
    return " ".join(p for p in parts if p)


def reported_figures(corpus: pd.DataFrame) -> pd.DataFrame:
    """Return one row per figure an article reports: quantity, value (people or US dollars), unit,
    qualifier (超过, 约, 多…), the words, article_id, sentence_id and the sentence."""
    rows = []
    for sentence in split_into_sentences(corpus).itertuples():
        text = sentence.text
        for m in _MONEY.finditer(text):
            value = _number(m["number"]) * _MULTIPLIERS[m["scale"]]
            rows.append((sentence.article_id, sentence.sentence_id, _kind(text, m.start(), m.end()), value, "USD",
                         _qualifier(m), m.group().strip(), text))
        for m in _PEOPLE.finditer(text):
            if re.match(r"\s*(年|月|日|小时|分钟|岁)", text[m.end():]):
                continue
            rows.append((sentence.article_id, sentence.sentence_id, _kind(text, m.start(), m.end()),
                         _number(m["number"]), "people", _qualifier(m), m.group().strip(), text))
    table = pd.DataFrame(rows, columns=["article_id", "sentence_id", "quantity", "value", "unit", "qualifier", "words",
                                        "text"])
    return table.sort_values(["quantity", "value", "article_id"], kind="stable").reset_index(drop=True)
