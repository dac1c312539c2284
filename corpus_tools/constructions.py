"""Constructions of news prose that carry stance toward a person without an evaluative word.

Each finder reads a *masked* sentence: folded to Simplified script (``scripts.fold``), with every
character of a mention of the target replaced by ``TARGET`` (so offsets are those of the
original sentence), and returns the constructions it finds as ``(start, end, name, polarity)``.
The structures are general, not phrases of any coded sentence:

- a demand or pressure whose object is the target's reinstatement (要求…恢复Ⓣ的职务, 除非…Ⓣ回归,
  施压…撤销罢免Ⓣ的决定, 希望让Ⓣ复职): support, +1 (codebook rule 4); agreeing to or reporting his
  return (董事会同意恢复Ⓣ的职务) is not a demand and is left neutral;
- others following him (追随Ⓣ, 随Ⓣ加入微软, 与Ⓣ同进退): support, +1;
- triumph (王者归来, 没有什么能阻止Ⓣ): +1;
- blame aimed at those who acted against him (指责董事会…解雇Ⓣ): defence, +1 (rule 3);
- reported concern, doubt or mockery aimed at him (对Ⓣ的管理风格表示担忧, Ⓣ的言论引来质疑,
  嘲讽Ⓣ): -1 (rule 1);
- consequences framed as his own doing (Ⓣ正在品尝…的苦果, 咎由自取): -1;
- rhetorical questions of wrongdoing (Ⓣ作了多少恶?): -1 (rule 6).

>>> masked = mask_target("员工们威胁，除非董事会恢复奥特曼的职位，否则集体离职。", "altman")
>>> [(name, polarity) for *_, name, polarity in find_constructions(masked)]
[('demand_return', 1)]
"""

from __future__ import annotations

import re
from functools import lru_cache

from .entities import find_mentions
from .scripts import fold

#: The character that stands for each character of a mention of the target.
TARGET = "Ⓣ"

_T = f"{TARGET}+"
_NO_STOP = r"[^。！？!?；;]"
_NO_BREAK = r"[^。！？!?；;,，:：]"

_DEMAND = r"(?:要求|施压|希望|盼望|期盼|期待|期望|呼吁|敦促|促请|恳请|请求|力促|力争|争取|游说|逼迫|迫使|除非|坚持|主张|想要|想让|渴望|请愿|联名|威胁)"
_RETURN = r"(?:恢复|复职|回归|重返|回来|回到|回任|回锅|复位|归队|官复原职|重掌|重新执掌|重新担任|重新出任|撤销|撤回|收回|推翻)"
_NOT_REFUSED = "".join(f"(?<!{w})" for w in ("不", "没", "拒绝", "反对", "阻止", "无意", "不愿"))

_PATTERNS: dict[str, tuple[int, re.Pattern[str]]] = {
    # 要求撤销罢免Ⓣ的决定, 除非董事会恢复Ⓣ的职位, 希望Ⓣ回归, 施压…让Ⓣ复职
    "demand_return": (1, re.compile(
        rf"{_NOT_REFUSED}{_DEMAND}{_NO_STOP}{{0,24}}?(?:{_RETURN}{_NO_BREAK}{{0,10}}?{_T}|{_T}{_NO_BREAK}{{0,10}}?{_RETURN})")),
    # 追随Ⓣ, 跟着Ⓣ, 随Ⓣ加入微软, 与Ⓣ同进退, 和Ⓣ一起离开
    "follow": (1, re.compile(
        rf"(?:追随|跟随|跟着|随着?|投奔){_NO_BREAK}{{0,3}}{_T}(?!{_NO_BREAK}{{0,4}}(?:之后|以后|后))"
        rf"|(?:与|和|跟){_T}{_NO_BREAK}{{0,3}}(?:同进退|共进退|一起|一同|一道)(?:加入|离开|出走|跳槽|前往|辞职)")),
    # 王者归来, 没有什么能阻止Ⓣ
    "triumph": (1, re.compile(
        rf"王者归来|强势回归|风光回归|华丽回归|潇洒回归|凯旋|笑到最后|大获全胜|完胜|重登王座|加冕"
        rf"|没有(?:什么|任何\S{{0,4}})(?:能|可以|能够)(?:阻止|阻挡|挡住|拦住){_NO_BREAK}{{0,4}}{_T}")),
    # 指责董事会…解雇Ⓣ; 你们罢免Ⓣ的做法危及…
    "defence": (1, re.compile(
        rf"(?:指责|批评|抨击|谴责|痛批|怒斥|炮轰|质问|斥责|声讨|控诉|不满)(?:了)?{_NO_STOP}{{0,6}}(?:董事会|董事|你们)"
        rf"{_NO_STOP}{{0,30}}(?:解雇|罢免|开除|赶走|踢出|驱逐|逼走|赶下台|终止|撤换|免职|罢黜){_NO_BREAK}{{0,6}}{_T}"
        rf"|(?:解雇|罢免|开除|赶走|踢出|驱逐|逼走|终止){_NO_BREAK}{{0,6}}{_T}{_NO_STOP}{{0,14}}"
        rf"(?:危及|危害|损害|破坏|伤害|毁掉|毁了)")),
    # 对Ⓣ的管理风格表示担忧, Ⓣ的言论引来质疑, 嘲讽Ⓣ
    "doubt": (-1, re.compile(
        rf"对{_T}{_NO_BREAK}{{0,12}}?(?:表示|感到|表达|提出|心存|存有|产生|充满)?(?:担忧|质疑|怀疑|疑虑|忧虑|不信任|失望|反感|警惕|不安|失去信心|不满)"
        rf"|{_T}{_NO_BREAK}{{0,12}}?(?:引来|引发|招致|招来|惹来|遭到|遭受|受到|饱受|备受|面临|陷入|掀起|激起)"
        rf"{_NO_BREAK}{{0,6}}?(?:质疑|批评|担忧|非议|争议|指责|炮轰|抨击|嘲讽|嘲笑|讽刺|群嘲|吐槽|诟病|口诛笔伐|骂声|声讨|怀疑|反弹|不满|反感)"
        rf"|(?:质疑|怀疑|嘲讽|讽刺|调侃|吐槽|嘲笑|挖苦|揶揄|群嘲|围攻|唱衰|看衰){_T}")),
    # Ⓣ正在品尝…的苦果, 咎由自取
    "own_doing": (-1, re.compile(
        rf"{_T}{_NO_STOP}{{0,20}}(?:苦果|恶果|自食其果|咎由自取|自作自受|作茧自缚|玩火自焚|搬起石头砸|报应|反噬)")),
}

_QUESTION = re.compile(rf"{_T}{_NO_STOP}{{0,30}}?(?:作了多少恶|作恶|害了|骗了|坑了|多少谎|撒了多少)|"
                       rf"(?:难道|岂|凭什么|究竟){_NO_STOP}{{0,20}}{_T}{_NO_STOP}{{0,20}}(?:骗|谎|恶|罪|祸|错)")


def mask_target(text: str, target: str, folded: str | None = None) -> str:
    """Return ``text`` folded, with every character of a mention of ``target`` replaced by ``TARGET``.

    >>> mask_target("董事會恢復阿特曼的職務", "altman")
    '董事会恢复ⓉⓉⓉ的职务'
    """
    folded = fold(text) if folded is None else folded
    for mention in find_mentions(text, target, folded):
        folded = folded[:mention.start] + TARGET * (mention.end - mention.start) + folded[mention.end:]
    return folded


def find_constructions(masked: str) -> list[tuple[int, int, str, int]]:
    """Return the constructions found in a masked sentence: (start, end, name, polarity), left to right.

    >>> find_constructions(mask_target("Altman王者归来。", "altman"))
    [(6, 10, 'triumph', 1)]
    >>> find_constructions(mask_target("董事会原则上同意恢复奥特曼的职务。", "altman"))
    []
    """
    if TARGET not in masked:
        return []
    found = []
    for name, (polarity, pattern) in _PATTERNS.items():
        found += [(m.start(), m.end(), name, polarity) for m in pattern.finditer(masked)]
    if re.search(r"[?？]", masked):
        found += [(m.start(), m.end(), "question", -1) for m in _QUESTION.finditer(masked)]
    return sorted(found)


@lru_cache(maxsize=1)
def names() -> tuple[str, ...]:
    """Return the names of the constructions, in a fixed order (the learned part's feature order)."""
    return (*_PATTERNS, "question")
