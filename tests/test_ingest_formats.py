"""HTML pages and tables of articles load into the same table as text pages, with the same errors."""

import json
import warnings

import pandas as pd
import pytest

import corpus_tools as ct

P1 = "OpenAI董事会周五宣布，首席执行官奥特曼因与董事会沟通不够坦诚而被解除职务，消息震动了整个硅谷。"
P2 = "据知情人士透露，奥特曼被解雇前几分钟才接到通知，微软也只是在公告发布前不久才得知这一决定。"
P3 = "董事会成员苏茨克维随后在社交平台上表示，他对自己参与董事会的这一行动深感后悔。"

HTML = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>奥特曼被罢免_某某科技网</title>
<meta property="og:site_name" content="某某科技网">
<meta property="og:title" content="奥特曼被罢免">
<meta property="og:url" content="https://tech.example.com/2023/11/18/a1.html">
<meta property="article:published_time" content="2023-11-18T08:12:00+08:00">
</head><body>
<nav><a href="/">首页</a> | <a href="/tech">科技</a> | <a href="/login">登录</a></nav>
<article><h1>奥特曼被罢免</h1>
<p>{P1}</p><p>{P2}</p><p>{P3}</p>
</article>
<aside><h3>热门推荐</h3><ul><li>华为发布新一代折叠屏手机</li><li>多地出台新政支持首套房贷款</li></ul></aside>
<footer>Copyright © 2023 某某科技网 版权所有</footer>
</body></html>"""

ROWS = [
    {"id": "db1", "title": "奥特曼被罢免", "url": "https://a.example.com/2023/11/18/x.html",
     "published": "2023-11-18 08:12", "outlet": "某报", "text": f"{P1}\n{P2}"},
    {"id": "db2", "title": "苏茨克维后悔", "url": "", "published": "", "outlet": "另一报",
     "text": f"{P3}\n奥特曼可能回归。微软表示欢迎。"},
]


def test_an_html_page_gives_body_title_outlet_and_date(tmp_path):
    (tmp_path / "page.html").write_text(HTML, encoding="utf-8")
    article = ct.load_corpus(tmp_path).loc["page"]
    assert article.text.split("\n") == [P1, P2, P3]
    assert article.title == "奥特曼被罢免" and article.outlet == "某某科技网" and article.format == "html"
    assert article.published == pd.Timestamp("2023-11-18 08:12", tz="Asia/Shanghai")
    assert article.url == "https://tech.example.com/2023/11/18/a1.html"


def test_an_html_page_in_gbk_with_a_declared_charset(tmp_path):
    (tmp_path / "page.htm").write_bytes(HTML.replace("charset=\"utf-8\"", "charset=\"gbk\"").replace("©", "").encode("gbk"))
    assert ct.load_corpus(tmp_path).loc["page"].text.split("\n") == [P1, P2, P3]


def write_tables(folder):
    pd.DataFrame(ROWS).to_csv(folder / "export.csv", index=False)
    (folder / "export.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in ROWS), encoding="utf-8")
    pd.DataFrame(ROWS).to_parquet(folder / "export.parquet")


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_tables_of_articles_give_one_row_per_article(tmp_path, suffix):
    write_tables(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ct.CorpusWarning)
        corpus = ct.load_corpus(tmp_path / f"export{suffix}")
    assert list(corpus.index) == ["db1", "db2"]
    assert corpus.loc["db1", "text"] == f"{P1}\n{P2}" and corpus.loc["db1", "title"] == "奥特曼被罢免"
    assert corpus.loc["db1", "outlet"] == "某报" and corpus.loc["db1", "file"] == f"export{suffix} row 1"
    assert corpus.loc["db1", "published"] == pd.Timestamp("2023-11-18 08:12", tz="Asia/Shanghai")
    assert pd.isna(corpus.loc["db2", "published"]) and corpus.attrs["undated"][0]["article_id"] == "db2"


def test_the_three_table_formats_agree(tmp_path):
    write_tables(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ct.CorpusWarning)
        loaded = [ct.load_corpus(tmp_path / f"export{s}").drop(columns=["file", "sha256"]) for s in (".csv", ".jsonl", ".parquet")]
    pd.testing.assert_frame_equal(loaded[0], loaded[1])
    pd.testing.assert_frame_equal(loaded[0], loaded[2])


def test_rows_without_an_id_take_the_file_stem_and_row_number(tmp_path):
    pd.DataFrame([{"text": f"{P1}\n{P2}"}, {"text": P3}]).to_csv(tmp_path / "dump.csv", index=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ct.CorpusWarning)
        assert list(ct.load_corpus(tmp_path).index.sort_values()) == ["dump_1", "dump_2"]


def test_a_folders_metadata_tables_are_not_articles(tmp_path):
    (tmp_path / "a.txt").write_text(f"奥特曼被罢免\n2023-11-18 08:12\n{P1}", encoding="utf-8")
    (tmp_path / "articles.csv").write_text("article_id,file,outlet\nmine,a.txt,某报\n", encoding="utf-8")
    (tmp_path / "entities.csv").write_text("entity_id,kind,alias\nx,person,某人\n", encoding="utf-8")
    corpus = ct.load_corpus(tmp_path)
    assert list(corpus.index) == ["mine"] and corpus.loc["mine", "outlet"] == "某报"


BAD_TABLES = {
    "notext.csv": ("id,title\n1,a\n".encode(), "needs a 'text' column"),
    "broken.jsonl": (b'{"text": "a"}\n{not json', "unreadable table"),
    "broken.parquet": (b"PAR1 not really", "unreadable table"),
    "binary.csv": (bytes(range(256)), "binary file"),
    "empty.html": (b"<html><body></body></html>", "no article text"),
}


@pytest.mark.parametrize("name", sorted(BAD_TABLES))
def test_a_bad_table_or_page_raises_naming_file_and_reason(tmp_path, name):
    data, reason = BAD_TABLES[name]
    (tmp_path / name).write_bytes(data)
    with pytest.raises(ct.CorpusError, match=name) as caught:
        ct.load_corpus(tmp_path)
    assert reason in caught.value.reason


def test_skip_mode_lists_bad_files_and_bad_rows(tmp_path):
    write_tables(tmp_path)
    (tmp_path / "export.jsonl").unlink()
    (tmp_path / "export.parquet").unlink()
    pd.DataFrame([{"id": "ok", "text": f"{P1}\n{P2}"}, {"id": "blank", "text": " "}]).to_csv(tmp_path / "more.csv", index=False)
    for name, (data, _) in BAD_TABLES.items():
        (tmp_path / name).write_bytes(data)
    with pytest.warns(ct.CorpusWarning):
        corpus = ct.load_corpus(tmp_path, errors="skip")
    assert sorted(corpus.index) == ["db1", "db2", "ok"]
    skipped = {s["file"].rsplit("/", 1)[-1]: s["reason"] for s in corpus.attrs["skipped"]}
    assert skipped["more.csv row 2"] == "empty text"
    assert set(BAD_TABLES) <= set(skipped)


def test_control_characters_are_those_of_unicode_category_cc():
    import unicodedata

    from corpus_tools.ingest.formats import _CONTROLS

    for code in list(range(0x300)) + [0x2028, 0x2029, 0xFEFF, 0x3000]:
        ch = chr(code)
        assert bool(_CONTROLS.match(ch)) == (unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v"), hex(code)


TRADITIONAL_PAGE = ("奧特曼遭董事會罷免 微軟宣布聘請\n某某新聞網 2023-11-18 08:12\n"
                    "（某某社記者舊金山17日綜合外電報導）人工智慧公司OpenAI董事會週五宣布，執行長奧特曼因與董事會溝通不夠坦誠而被解除職務。\n"
                    "據知情人士透露，奧特曼被解僱前幾分鐘才接到通知，微軟也只是在公告發布前不久才得知這一決定。\n")


@pytest.mark.parametrize("encoding", ["big5", "cp950"])
def test_a_traditional_text_page_in_big5_is_read_as_big5(tmp_path, encoding):
    (tmp_path / "page.txt").write_bytes(TRADITIONAL_PAGE.encode(encoding))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        row = ct.load_corpus(tmp_path).iloc[0]
    assert row.encoding in ("cp950", "big5hkscs")
    assert "奧特曼因與董事會溝通不夠坦誠" in row.text and row.title.startswith("奧特曼遭董事會罷免")


@pytest.mark.parametrize("encoding", ["gb2312", "gbk", "gb18030"])
def test_a_simplified_text_page_in_gb_encodings_is_still_read_as_gb18030(encoding):
    from corpus_tools.ingest.formats import decode

    page = f"奥特曼被罢免\n某某网 2023-11-18 08:12\n{P1}\n{P2}\n{P3}\n"
    assert decode(page.encode(encoding)) == (page, "gb18030")


@pytest.mark.parametrize("text", ["奥特曼回归", "奧特曼回歸", "董事会", "董事會"])
def test_short_legacy_texts_are_read_in_their_own_script(text):
    from corpus_tools.ingest.formats import decode

    encoding = "gbk" if text in ("奥特曼回归", "董事会") else "big5"
    assert decode(text.encode(encoding))[0] == text
