"""《第一批异形词整理表》 (GF 1001-2001) as the lexicon builders read it: data/typos/yixingci-2001.tsv,
one group a row (recommended form, its non-recommended variants), see data/typos/SOURCE.txt.

The table is a national standard for 公文 and publishing: from 2002-03-31 the recommended form is
the one to write. Text dated earlier followed no such rule, so its rows carry that effective date."""
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLE = os.path.join(ROOT, "data", "typos", "yixingci-2001.tsv")
SOURCE = "第一批异形词整理表"
EFFECTIVE = "2002-03-31"
# Senses the table's notes keep for a variant's characters (注释 ⑦: the linguistic terms 联绵字 and
# 联绵词 keep 联). Other notes concern characters (搀扶, 蚊帐, 沈阳), not the listed variants.
NOTE_CONTEXTS = {"联绵": ["联绵字", "联绵词"]}
# Variants a note keeps in another sense that no context can tell apart (注释②: 沈 is the surname
# Shěn, so 沈思 begins names such as 沈思远).
NOTE_SKIPS = {"沈思"}


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
            if form not in NOTE_SKIPS:
                out[form] = recommended
    return out
