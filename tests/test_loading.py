import codecs
import re

import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.ingest.boilerplate import count_chars
from corpus_tools.ingest.formats import decode
from corpus_tools.paths import RAW_DIR

GOOD = "奥特曼回归\n2023-11-22 10:00 来源:某网\n奥特曼周三回到了OpenAI。员工们欢迎他。\n"


def test_bundled_corpus_has_the_documented_columns(corpus):
    assert list(corpus.index) == list(corpus.article_id)
    assert corpus.index.is_unique and len(corpus) == 5
    for column in ["article_id", "title", "source", "outlet", "original_source", "url", "published",
                   "date_basis", "text", "chars_raw", "chars_clean"]:
        assert column in corpus.columns
    assert str(corpus.published.dt.tz) == "Asia/Shanghai"
    assert corpus.published.is_monotonic_increasing


def test_metadata_is_joined_with_its_basis(corpus):
    assert corpus.loc["chengju_20231121", "original_source"] == "机器之心"
    assert corpus.loc["jishi_20231121", "url"] == "https://www.paraat.net/news/2308.html"
    assert corpus.loc["cacnews_20231208", "published"] == pd.Timestamp("2023-12-08 09:41", tz="Asia/Shanghai")
    assert (corpus.metadata_basis == "articles.csv").all()
    inferred = corpus.loc["dayu_20240927"]
    assert inferred.published.date().isoformat() == "2024-09-27"
    assert inferred.date_basis.startswith("inferred: ") and "昨天凌晨" in inferred.date_basis
    assert (corpus.drop(index="dayu_20240927").date_basis == "page").all()


def test_cleaning_accounting_closes_and_keeps_words(corpus):
    summary = ct.cleaning_summary(corpus)
    removed = summary.drop(columns=["chars_raw", "chars_clean"]).sum(axis=1)
    assert (summary.chars_raw == summary.chars_clean + removed).all()
    for row in corpus.itertuples():
        raw_lines = {line.strip() for line in (RAW_DIR / row.file).read_text(encoding="utf-8").splitlines()}
        assert all(line in raw_lines for line in row.text.split("\n"))


@pytest.mark.parametrize("article_id, kind", [
    ("cacnews_20231208", "scraper_junk"), ("cacnews_20231208", "navigation"),
    ("cacnews_20231208", "disclaimer"), ("cacnews_20231208", "comments"),
    ("cacnews_20231208", "recommendations"), ("chengju_20231121", "repeated_title"),
    ("chengju_20231121", "recommendations"), ("chengju_20231118", "tags"),
    ("jishi_20231121", "navigation"), ("jishi_20231121", "share_copyright"),
    ("jishi_20231121", "related_articles"), ("dayu_20240927", "repeated_body"),
    ("dayu_20240927", "image_caption"),
])
def test_each_kind_of_chrome_is_removed_and_reported(corpus, article_id, kind):
    assert ct.cleaning_summary(corpus).loc[article_id, kind] > 0


def test_no_chrome_survives(corpus):
    text = "\n".join(corpus.text)
    for chrome in ["为您推荐", "免责声明", "今日推荐", "扫描二维码", "版权声明", "相关文章", "当前位置",
                   "shopify", "2023-12-02 21:53", "篮球邀请赛", "堕胎权", "Advertisements", "返回顶部",
                   "本文标签", "更新时间", "图片来自"]:
        assert chrome not in text, chrome


def test_a_body_printed_twice_is_kept_once(corpus):
    paragraphs = corpus.loc["dayu_20240927", "text"].split("\n")
    assert paragraphs.count("心里受委屈了") == 1
    assert len(paragraphs) == len(set(paragraphs))
    summary = ct.cleaning_summary(corpus).loc["dayu_20240927"]
    assert abs(summary.repeated_body - summary.chars_clean) < 0.05 * summary.chars_clean


def test_removals_lists_every_removed_line(corpus):
    table = ct.removals(corpus)
    assert list(table.columns) == ["article_id", "line_no", "kind", "chars", "text", "reason"]
    assert table.reason.str.len().gt(0).all()
    assert set(table.kind) <= set(ct.REMOVAL_KINDS)
    assert table.chars.sum() == (corpus.chars_raw - corpus.chars_clean).sum()


def test_without_articles_csv_metadata_comes_from_the_page(raw_copy):
    corpus = ct.load_corpus(raw_copy)
    assert list(corpus.metadata_basis.unique()) == ["page"]
    row = corpus.loc["000_24cee8f2899d2b5c"]
    assert row.title == "OpenAI员工:集体离职逼宫纯属空城计 压根瞧不起微软"
    assert row.outlet == "加新网CACnews.ca" and row.original_source == "腾讯"
    assert row.published == pd.Timestamp("2023-12-08 09:41", tz="Asia/Shanghai")
    assert corpus.loc["001_c0132513d85b1a56", "original_source"] == "机器之心"
    # its reference links carry another page's date (/2023/11/20/): the page's own stamp wins
    assert corpus.loc["001_c0132513d85b1a56", "published"] == pd.Timestamp("2023-11-21 10:05:49", tz="Asia/Shanghai")
    assert corpus.loc["004_64c3c0530d4eca56", "outlet"] == "大鱼新闻"
    assert corpus.loc["003_4cae376ee77ce566", "original_source"] == "外汇密探"
    undated = corpus.loc["004_64c3c0530d4eca56"]
    assert pd.isna(undated.published) and "2 months, 3 weeks" in undated.date_basis
    assert corpus.index[-1] == "004_64c3c0530d4eca56"  # undated articles sort last


def test_a_folder_may_carry_partial_metadata(raw_copy):
    (raw_copy / "articles.csv").write_text(
        "article_id,file,title,published\nmine,002_3cf46ed22a0906f7.txt,,2023-11-18T02:06:20Z\n", encoding="utf-8")
    corpus = ct.load_corpus(raw_copy)
    assert "mine" in corpus.index and len(corpus) == 5
    assert corpus.loc["mine", "published"] == pd.Timestamp("2023-11-18 10:06:20", tz="Asia/Shanghai")
    assert corpus.loc["mine", "title"].startswith("传微软内部也很震惊")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_encodings_and_line_ends_give_the_same_article(tmp_path, encoding, newline):
    (tmp_path / "a.txt").write_bytes(GOOD.replace("\n", newline).encode(encoding))
    article = ct.load_corpus(tmp_path).iloc[0]
    assert article.text == "奥特曼周三回到了OpenAI。员工们欢迎他。"
    assert article.title == "奥特曼回归"
    assert article.published == pd.Timestamp("2023-11-22 10:00", tz="Asia/Shanghai")


BAD_FILES = {
    "empty.txt": (b"", "empty file"),
    "blank.txt": (b" \n\r\n\t", "empty file"),
    "binary.txt": (bytes(range(256)) * 4, "binary file"),
    "undecodable.txt": (b"\xff\xfe\xfa\x80abc\x81" * 3 + b"\xff", "not text"),
    "controls.txt": (("奥特曼" + "\x07\x1b" * 20).encode(), "binary file"),
    "chrome.txt": ("首页 > 新闻\n为您推荐\n别的故事\n".encode(), "nothing left after cleaning"),
    "story_list.txt": ("\n".join([
        "某某网", "为您推荐",
        "新一代折叠屏手机发布，售价创下新高",
        "据介绍，这款手机采用全新的铰链设计，机身厚度比上一代减少了近两毫米，续航能力也有明显提升。",
        "2023-11-20 10:00",
        "多地出台新政支持居民首套房贷款",
        "多个城市近日宣布下调首套房贷款利率，并放宽公积金贷款条件，以支持居民合理的住房需求。",
        "2023-11-20 09:30",
        "本市地铁新线路明年正式开通运营",
        "新线路全长三十多公里，共设二十个车站，建成后将大大缓解城市东部地区的交通压力和通勤时间。",
        "2023-11-19 16:20",
    ]).encode(), "a list of other stories"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_file_raises_naming_file_and_reason(tmp_path, name):
    data, reason = BAD_FILES[name]
    (tmp_path / name).write_bytes(data)
    with pytest.raises(ct.CorpusError, match=re.escape(name)) as caught:
        ct.load_corpus(tmp_path)
    assert reason in caught.value.reason and caught.value.file.endswith(name)


def test_skip_mode_lists_every_bad_file_and_keeps_the_good(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    for name, (data, _) in BAD_FILES.items():
        (tmp_path / name).write_bytes(data)
    with pytest.warns(ct.CorpusWarning) as warned:
        corpus = ct.load_corpus(tmp_path, errors="skip")
    assert list(corpus.index) == ["good"]
    skipped = corpus.attrs["skipped"]
    assert sorted(s["file"].rsplit("/", 1)[-1] for s in skipped) == sorted(BAD_FILES)
    assert len(warned) == len(BAD_FILES)


def test_many_undated_pages_warn_a_few_and_count_the_rest(tmp_path):
    """A folder of scraped pages without dates warns of the first ``WARNINGS_SHOWN`` one by one and
    counts the rest in one warning (not one line each in a notebook); attrs lists every one."""
    from corpus_tools.ingest import assembly

    towns = ["青石镇", "白沙湾", "松林坡", "柳河口", "石桥村", "东坪乡"]
    for number in range(assembly.WARNINGS_SHOWN + 7):
        town = towns[number % len(towns)]
        (tmp_path / f"page{number:02d}.txt").write_text(
            f"{town}第{number}届菜籽油品鉴会闭幕\n\n本届品鉴会共收到{number + 3}家作坊的样品，评委逐一品尝后"
            f"选出{town}的三款冷榨油。\n\n组织者说，明年将邀请更多家庭作坊参加，并把品鉴结果印在小册子上。\n",
            encoding="utf-8")
    with pytest.warns(ct.CorpusWarning) as warned:
        corpus = ct.load_corpus(tmp_path)
    assert len(corpus.attrs["undated"]) == len(corpus) == assembly.WARNINGS_SHOWN + 7
    messages = [str(w.message) for w in warned]
    assert sum("undated" in m and "more" not in m for m in messages) == assembly.WARNINGS_SHOWN
    assert any(m.startswith("7 more undated articles") and "27 in all" in m for m in messages)


def test_the_loading_bar_is_drawn_when_asked_and_not_for_a_few_files_by_default(tmp_path, capsys):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    ct.load_corpus(tmp_path)
    assert "loading articles" not in capsys.readouterr().err
    (tmp_path / "other.txt").write_text(GOOD.replace("。", "！", 1), encoding="utf-8")
    ct.load_corpus(tmp_path, progress=True)  # one file to clean (the other is in the cache)
    assert "loading articles" in capsys.readouterr().err


def test_duplicate_ids_are_refused(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "a.TXT").write_text(GOOD, encoding="utf-8")
    with pytest.raises(ct.CorpusError, match="duplicate article_id 'a'"):
        ct.load_corpus(tmp_path)
    with pytest.warns(ct.CorpusWarning):
        corpus = ct.load_corpus(tmp_path, errors="skip")
    assert len(corpus) == 1 and corpus.attrs["skipped"][0]["reason"] == "duplicate article_id 'a'"


def test_duplicate_ids_in_articles_csv_are_refused(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "articles.csv").write_text("article_id,file\nx,a.txt\nx,b.txt\n", encoding="utf-8")
    with pytest.raises(ct.CorpusError, match="b.txt: duplicate article_id 'x'"):
        ct.load_corpus(tmp_path)


def test_metadata_problems_name_the_file(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "articles.csv").write_text("article_id,file\nx,missing.txt\n", encoding="utf-8")
    with pytest.raises(ct.CorpusError, match="missing.txt: listed in articles.csv but missing"):
        ct.load_corpus(tmp_path)
    (tmp_path / "articles.csv").write_text("article_id,file,published\nx,a.txt,not a date\n", encoding="utf-8")
    with pytest.raises(ct.CorpusError, match="unreadable date"):
        ct.load_corpus(tmp_path)
    (tmp_path / "articles.csv").write_text("id,name\nx,a.txt\n", encoding="utf-8")
    with pytest.raises(ct.CorpusError, match="articles.csv: metadata table lacks"):
        ct.load_corpus(tmp_path)


def test_missing_and_empty_folders(tmp_path):
    with pytest.raises(ct.CorpusError, match="no such file or folder"):
        ct.load_corpus(tmp_path / "nowhere")
    with pytest.raises(ct.CorpusError, match="no articles in this folder"):
        ct.load_corpus(tmp_path)
    with pytest.raises(ValueError, match="errors must be"):
        ct.load_corpus(errors="ignore")


def test_a_single_file_can_be_loaded(tmp_path):
    (tmp_path / "one.txt").write_text(GOOD, encoding="utf-8")
    assert list(ct.load_corpus(tmp_path / "one.txt").index) == ["one"]


def test_decode_reports_its_encoding():
    assert decode(codecs.BOM_UTF8 + "奥特曼".encode()) == ("奥特曼", "utf-8")
    assert decode("奧特曼".encode("big5", errors="strict").decode("big5").encode("gb18030"))[1] == "gb18030"
    assert count_chars(" a\n 奥 ") == 2


def test_reloading_a_corpus_reads_its_stories_from_the_cache(tmp_path):
    import subprocess
    import sys

    script = ("import sys, corpus_tools as ct; corpus = ct.load_corpus(); "
              "print(corpus.story_id.nunique(), 'datasketch' in sys.modules)")
    env = {**__import__("os").environ, "CORPUS_TOOLS_CACHE": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
            .stdout.split() for _ in range(2)]
    assert runs[0][0] == runs[1][0]
    assert runs[0][1] == "True" and runs[1][1] == "False"  # grouped once; the second load imports no LSH


def test_after_clear_cache_every_line_is_classified_again(tmp_path, monkeypatch):
    """An empty cache means a first reading: what the cleaner remembers of the lines it has seen (a
    site's menus, printed on every page) is forgotten too, so a timing after ``clear_cache`` is honest."""
    from corpus_tools import cache
    from corpus_tools.ingest import boilerplate

    monkeypatch.setenv("CORPUS_TOOLS_CACHE", str(tmp_path / "cache"))
    cache.clear_cache()
    ct.load_corpus()
    assert boilerplate._classified.cache_info().currsize > 0
    classified = []
    original = boilerplate._own_features
    monkeypatch.setattr(boilerplate, "_own_features", lambda line: classified.append(line.text) or original(line))
    cache.clear_cache()
    assert boilerplate._classified.cache_info().currsize == 0
    ct.load_corpus()
    assert len(classified) == boilerplate._classified.cache_info().currsize > 0
