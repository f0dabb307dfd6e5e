"""《第一批异形词整理表》 (GF 1001-2001) as the lexicon builders read it: data/typos/yixingci-2001.tsv,
one group a row (recommended form, its non-recommended variants), see data/typos/SOURCE.txt.

The table is a national standard for 公文 and publishing: from 2002-03-31 the recommended form is
the one to write. Text dated earlier followed no such rule, so its rows carry that effective date."""
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLE = os.path.join(ROOT, "data", "typos", "yixingci-2001.tsv")
SOURCE = "第一批异形词整理表"
EFFECTIVE = "2002-03-31"
# Correct runs that contain a variant, for the allow column. The senses the table's notes keep
# (注释⑦: the linguistic terms 联绵字 and 联绵词 keep 联; the other notes concern characters such as
# 搀扶, 蚊帐, 沈阳, not listed variants), and seams across words that the runtime word-boundary rule
# misses because one side is a single character or a name (富含胡萝卜素, 业务骨干与青年人才). Only
# forms the lexicons keep need one: the news already vetoes 希有 (希有关部门) and 傅会 (师傅会).
CONTEXTS = {
    "联绵": ["联绵字", "联绵词"],
    "含胡": ["含胡萝卜", "含胡椒"],
    "澹泊": ["澹泊敬诚"],
    "这末": ["这末班", "这末尾"],
    "那末": ["那末班", "那末尾"],
    "入坐": ["入坐标"],
    "干与": ["骨干与", "主干与", "树干与", "躯干与"],
}
# Variants that are also common personal, company or place names, or that a note keeps in another
# sense no context can tell apart (注释②: 沈 is the surname Shěn, as in 沈思远): 余辉 and 贤慧 are
# given names in appointment lists, 鸿图 and 鸿福 name companies and roads, 胡蝶 an actress.
SKIPS = {"沈思", "余辉", "贤慧", "鸿图", "鸿福", "胡蝶"}


def variants():
    """Non-recommended form -> recommended form, for the main table (正表). The appendix (附录) lists
    groups whose variants hold non-standard characters (彷彿, 牴触): traditional-script text, which
    the checks must leave alone."""
    out = {}
    with open(TABLE, encoding="utf-8") as f:
        rows = f.read().splitlines()[1:]
    for row in rows:
        recommended, forms, _, section, _ = row.split("\t")
        if section != "正表":
            continue
        for form in forms.split("、"):
            assert form not in out, form
            if form not in SKIPS:
                out[form] = recommended
    return out
