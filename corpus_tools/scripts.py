"""Folding of script and typography, one character for one character.

Traditional characters become Simplified, full-width Latin becomes ASCII, every middle-dot
variant becomes ``·`` and every space becomes `` ``. Because each character maps to exactly one
character, an offset in the folded text is the same offset in the original text: matching is done
on the folded text and reported against the original.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

#: Characters used between the parts of a transliterated name (Sam·Altman, 山姆・奥特曼...).
NAME_DOTS = "·・•‧･∙⋅⸱ꞏ᛫"


def _package_dir(name: str) -> Path:
    """Return the folder of an installed package without importing it (some print on import)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"the package {name!r} is required but not installed")
    return Path(next(iter(spec.submodule_search_locations)))


@lru_cache(maxsize=1)
def traditional_to_simplified() -> dict[int, str]:
    """Return the OpenCC character table (Traditional -> first Simplified reading) for str.translate."""
    table: dict[int, str] = {}
    path = _package_dir("opencc") / "dictionary" / "TSCharacters.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        trad, _, simp = line.partition("\t")
        target = simp.split(" ")[0] if simp else ""
        if len(trad) == 1 and len(target) == 1 and trad != target:
            table[ord(trad)] = target
    return table


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    table = dict(traditional_to_simplified())
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII forms
        table[code] = chr(code - 0xFEE0)
    for dot in NAME_DOTS:
        table[ord(dot)] = "·"
    for code in range(0x110000):
        if code > 0x3000:
            break
        if chr(code).isspace() and chr(code) not in "\n\r":
            table[code] = " "
    table[0x3000] = " "
    return table


@lru_cache(maxsize=1)
def _fold_array():
    """Return the fold table as an array indexed by code point (a long text is folded in one lookup)."""
    import numpy as np

    table = np.arange(0x110000, dtype=np.uint32)
    for code, target in _fold_table().items():
        table[code] = ord(target)
    return table


#: Texts longer than this are folded through the array (str.translate costs a dict lookup per character).
_ARRAY_FOLD_CHARS = 40


def code_points(text: str):
    """Return the code points of ``text``, one per character, as a numpy uint32 array (a lone
    surrogate kept as its own code point).

    >>> code_points("奥a").tolist()
    [22885, 97]
    """
    import numpy as np

    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def fold(text: str) -> str:
    """Return ``text`` folded to Simplified script and plain typography, with the same length.

    >>> fold("山姆・奧特曼（ＳａｍＡｌｔｍａｎ）")
    '山姆·奥特曼(SamAltman)'
    """
    if len(text) <= _ARRAY_FOLD_CHARS:
        folded = text.translate(_fold_table())
    else:
        folded = _fold_array()[code_points(text)].tobytes().decode("utf-32-le", "surrogatepass")
    assert len(folded) == len(text)
    return folded
