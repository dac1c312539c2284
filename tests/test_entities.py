import pytest

import corpus_tools as ct
from corpus_tools.scripts import fold

REQUIRED = {"altman", "brockman", "murati", "sutskever", "nadella", "shear", "toner", "leike", "mcgrew",
            "zoph", "friar", "musk", "openai", "microsoft", "board",
            # the board of the return, the board before it, a co-founder who left in 2024, the voice of Sky:
            # people the real set's coders coded stance toward
            "taylor", "summers", "dangelo", "mccauley", "schulman", "johansson"}


def test_the_table_holds_every_required_entity_in_every_script():
    table = ct.entity_table()
    assert REQUIRED <= set(table.entity_id)
    people = table[table.kind == "person"]
    for entity, rows in people.groupby("entity_id"):
        scripts = set(rows.script)
        assert "latin" in scripts, entity
        assert scripts & {"simplified", "both"}, entity
        assert scripts & {"traditional", "both"}, entity
    altman = set(table.loc[table.entity_id == "altman", "alias"])
    assert {"奥特曼", "阿尔特曼", "阿爾特曼", "阿特曼", "奥尔特曼", "山姆·奥特曼", "萨姆·奥特曼", "Sam Altman"} <= altman


def test_every_alias_is_found_as_itself():
    for row in ct.entity_table().itertuples():
        text = f"据报道,{row.alias}表示。"
        found = ct.find_mentions(text, row.entity_id)
        assert [m.surface for m in found] == [row.alias], (row.entity_id, row.alias)


@pytest.mark.parametrize("text, surfaces", [
    ("山姆・奥特曼(SamAltman)被解雇", ["山姆・奥特曼", "SamAltman"]),
    ("萨姆 · 奥特曼与 Sam  Altman", ["萨姆 · 奥特曼", "Sam  Altman"]),
    ("ＳＡＭ ＡＬＴＭＡＮ回歸", ["ＳＡＭ ＡＬＴＭＡＮ"]),
    ("薩姆·奧特曼與阿爾特曼、阿特曼和奥尔特曼", ["薩姆·奧特曼", "阿爾特曼", "阿特曼", "奥尔特曼"]),
    ("支持 Sam 的员工;Altman's plan", ["Sam", "Altman"]),
    ("签名见:https://www.axios.com/2023/11/20/openai-staff-letter-sam-altman 与 www.x.com/sama", []),
    ("山姆大叔、Samsung、Sam Bankman-Fried、山姆会员店和安妮·奥特曼", []),
])
def test_altman_under_any_spelling_with_offsets(text, surfaces):
    found = ct.find_mentions(text, "altman")
    assert [m.surface for m in found] == surfaces
    assert all(text[m.start:m.end] == m.surface for m in found)


def test_other_people_and_resolution():
    assert [m.surface for m in ct.find_mentions("伊利亞·蘇茨克維和苏斯克维尔", "sutskever")] == ["伊利亞·蘇茨克維", "苏斯克维尔"]
    assert [m.surface for m in ct.find_mentions("Mira、米拉·穆拉蒂与卡米拉", "Murati")] == ["Mira", "米拉·穆拉蒂"]
    assert ct.resolve_entity("奧特曼") == "altman" and ct.resolve_entity("Brockman") == "brockman"
    with pytest.raises(KeyError, match="unknown entity"):
        ct.find_mentions("text", "nobody")


def test_fold_keeps_length():
    text = "山姆・奧特曼（ＳａｍＡｌｔｍａｎ）\u3000說"
    assert len(fold(text)) == len(text)


def test_altman_is_mentioned_in_every_article(corpus):
    counts = ct.mention_counts(corpus.text, ["altman"])
    assert (counts.altman > 5).all()


def test_short_names_of_the_added_people_leave_their_namesakes_alone():
    """泰勒 and 约翰逊 alone are Bret Taylor and Scarlett Johansson in this story, not Taylor Swift,
    Elizabeth Taylor or Boris Johnson."""
    assert [m.surface for m in ct.find_mentions("新董事会由泰勒担任主席", "taylor")] == ["泰勒"]
    assert ct.find_mentions("泰勒·斯威夫特的巡演", "taylor") == []
    assert ct.find_mentions("伊丽莎白·泰勒的电影", "taylor") == []
    assert [m.surface for m in ct.find_mentions("他否认模仿约翰逊的声音", "johansson")] == ["约翰逊"]
    assert ct.find_mentions("鲍里斯·约翰逊辞去首相职务", "johansson") == []
    # a dot before or after a short name makes it another person's (the full names are matched first)
    for text, entity in [("记者泰勒·洛伦兹写道", "taylor"), ("歌手詹姆斯·泰勒", "taylor"), ("演员德韦恩·约翰逊", "johansson"),
                         ("英国首相约翰逊", "johansson"), ("童星麦考利·卡尔金", "mccauley"), ("two summers ago", "summers")]:
        assert ct.find_mentions(text, entity) == [], text
    assert [m.surface for m in ct.find_mentions("董事会成员塔莎·麦考利", "mccauley")] == ["塔莎·麦考利"]
    assert [m.surface for m in ct.find_mentions("董事会成员德安傑洛与萨默斯", "dangelo")] == ["德安傑洛"]
