"""Outlet and original source from the ways pages credit them; near-duplicate copies grouped."""

import warnings

import pandas as pd
import pytest

import corpus_tools as ct
from corpus_tools.ingest.attribution import attribute
from corpus_tools.ingest.boilerplate import clean_page
from corpus_tools.ingest.duplicates import story_ids

P1 = "OpenAI董事会周五宣布，首席执行官奥特曼因与董事会沟通不够坦诚而被解除职务，消息震动了整个硅谷。"
P2 = "据知情人士透露，奥特曼被解雇前几分钟才接到通知，微软也只是在公告发布前不久才得知这一决定。"
P3 = "董事会成员苏茨克维随后在社交平台上表示，他对自己参与董事会的这一行动深感后悔，并希望公司重新团结。"


def who(page, url=None):
    return attribute(clean_page(page).lines, url)[:2]


@pytest.mark.parametrize("page, outlet, original", [
    (f"奥特曼被罢免\n2023-11-20 10:05 来源：某某社\n{P1}\n{P2}\n某某网版权所有", "某某网", "某某社"),
    (f"奥特曼被罢免\n某门户网 2023-11-20 10:05 来自: 某科技\n{P1}\n{P2}", "某门户网", "某科技"),
    (f"奥特曼被罢免\n发布时间：2023-11-20 文章来源：某财经\n{P1}\n{P2}\nCopyright © 2023 某资讯吧 版权所有", "某资讯吧", "某财经"),
    (f"奥特曼被罢免\n某聚合站 2023-11-20\n本文转载自某日报\n{P1}\n{P2}", "某聚合站", "某日报"),
    (f"某平台 | 首页 | 快讯 | 登录\n奥特曼被罢免\n量子位·2023-11-20 11:30\n本文来自微信公众号：量子位（ID：QbitAI），作者：某某\n{P1}\n{P2}",
     "某平台", "量子位"),
    (f"奥特曼被罢免\n2023-11-18 08:12 某科技\n某科技讯 北京时间11月18日早间消息，{P1}\n{P2}", "某科技", None),
    (f"奥特曼被罢免\n2023-11-20 10:05\n中新网北京11月20日电 {P1}\n{P2}", "中新网", None),
    (f"奧特曼被罷免\n某新聞盒 2024-09-26\n（中央社記者某某舊金山25日綜合外電報導）{P1}\n{P2}", "某新聞盒", "中央社"),
    (f"奥特曼被罢免\n2023-11-20 10:05\n{P1}\n据路透社报道，{P2}", None, None),
])
def test_outlet_and_original_source(page, outlet, original):
    assert who(page) == (outlet, original)


def test_the_urls_domain_is_the_last_resort():
    assert who(f"奥特曼被罢免\n2023-11-20\n{P1}\n{P2}", url="https://www.example-news.com/a/1.html")[0] == "example-news.com"


def test_near_duplicate_copies_share_a_story():
    wire = [P1, P2, P3, "奥特曼本人则在社交平台上发文称，他热爱在OpenAI度过的时光，之后会再谈接下来的计划。"]
    ids = ["wire", "repost_cut", "repost_chrome", "other"]
    texts = ["\n".join(wire), "\n".join(wire[:3]), "\n".join(["本站编者按：以下内容转自网络。", *wire]),
             "今天北京天气晴朗，气温在十度左右，适合外出散步，市民纷纷前往公园赏秋，地铁客流也比平日增加。"]
    assert story_ids(ids, texts) == ["wire", "wire", "wire", "other"]


def test_the_corpus_reports_syndication(tmp_path):
    wire = f"{P1}\n{P2}\n{P3}"
    (tmp_path / "a.txt").write_text(f"奥特曼被罢免\n2023-11-20 10:05 来源：某社\n{wire}", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"奥特曼被罢免了\n2023-11-20 12:00 某网\n{wire}\n责任编辑：某某", encoding="utf-8")
    (tmp_path / "c.txt").write_text("天气\n2023-11-20 09:00\n今天北京天气晴朗，气温在十度左右，适合外出散步，市民纷纷前往公园赏秋。",
                                    encoding="utf-8")
    corpus = ct.load_corpus(tmp_path)
    assert corpus.loc["a", "story_id"] == corpus.loc["b", "story_id"] == "a"
    assert corpus.loc["c", "story_id"] == "c"
    assert corpus.attrs["syndication"] == {"articles": 3, "stories": 2, "groups_with_copies": 1, "copies": 1}
    summary = ct.syndication_summary(corpus)
    assert summary.to_dict("records")[0]["article_ids"] == "a; b" and summary.copies.tolist() == [2]


def test_the_public_columns(tmp_path):
    (tmp_path / "a.txt").write_text(f"奥特曼被罢免\n2023-11-20 10:05 来源：某社\n{P1}", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        corpus = ct.load_corpus(tmp_path)
    for column in ["article_id", "title", "outlet", "original_source", "published", "date_basis", "story_id", "text",
                   "repost_published"]:
        assert column in corpus.columns
    assert pd.isna(corpus.loc["a", "repost_published"])


def test_story_candidates_are_those_minhash_lsh_would_return():
    from datasketch import MinHashLSH

    from corpus_tools.ingest.duplicates import CANDIDATE_JACCARD, NUM_PERM, _band_buckets, _minhash, _shingled, shingles

    texts = [P1, P1 + P2, P2 + P3, P3, "\n".join([P1, P2, P3]), "", "今天北京天气晴朗，气温在十度左右。"]
    sets = [shingles(t) for t in texts]
    lsh = MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=NUM_PERM)
    for i, items in enumerate(sets):
        if items:
            lsh.insert(i, _minhash(items))
    expected = {(i, j) for i, items in enumerate(sets) if items for j in lsh.query(_minhash(items)) if i < j}
    found = {(a, b) for bucket in _band_buckets(_shingled(texts)[1]) for a in bucket for b in bucket if a < b}
    assert found == expected and expected


def test_story_signatures_are_datasketch_minhashes():
    import numpy as np

    from corpus_tools.ingest.duplicates import _minhash, _signature, shingles

    for text in (P1, P1 + P2, "\n".join([P1, P2, P3]), "奥特曼", "OpenAI董事会"):
        items = shingles(text)
        expected = _minhash(items).hashvalues
        found = _signature(items)
        assert found.dtype == expected.dtype and np.array_equal(found, expected)


SHORT_AND_MIXED = ["", "!!", "ab", "奥特曼", "abcde", "Sam Altman回归OpenAI董事会 2023", "奧特曼（ＳａｍＡｌｔｍａｎ）被解僱。"]


def test_story_signatures_and_sets_computed_at_once_are_those_of_the_shingles():
    import zlib

    import numpy as np

    from corpus_tools.ingest.duplicates import _codes, _shingle_crcs, _shingled, _signature, shingles

    texts = [P1, P1 + P2, "\n".join([P1, P2, P1, P3]), *SHORT_AND_MIXED]
    sets, signatures = _shingled(texts)
    for i, text in enumerate(texts):
        items = shingles(text)
        assert len(sets[i]) == len(items)  # one key per distinct shingle
        assert (signatures[i] is None) if not items else np.array_equal(signatures[i], _signature(items))
        for j, other in enumerate(texts):  # the keys of two texts meet exactly where their shingles do
            assert np.intersect1d(sets[i], sets[j], assume_unique=True).size == len(items & shingles(other))
    chars = _codes(P1 + "OpenAI 2023").tobytes().decode("utf-32-le")
    assert _shingle_crcs(_codes(P1 + "OpenAI 2023")).tolist() == [
        zlib.crc32(chars[k:k + 5].encode("utf-8")) for k in range(len(chars) - 4)]


def test_story_ids_without_room_for_exact_keys_compare_the_shingles_themselves(monkeypatch):
    from corpus_tools.ingest import duplicates

    texts = [P1, P1 + P2, P2 + P3, P3, "\n".join([P1, P2, P3]), P3 + P1, *SHORT_AND_MIXED]
    ids = [f"a{i}" for i in range(len(texts))]
    expected = story_ids(ids, texts)
    monkeypatch.setattr(duplicates, "MAX_KEY_BITS", 8)  # keys too narrow: the pairs fall back to Python sets
    sets, _ = duplicates._shingled(texts)
    assert all(s is None for s in sets)
    assert story_ids(ids, texts) == expected


def test_fingerprints_made_where_pages_are_cleaned_give_the_stories_of_their_texts():
    """The loader fingerprints each cleaned text where it cleans it (in the workers, over the cores) and
    keeps the fingerprint in the cache with the article; grouping from those gives what grouping the
    texts themselves gives."""
    import pickle

    import numpy as np

    from corpus_tools.ingest import duplicates
    from corpus_tools.ingest.assembly import load_article
    from corpus_tools.paths import RAW_DIR

    texts = [P1, P1 + P2, P2 + P3, P3, "\n".join([P1, P2, P3]), P3 + P1, *SHORT_AND_MIXED]
    ids = [f"a{i}" for i in range(len(texts))]
    kept = [pickle.loads(pickle.dumps(duplicates.fingerprint(text))) for text in texts]  # as the cache gives them back
    assert story_ids(ids, texts, kept) == story_ids(ids, texts)
    assert len(set(story_ids(ids, texts))) < len(texts)  # some are copies
    article = load_article(sorted(RAW_DIR.glob("*.txt"))[0])
    made, expected = article["_fingerprint"], duplicates.fingerprint(article["text"])
    assert np.array_equal(made.signature, expected.signature)
    assert made.signature.nbytes == 4 * duplicates.NUM_PERM  # the same size whatever the text's length


# The page's own name where only its furniture or its first paragraph prints it (made-up names;
# 某某 names are unknown to the outlet table, so they are found by their form alone).
@pytest.mark.parametrize("page, outlet", [
    (f"奥特曼被罢免 - 某某时报\n2023-11-20 10:05\n{P1}\n{P2}", "某某时报"),                      # the title's site suffix
    (f"关闭广告\n奥特曼被罢免\n某某财经资讯 1234人阅读\n{P1}\n{P2}", "某某财经资讯"),             # a stamp line with a read count
    (f"正在阅读：\n奥特曼被罢免\n扫一扫下载某某新闻APP\n{P1}\n{P2}", "某某新闻"),                 # the site's app
    (f"奥特曼被罢免\n某某号（公众号：moumou）\n{P1}\n{P2}", "某某号"),                           # an account line
    (f"奥特曼被罢免\n原创首发｜某某计划\n{P1}\n{P2}", "某某计划"),
    (f"奥特曼被罢免\n发布于 2023年11月26日09:30 • 王小明 整理\n{P1}\n{P2}\n本文来自投稿，不代表某某讯立场", "某某讯"),
    (f"奥特曼被罢免\n{P1}\n{P2}", None),
])
def test_the_pages_own_name_in_its_furniture(page, outlet):
    assert who(page)[0] == outlet


def test_counts_and_people_beside_the_stamp_are_not_the_outlet():
    from corpus_tools.ingest.attribution import _stamp_side_name
    from corpus_tools.scripts import fold

    for line, name in (("某某网  3条评论  52次浏览  2023年11月20日 星期一 09:10", "某某网"),
                       ("發布於 2023年11月26日09:30 • 王小明 整理", None)):
        assert _stamp_side_name(line, fold(line)) == name


@pytest.mark.parametrize("page, outlet", [
    (f"奥特曼被罢免\n【某某报讯】{P1}\n{P2}", "某某报"),                                          # a bracketed dateline
    (f"奥特曼被罢免\n【某某台北京时间2023年11月20日讯】{P1}\n{P2}", "某某台"),
    (f"奥特曼被罢免\n[某某今日新闻] {P1}\n{P2}", "某某今日新闻"),                                 # a bracketed lead
    (f"奥特曼被罢免\n[综合] 时间：2024-03-02 09:41 来源：某某头条\n{P1}\n{P2}", "某某头条"),       # a tag is not a name
    (f"奥特曼被罢免\n某某在线网消息（MMX）{P1}\n{P2}", "某某在线网"),
    (f"奥特曼被罢免\n某某南北9月10日报道，{P1}\n{P2}", "某某南北"),
    (f"奥特曼被罢免\n某某科技讯\n{P1}\n{P2}", "某某科技"),
    (f"奥特曼被罢免\n【某某科技资讯】6月3日消息，{P1}\n{P2}", "某某科技资讯"),                   # 资讯 is part of the name
])
def test_datelines_name_the_outlet_when_nothing_else_does(page, outlet):
    assert who(page)[0] == outlet


@pytest.mark.parametrize("page, outlet, original", [
    # a page code, a picture credit and a URL are not sources
    (f"奥特曼被罢免\n发布时间：2024-06-02 08:15 来源： xw20240602\n{P1}\n图片来源：某图库-MMX2024060212345\n{P2}", None, None),
    # a story taken from elsewhere names its source, never the page
    (f"奥特曼被罢免\n文章转载于某某元\n{P1}\n{P2}", None, "某某元"),
    (f"奥特曼被罢免\n2023-12-01\n{P1}\n{P2}\nFrom: The Daily Example", None, "The Daily Example"),
    (f"奥特曼被罢免\n来源： 某某官网，某某界翻译 时间：2023/12/01\n{P1}\n{P2}", "某某界", "某某官网"),
    (f"奥特曼被罢免\n编者按：本文来自微信公众号某某资本（ID：MM），某某邦经授权转载。\n{P1}\n{P2}", "某某邦", "某某资本"),
    # pinyin glosses a converter left are dropped before reading names
    (f"奧特曼被罷免\n2023-11-20 09:12:05發(fā)布  來(lái)源:某某網(wǎng)  作者:Ann\n{P1}\n{P2}", "某某網", None),
])
def test_credited_sources_and_the_pages_own_name(page, outlet, original):
    assert who(page) == (outlet, original)


@pytest.mark.parametrize("page, outlet", [
    (f"奥特曼被罢免\n每经记者 王小明 每经编辑 李小红\n{P1}\n{P2}", "每日经济新闻"),        # a desk credit, a variant
    (f"奧特曼被罷免\n聯合報 2023-11-20 10:05\n{P1}\n{P2}", "聯合新聞網"),
    (f"中央社即時新聞APP\n下載\n奧特曼被罷免 微軟宣布聘請\n2024/5/23 09:05\n（中央社記者某某舊金山22日綜合外電報導）{P1}\n{P2}", "中央社"),
    (f"奥特曼被罢免\n网易号 2023-11-20 10:05\n某某说科技 2023-11-20 10:05\n{P1}\n{P2}", "某某说科技"),  # not the platform
])
def test_outlets_are_reported_by_their_canonical_name(page, outlet):
    assert who(page)[0] == outlet


@pytest.mark.parametrize("page, outlet, original", [
    (f"奥特曼被罢免董事会宣布\n某某网  •  扫码分享\n{P1}\n{P2}", "某某网", None),                  # a site line with a dot
    (f"奥特曼被罢免\n文|《某刊》研究员 王小明\n{P1}\n{P2}", "某刊", None),                        # a staff byline
    (f"奥特曼被罢免\n（某某中文網）{P1}\n{P2}", "某某中文網", None),                              # a bracketed lead
    (f"奥特曼被罢免\n{P1}\n快科技注意到，{P2}", "快科技", None),                              # a known outlet noticing
    (f"奥特曼被罢免\n{P1}\n本文为某某传媒与某某日报合作授权转载。\n{P2}", "某某传媒", "某某日报"),
    (f"奥特曼被罢免\n发表于 2024-02-03 11:20 作者: 某某观察站plus\n{P1}\n{P2}", "某某观察站plus", None),
    (f"奥特曼被罢免\n发表于 2024-02-03 11:20 作者: 王小明\n{P1}\n{P2}", None, None),         # a person is not an outlet
    (f"奥特曼被罢免\n{P1}\n{P2}\n- 博客 - 某某说AI\n- 公众号 - 某某说AI", "某某说AI", None),  # the account, after the body
])
def test_more_places_that_name_the_page(page, outlet, original):
    assert who(page) == (outlet, original)


@pytest.mark.parametrize("page, outlet, original", [
    (f"跳至頁尾\n奥特曼被罢免董事会宣布\n2023-11-20 10:05\n{P1}\n{P2}", None, None),           # a skip link
    (f"Please enable JavaScript to continue.\n奥特曼被罢免董事会宣布\n2023-11-20 10:05\n{P1}\n{P2}", None, None),   # an English notice
    (f"奥特曼被罢免董事会宣布\n- John Example - 2023-11-21\n{P1}\n{P2}", None, None),            # a person's two names
    (f"奥特曼被罢免董事会宣布\nabcde 某某远 2023-11-19\n{P1}\n{P2}", "某某远", None),             # a handle, then the account
    (f"奥特曼被罢免董事会宣布\n2023-11-20 10:05\n封面来源|MM photo\n{P1}\n{P2}", None, None),    # a cover picture credit
    (f"奥特曼被罢免董事会宣布\n2023-11-20 10:05\n{P1}\n{P2}\n来源及说明：", None, None),
])
def test_what_is_not_a_name(page, outlet, original):
    assert who(page) == (outlet, original)


def test_a_latin_source_keeps_its_words():
    page = f"奥特曼被罢免董事会宣布\n某某流 2023-11-20 10:05\n来源 | Example Weekly Podcast\n{P1}\n{P2}"
    assert who(page) == ("某某流", "Example Weekly Podcast")


@pytest.mark.parametrize("page, outlet", [
    # the company that operates the site is not the outlet its menu names
    (f"某某早报 | 即时 | 国际 | 财经 | 登录\n奥特曼被罢免董事会宣布\n{P1}\n{P2}\n某某报业媒体有限公司版权所有", "某某早报"),
    # a reporter after 作者 and a space is a person
    (f"某某時代 BusinessNext | 科技 | 創業\n奧特曼確定回鍋OpenAI董事會宣布\n2023.11.22 | 作者 王小明\n{P1}\n{P2}", "某某時代"),
])
def test_operators_and_reporters_are_not_the_outlet(page, outlet):
    assert who(page)[0] == outlet


def _outlet_of(lines: list[str]) -> tuple[str | None, str | None]:
    return attribute(clean_page("\n".join(lines)).lines)[:2]


BODY_LINES = ["OpenAI董事会周五宣布，首席执行官奥特曼因与董事会沟通不够坦诚而被解除职务，消息震动了整个硅谷。",
              "据知情人士透露，奥特曼被解雇前几分钟才接到通知，微软也只是在公告发布前不久才得知这一决定。"]


def test_the_masthead_on_the_first_line_is_the_outlet_and_the_source_line_the_original():
    assert _outlet_of(["星河科技资讯", "新闻 科技 财经 汽车 房产 教育 旅游 体育", "马斯克再次起诉OpenAI",
                       "2024-12-02来源:蓝鲸周刊编辑:王明", *BODY_LINES]) == ("星河科技资讯", "蓝鲸周刊")


def test_an_english_button_is_not_a_name():
    outlet, _ = _outlet_of(["close", "正在加载", "奥特曼恢复董事会席位", "科技 · 2024-03-10 09:15:00", "币海网报道:",
                            *BODY_LINES])
    assert outlet == "币海网"


def test_a_section_named_by_the_breadcrumb_is_not_the_outlet():
    outlet, _ = _outlet_of(["当前位置: 华文星海 > 生活", "布罗克曼结束休假回到OpenAI", "2024-11-15生活", "编辑:李华",
                            *BODY_LINES])
    assert outlet == "华文星海"


@pytest.mark.parametrize("text", ["奥特曼 回归! OpenAI（Ｏｐｅｎ）2023", "ẞß İstanbul ﬁ Ω ＡＢＣ１２３ 山姆·奧特曼", "", "@[`{ _-",
                                  "微軟CEO納德拉：歡迎 Sam & Greg 😀 加入"])
def test_the_characters_shingles_keep_are_those_the_pattern_keeps(text):
    from corpus_tools.ingest.duplicates import _DROP, _codes
    from corpus_tools.scripts import code_points, fold

    assert _codes(text).tolist() == code_points(_DROP.sub("", fold(text).casefold())).tolist()


def test_a_bucket_of_many_copies_and_two_stories_groups_them_whole():
    first = "奥特曼周一回到OpenAI总部，员工在大堂列队欢迎他归来，董事会随后宣布新的治理安排和调查计划。" * 3
    second = "穆拉蒂周三宣布离开OpenAI，她在写给同事的短信里说想先休息一阵再决定去向，公司随后回应。" * 3
    texts = [first + f"（{i}）" if i % 2 == 0 else second + f"（{i}）" for i in range(60)]
    ids = [f"a{i:02d}" for i in range(60)]
    groups = story_ids(ids, texts)
    assert set(groups[0::2]) == {"a00"} and set(groups[1::2]) == {"a01"}


@pytest.mark.parametrize("lead, outlet", [
    ("蓝湾之家(example.com) 12 月 1 日消息：", "蓝湾之家"),   # the site's address in brackets
    ("晨星快报报道，6月25日消息，", "晨星快报"),                # 报道, between the name and the date
    ("【蓝湾网 2024 年 05 月 24 日讯】", "蓝湾网"),              # a spaced date (read before this round too)
    ("外媒报道，11月17日消息，", None),                          # an unnamed source is no outlet
    ("早些时候报道，11月17日消息，", None),                      # nor is a time
])
def test_dateline_forms_name_the_outlet_when_nothing_else_does(lead, outlet):
    assert who(f"奥特曼被罢免\n{lead}{P1}\n{P2}\n{P3}")[0] == outlet


def test_a_latin_name_before_xiaoxi_is_the_outlet_unless_the_headline_names_it():
    assert who(f"奥特曼被罢免\nBlueBay 消息，{P1}\n{P2}\n{P3}")[0] == "BlueBay"
    assert who(f"SomeCorp董事会罢免奥特曼\nSomeCorp 消息，{P1}\n{P2}\n{P3}")[0] is None  # the story's subject
    assert who(f"SomeCorp董事会罢免奥特曼\nSomeCorp 消息，{P1}\n{P2}\n{P3}\nSomeCorp 版权所有")[0] == "SomeCorp"


def test_a_brand_opening_the_title_names_the_outlet_but_a_column_label_or_the_storys_subject_does_not():
    assert who(f"晨星邦丨奥特曼为何能去而复归\n{P1}\n{P2}\n{P3}")[0] == "晨星邦"
    for label in ("独家", "人物", "对话奥特曼", "奥特曼"):  # a column, an interview, a person the story names
        assert who(f"{label}丨我为何能去而复归\n{P1}\n{P2}\n{P3}")[0] is None
    # a stamp's name outweighs the brand
    assert who(f"晨星邦丨奥特曼为何能去而复归\n某门户网 2023-11-20 10:05\n{P1}\n{P2}\n{P3}")[0] == "某门户网"


def test_a_known_outlet_that_says_it_edited_the_story_is_its_outlet():
    note = "以下是某外刊对奥特曼的完整采访，爱范儿略作编辑："
    assert who(f"奥特曼接受采访\n{P1}\n{P2}\n{P3}\n{P1[:20]}。\n{P2[:20]}。\n{P3[:20]}。\n{note}\n问：你为何回归？")[0] == "爱范儿"
    assert who(f"奥特曼接受采访\n以下内容经第一财经编辑整理：\n{P1}\n{P2}\n{P3}")[0] == "第一财经"  # the lead-in is not the name
    # a wire that edited a statement quoted inside the story is not the page's outlet
    assert who(f"奥特曼接受采访\n{P1}\n声明全文如下，路透社略作编辑，其余从略。\n{P2}\n{P3}")[0] is None


def test_a_known_outlet_alone_on_a_line_above_the_story_names_it():
    assert who(f"奥特曼被罢免\n第一财经\n{P1}\n{P2}\n{P3}")[0] == "第一财经"


def test_a_translators_label_is_not_an_outlet():
    assert who(f"编译 | 某某、某某\n奥特曼被罢免\n{P1}\n{P2}\n{P3}")[0] is None


@pytest.mark.parametrize("footer", [
    "新聞爆料請寄：tips@example.com 晨星新聞網",      # a tip-off line
    "關於晨星新聞網 | 聯絡我們 | 隱私權政策",           # an about link
    "追蹤晨星新聞網 Facebook 粉絲團",                  # a follow link
])
def test_the_sites_own_name_in_its_footer_names_the_outlet(footer):
    assert who(f"奥特曼被罢免\n2023-11-20 10:00\n{P1}\n{P2}\n{P3}\n{footer}")[0] == "晨星新聞網"


def test_a_footers_name_does_not_take_the_place_of_the_stamps():
    page = f"奥特曼被罢免\n某门户网 2023-11-20 10:05\n{P1}\n{P2}\n{P3}\n關於晨星新聞網 | 聯絡我們"
    assert who(page)[0] == "某门户网"


def test_an_english_copyright_keeps_the_word_that_ends_the_outlets_name():
    page = f"奥特曼被罢免\n2023-11-20 10:00\n{P1}\n{P2}\n{P3}\n© 2024 Morningstar News. All rights reserved."
    assert who(page)[0] == "Morningstar News"


def test_a_headline_after_a_short_label_is_not_a_site_suffix():
    assert who(f"奥特曼被罢免 - 晨星新聞網\n2023-11-20 10:00\n{P1}\n{P2}\n{P3}")[0] == "晨星新聞網"
    assert who(f"SomeCorp | 奥特曼重返董事会的幕后故事\n{P1}\n{P2}\n{P3}")[0] != "奥特曼重返董事会的幕后故事"
