"""The confusion sets the checker ships (Sources/GovLensSpell/Data/same_pinyin.txt and
same_stroke.txt) as a map character -> characters written for it, for the build scripts."""
import collections, os

SPELL = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Sources", "GovLensSpell", "Data")


def confusable():
    """Same sound (either tone column of same_pinyin.txt) or similar shape (a same_stroke.txt group)."""
    sets = collections.defaultdict(set)
    for name, by_sound in (("same_pinyin.txt", True), ("same_stroke.txt", False)):
        with open(os.path.join(SPELL, name), encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n").rstrip("\r")
                if not line or line.startswith("#"):
                    continue
                cells = line.split("\t")
                if by_sound:  # char<TAB>same tone<TAB>other tone
                    sets[cells[0]].update(c for c in "".join(cells[1:]) if c != cells[0])
                else:  # a group of similar shapes
                    group = "".join(cells)
                    for ch in group:
                        sets[ch].update(c for c in group if c != ch)
    return sets
