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
- a rebuttal of the charges against him (对Ⓣ的批评并不公平, 洗清嫌疑, 不应归咎于Ⓣ): +1;
- praise he receives (Ⓣ深受员工爱戴): +1;
- his return told as a decision or a fact (董事会同意恢复Ⓣ的职务, Ⓣ将重返公司): 0, neutral (rule 2);
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

from ..entities import find_mentions
from ..patterns import screen
from ..scripts import fold

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
        rf"{_NOT_REFUSED}{_DEMAND}{_NO_STOP}{{0,60}}?(?:{_RETURN}{_NO_BREAK}{{0,10}}?{_T}|{_T}{_NO_BREAK}{{0,10}}?{_RETURN})")),
    # 追随Ⓣ, 跟着Ⓣ, 随Ⓣ加入微软, 与Ⓣ同进退, 和Ⓣ一起离开
    "follow": (1, re.compile(
        rf"(?:追随|跟随|跟着|随着?|投奔){_NO_BREAK}{{0,3}}{_T}(?!{_NO_BREAK}{{0,4}}(?:之后|以后|后))"
        rf"|(?:与|和|跟){_T}{_NO_BREAK}{{0,3}}(?:同进退|共进退|一起|一同|一道)(?:加入|离开|出走|跳槽|前往|辞职)"
        rf"|(?:辞职|离职|出走|跳槽){_NO_STOP}{{0,12}}加入{_NO_BREAK}{{0,12}}{_T}"
        rf"{_NO_BREAK}{{0,30}}(?:团队|公司|部门|阵营|实验室|子公司)")),
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
    # 对Ⓣ的指控并不公平, 洗清Ⓣ的嫌疑, 不应归咎于Ⓣ, 为Ⓣ鸣不平, Ⓣ让唱衰者闭了嘴
    "rebuttal": (1, re.compile(
        rf"(?:指控|批评|说法|质疑|唱衰|苛责|标签|帽子|骂名|疑点|嫌疑|传言|论调|指责|污名){_NO_STOP}{{0,12}}?"
        rf"(?:并不公平|不公平|不公道|失实|不成立|不攻自破|站不住脚|子虚乌有|毫无根据|没有根据)"
        rf"|(?:洗清|洗脱|摘掉|摆脱|撕掉|还)\S{{0,4}}?(?:{_T}{_NO_BREAK}{{0,8}})?(?:清白|疑点|嫌疑|帽子|标签|污名|骂名|冤屈)"
        rf"|{_T}{_NO_BREAK}{{0,10}}(?:洗清|洗脱|摘掉|摆脱|撕掉)"
        rf"|(?:不应|不该|不能|不宜|很难)(?:全部|全都|都|一味|只)?(?:归咎于|怪罪|推给|怪到|怪在|算在){_NO_BREAK}{{0,3}}{_T}"
        rf"|(?:为|替){_T}{_NO_BREAK}{{0,4}}(?:说话|辩护|辩解|鸣不平|抱不平|叫屈|喊冤|撑腰|出头|平反|说句公道话)"
        rf"|(?:让|令|叫)(?:所有)?(?:唱衰|质疑|嘲笑|看衰|怀疑)\S{{0,4}}(?:闭嘴|闭了嘴|哑口无言|无话可说)"
        rf"|堵住\S{{0,6}}(?:唱衰|质疑|悠悠之口)|扳回一城|出气筒")),
    # Ⓣ深受员工爱戴, Ⓣ赢得了投资人的信任
    "praise_received": (1, re.compile(
        rf"{_T}{_NO_BREAK}{{0,10}}?(?:受到|获得|赢得|深受|备受|广受|博得|收获)(?:了)?{_NO_BREAK}{{0,8}}?"
        rf"(?:称赞|赞扬|赞誉|好评|肯定|拥戴|爱戴|信任|掌声|喝彩|追捧|尊敬|敬重|力挺)")),
    # 董事会同意恢复Ⓣ的职务, OpenAI宣布Ⓣ将重返公司: his return told as a decision, not a demand
    "flat_return": (0, re.compile(
        rf"(?:同意|决定|宣布|批准|达成|敲定|证实|确认|正式)(?:了)?{_NO_STOP}{{0,20}}?"
        rf"(?:恢复|回归|重返|复职|重掌|回任|重新担任|重新出任|官复原职|回到){_NO_BREAK}{{0,10}}?{_T}"
        rf"|{_T}{_NO_BREAK}{{0,12}}(?:正式|将|已|已经|确认)(?:回归|重返|复职|回任|重掌|重新担任|重新出任)")),
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


_ENDS_WITH_QUESTION_MARK = re.compile(r"[?？]\s*$")
_ASKS_WHETHER = re.compile(r"(?:吗|么|与否|是否|能否|会不会|能不能)\s*[?？]|是否|能否|会不会|能不能")
_RHETORICAL = re.compile(r"难道|岂|何尝|还需要|还用|真的|真以为|凭什么|怎么可能|到底|究竟|还能|还会|又怎")


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
    [(6, 13, 'flat_return', 0)]
    """
    if TARGET not in masked:
        return []
    found = []
    for name, polarity, pattern, screens in _screened():
        if all(screen.search(masked) for screen in screens):  # else the pattern cannot match
            found += [(m.start(), m.end(), name, polarity) for m in pattern.finditer(masked)]
    return sorted(found)


@lru_cache(maxsize=1)
def _screened() -> tuple[tuple[str, int, re.Pattern[str], tuple[re.Pattern[str], ...]], ...]:
    """Return each construction (name, polarity, pattern) with the screens a sentence must pass for
    the pattern to have a chance: its required words (``patterns.screen``), and for the rhetorical
    question a question mark."""
    given = frozenset(TARGET)  # a masked sentence that reaches the patterns holds the target

    def screens(pattern: re.Pattern[str], *more: re.Pattern[str]) -> tuple[re.Pattern[str], ...]:
        words = screen(pattern, given)
        return (*more, *([words] if words is not None else []))

    return (*((name, polarity, pattern, screens(pattern)) for name, (polarity, pattern) in _PATTERNS.items()),
            ("question", -1, _QUESTION, screens(_QUESTION, re.compile(r"[?？]"))))


def yes_no_question(masked: str) -> bool:
    """Return True when the sentence only asks whether something happens (…会回归吗?): a support
    word in it is not support (codebook rule 6)."""
    return bool(_ENDS_WITH_QUESTION_MARK.search(masked.rstrip("\"”」』'"))) and bool(_ASKS_WHETHER.search(masked)) \
        and not _RHETORICAL.search(masked)


@lru_cache(maxsize=1)
def names() -> tuple[str, ...]:
    """Return the names of the constructions, in a fixed order (the learned part's feature order)."""
    return (*_PATTERNS, "question")
