"""find() on a held-out list of real queries: every kind of thing people type, the right entity first."""

from __future__ import annotations

import subprocess
import sys

import pytest

import cicc_data
from cicc_data.lookup import HOW_RANK

QUERIES = [
    # (query, expected entity first, how it should match at best)
    ("寿小丽", "shou-xiaoli", "exact"),                       # simplified
    ("壽小麗", "shou-xiaoli", "script"),                      # traditional, never stored
    ("李書磊", "li-shulei", "exact"),                         # traditional, stored as a printed variant
    ("莊榮文", "zhuang-rongwen", "script"),
    ("Li Shulei", "li-shulei", "exact"),
    ("lishulei", "li-shulei", "exact"),                       # pinyin without spaces
    ("li-shulei", "li-shulei", "exact"),                      # hyphens
    ("Lǐ Shūlěi", "li-shulei", "exact"),                      # tone marks
    ("li3 shu1 lei3", "li-shulei", "exact"),                  # tone numbers
    ("Shulei Li", "li-shulei", "pinyin"),                     # family name last
    ("kunming huang", "huang-kunming", "pinyin"),
    ("PAN JIANWEI", "pan-jianwei", "exact"),                  # case
    ("Guo, Kaitian.", "guo-kaitian", "exact"),                # punctuation
    ("zhongyang wangxinban", "cac", "pinyin"),                # pinyin of a body's abbreviation
    ("国家网信办", "cac", "exact"),                            # another Chinese name of the same body
    ("Cyberspace Administration of China", "cac", "exact"),
    ("cyberspace administraton of china", "cac", "fuzzy"),    # a typo
    ("Zhuang Rongwne", "zhuang-rongwen", "fuzzy"),            # a typo in pinyin
    ("中国网络社会组织联合会", "cfis", "exact"),
    ("中國網絡社會組織聯合會", "cfis", "script"),
    ("zhongguo xinwen wang", "chinanews-com", "pinyin"),
    ("中央广播电视总台", "china-media-group", "exact"),
    ("Xiamen", "cicc-2023", "exact"),                         # an edition by its city
    ("tianjin", "cicc-2022", "exact"),
    ("niu yibing", "niu-yibing", "exact"),
]


@pytest.mark.parametrize("query,expected,how", QUERIES, ids=[q for q, _, _ in QUERIES])
def test_the_right_entity_comes_first(query: str, expected: str, how: str) -> None:
    matches = cicc_data.find(query)
    assert matches, f"nothing found for {query!r}"
    assert matches[0].entity_id == expected, [(m.entity_id, m.how, m.score) for m in matches[:3]]
    assert HOW_RANK[matches[0].how] <= HOW_RANK[how], matches[0]
    assert 0 < matches[0].score <= 100


def test_exact_before_fuzzy_and_scores_fall() -> None:
    matches = cicc_data.find("xiamen propaganda")
    ranks = [(HOW_RANK[m.how], -m.score) for m in matches]
    assert ranks == sorted(ranks)


def test_nonsense_finds_nothing() -> None:
    assert cicc_data.find("qqqqzzzz xyzzy") == []
    assert cicc_data.find("  ") == []


def test_import_loads_no_search_library() -> None:
    code = "import sys, cicc_data; print(sorted(m for m in ('opencc', 'rapidfuzz', 'pypinyin') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
