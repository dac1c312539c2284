"""Read the files of a corpus folder into raw articles: text pages, HTML pages and tables.

A ``.txt`` page is decoded (UTF-8, UTF-16 with a byte-order mark, the encoding its bytes declare,
or whichever of GB18030/GBK and Big5/CP950 reads as Chinese) and kept line by line. An ``.html``/``.htm`` page goes through trafilatura,
which finds the body, the title, the site name and the date (htmldate is its fallback for the
date); we write no HTML parser. A table (``.csv``, ``.jsonl``, ``.parquet``) holds one article per
row, with a ``text`` column and any of ``title``, ``url``, ``published``, ``outlet``,
``original_source``; the row's id comes from an ``id`` or ``article_id`` column, else from the
file's stem and the row's number (``export_3``).
"""

from __future__ import annotations

import codecs
import io
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .errors import CorpusError

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
TABLE_SUFFIXES = (".csv", ".jsonl", ".parquet")
#: Files of a folder that describe it rather than hold articles.
METADATA_FILES = ("articles.csv", "entities.csv", "outlets.csv")
#: Columns of an article table (besides ``text`` and the id) that become the article's fields.
TABLE_FIELDS = ("title", "url", "published", "outlet", "original_source")
#: Control characters (Unicode category Cc) other than the line and tab controls text files hold.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([-\w]+)""", re.IGNORECASE)
#: The legacy Chinese encodings tried when the bytes are not UTF-8: Simplified (GB18030, a superset of
#: GBK and GB2312) and Traditional (CP950, Big5 as Windows writes it; Big5-HKSCS for Hong Kong's extra
#: characters). Each decodes most of the others' bytes, into nonsense, so the likeliest reading wins.
LEGACY_ENCODINGS = ("gb18030", "cp950", "big5hkscs")
#: Some 400 of the most frequent characters of modern Chinese (Simplified; their Traditional forms are
#: added from OpenCC): a right reading is made mostly of them, a wrong one of characters drawn at random.
_COMMON_SIMPLIFIED = (
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行"
    "所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它"
    "与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新"
    "己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平"
    "系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形"
    "社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取"
    "拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫"
    "令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似"
    "官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专"
    "费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章"
    "音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朋"
    "温模球董席罢免宣布执智能网络媒体新闻记者报道表示公司微软"
)


@dataclass
class RawArticle:
    """One article as its file gives it, before cleaning.

    ``text`` is the page's text, lines separated by ``\\n``; ``fields`` holds what the format itself
    states (an HTML page's metadata, a table's columns), with ``fields_basis`` saying where from.
    """

    article_id: str
    file: str
    text: str
    encoding: str
    fmt: str
    fields: dict = field(default_factory=dict)
    fields_basis: str = ""


def is_article_file(path: Path) -> bool:
    """Return True for a file ``load_corpus`` reads as articles (not a folder's metadata tables)."""
    suffix = path.suffix.lower()
    if path.name.lower() in METADATA_FILES:
        return False
    return suffix in TEXT_SUFFIXES + HTML_SUFFIXES + TABLE_SUFFIXES


def decode(data: bytes, file: str | Path = "<bytes>", declared: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)`` for the bytes of a text file; line breaks become ``\\n``.

    Accepts UTF-8 with or without BOM, UTF-16 with BOM, the ``declared`` encoding (an HTML page's
    charset), else GB18030 (which includes GBK and GB2312) or Big5 (CP950, Big5-HKSCS), whichever
    reads as Chinese (``chinese_reading_score``). Raises ``CorpusError`` for empty,
    binary or undecodable input.

    >>> decode("奥特曼\\r\\n回归".encode("gbk"))
    ('奥特曼\\n回归', 'gb18030')
    >>> decode("奧特曼回歸公司".encode("big5"))
    ('奧特曼回歸公司', 'cp950')
    """
    if not data.strip():
        raise CorpusError(file, "empty file")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    elif data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif b"\x00" in data:
        raise CorpusError(file, "binary file (contains NUL bytes), not text")
    else:
        candidates = ["utf-8"]
        if declared:
            try:
                declared = codecs.lookup(declared).name
            except LookupError:
                declared = None
        if declared and declared not in candidates:
            candidates.append(declared)
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        break
    else:
        found = _likeliest_chinese_reading(data)
        if found is None:
            raise CorpusError(file, f"not text: cannot be decoded as {' or '.join(candidates + list(LEGACY_ENCODINGS))}")
        text, encoding = found
    controls = len(_CONTROLS.findall(text))
    if controls > max(2, len(text) // 100):
        raise CorpusError(file, f"binary file, not text ({controls} control characters)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise CorpusError(file, "empty file (whitespace only)")
    return text, "utf-8" if encoding == "utf-8-sig" else encoding


@lru_cache(maxsize=1)
def _common_characters() -> frozenset[str]:
    """Return the common characters in both scripts (the Traditional forms from OpenCC's table)."""
    from ..scripts import _package_dir

    common = set(_COMMON_SIMPLIFIED)
    path = _package_dir("opencc") / "dictionary" / "STCharacters.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        simplified, _, traditional = line.partition("\t")
        if simplified in common:
            common.update(t for t in traditional.split(" ") if len(t) == 1)
    return frozenset(common)


def chinese_reading_score(text: str) -> float:
    """Return how much ``text`` reads as Chinese: the share of its CJK characters that are common,
    less the share of characters a wrong legacy decoding produces (kana, Greek, Cyrillic, box
    drawing, Bopomofo, private use).

    >>> chinese_reading_score("奥特曼重返公司") > chinese_reading_score("痄秸嫚笭殿")
    True
    """
    common = _common_characters()
    han = [ch for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"]
    odd = sum(1 for ch in text if "\u0370" <= ch <= "\u052f" or "\u2500" <= ch <= "\u257f" or "\u3040" <= ch <= "\u31bf"
              or "\ue000" <= ch <= "\uf8ff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff")
    letters = max(1, len(han) + odd)
    return sum(1 for ch in han if ch in common) / letters - odd / letters


def _likeliest_chinese_reading(data: bytes) -> tuple[str, str] | None:
    """Return ``(text, encoding)`` for the legacy encoding whose reading of ``data`` is likeliest
    Chinese (the first of ``LEGACY_ENCODINGS`` on a tie), or None if none decodes it."""
    readings = []
    for encoding in LEGACY_ENCODINGS:
        try:
            readings.append((data.decode(encoding), encoding))
        except UnicodeDecodeError:
            continue
    if not readings:
        return None
    scores = [chinese_reading_score(text) for text, _ in readings]
    return readings[max(range(len(readings)), key=lambda i: (scores[i], -i))]


def read_articles(data: bytes, path: Path, article_id: str | None = None) -> list[RawArticle | CorpusError]:
    """Return the raw articles in a file's bytes (one for a page, one per row for a table).

    A problem with the whole file raises ``CorpusError``; a bad row of a table is returned as its
    ``CorpusError`` in the row's place, so that the other rows can still load.
    """
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return [read_html(data, path, article_id or path.stem)]
    if suffix in TABLE_SUFFIXES:
        return read_table(data, path)
    text, encoding = decode(data, path)
    return [RawArticle(article_id or path.stem, path.name, text, encoding, "txt")]


def read_html(data: bytes, path: Path, article_id: str) -> RawArticle:
    """Return the article of an HTML page: trafilatura's body text, title, site name, url and date."""
    declared = _DECLARED_CHARSET.search(data[:4096])
    html, encoding = decode(data, path, declared.group(1).decode("ascii", "replace") if declared else None)
    if "<" not in html:
        raise CorpusError(path, "not HTML: no markup")
    import trafilatura

    try:
        document = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=True, favor_recall=True,
            deduplicate=False, as_dict=True, date_extraction_params={"extensive_search": True, "original_date": True},
        )
    except Exception as error:  # trafilatura and lxml raise many kinds on malformed markup
        raise CorpusError(path, f"HTML that trafilatura cannot read ({type(error).__name__})") from None
    if not document or not (document.get("text") or "").strip():
        raise CorpusError(path, "no article text found in the HTML")
    date = _htmldate(html) or document.get("date")
    fields = {
        "title": _without_site_suffix(document.get("title")),
        "outlet": document.get("sitename") or None,
        "url": document.get("url") or None,
        "html_date": date or None,
    }
    text = "\n".join(line.strip() for line in document["text"].split("\n"))
    return RawArticle(article_id, path.name, text, encoding, "html", {k: v for k, v in fields.items() if v},
                      "html metadata (trafilatura)")


def _without_site_suffix(title: str | None) -> str | None:
    """Return an HTML title without the site and section names a page appends (``标题 | 科技 | 某网``).

    >>> _without_site_suffix("奥特曼重返OpenAI | 科技 | 某新闻网")
    '奥特曼重返OpenAI'
    """
    if not title:
        return None
    title = title.strip()
    cuts = [m.start() for m in re.finditer(r"\s+[|｜–—-]\s+|\s*[|｜_]\s*", title)]
    ends = [m.end() for m in re.finditer(r"\s+[|｜–—-]\s+|\s*[|｜_]\s*", title)]
    keep = len(title)
    while cuts and len(title[ends[-1]:keep]) <= 12:  # site and section names are short
        keep = cuts.pop()
        ends.pop()
    return title[:keep] if keep >= 6 else title


def _htmldate(html: str) -> str | None:
    try:
        from htmldate import find_date

        return find_date(html, original_date=True, extensive_search=True, outputformat="%Y-%m-%dT%H:%M:%S%z")
    except Exception:  # htmldate raises on odd markup; a missing date is not an error
        return None


def read_table(data: bytes, path: Path) -> list[RawArticle | CorpusError]:
    """Return one raw article per row of a ``.csv``, ``.jsonl`` or ``.parquet`` table of articles."""
    table = _read_table(data, path)
    table.columns = [str(c).strip().lower() for c in table.columns]
    if "text" not in table.columns:
        raise CorpusError(path, f"a table of articles needs a 'text' column (it has: {', '.join(table.columns)})")
    if table.empty:
        raise CorpusError(path, "a table of articles with no rows")
    id_column = next((c for c in ("article_id", "id") if c in table.columns), None)
    articles: list[RawArticle | CorpusError] = []
    for number, row in enumerate(table.to_dict("records"), start=1):
        where = f"{path} row {number}"
        text = row.get("text")
        if not isinstance(text, str) or not text.strip():
            articles.append(CorpusError(where, "empty text"))
            continue
        given_id = row.get(id_column) if id_column else None
        article_id = str(given_id).strip() if _present(given_id) else f"{path.stem}_{number}"
        fields = {k: row[k] for k in TABLE_FIELDS if k in row and _present(row[k])}
        fields = {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()}
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        articles.append(RawArticle(article_id, f"{path.name} row {number}", text, "table", "table", fields,
                                   "the table's columns"))
    return articles


def _present(value: object) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    try:
        return not pd.isna(value)
    except (TypeError, ValueError):
        return True


def _read_table(data: bytes, path: Path) -> pd.DataFrame:
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            return pd.read_parquet(io.BytesIO(data))
        text, _ = decode(data, path)
        if suffix == ".csv":
            return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        rows = []
        for number, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            row = json.loads(line)
            if not isinstance(row, dict):
                raise ValueError(f"line {number} is not a JSON object")
            rows.append(row)
        return pd.DataFrame(rows)
    except CorpusError:
        raise
    except Exception as error:  # pandas, pyarrow and json each raise their own kinds
        reason = str(error).split("\n")[0][:200]
        raise CorpusError(path, f"unreadable table ({type(error).__name__}: {reason})") from None
