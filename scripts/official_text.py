"""Shared cleaning and overlap filtering for the held-out sets of real, edited official Chinese text
(issue 18), used by scripts/extract-official-heldout2 and scripts/extract-official-heldout3.
Stdlib only.

Output format (as gov-cn-zhengce.txt): each document starts with "# <source url> <title>", then one
paragraph a line, whitespace collapsed, no HTML. Lines with fewer than 10 Han characters, number
tables, page furniture (share/print/QR-code lines, related links, photo captions, title and date
lines) are dropped.

Overlap rule: a paragraph is dropped if its Han characters (all other characters removed) share any
run of N = 12 consecutive Han characters with the Han characters of any line of the reference files
the calling script names.
"""
import csv, glob, gzip, io, json, os, re, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "Tests", "GovLensTextTests", "Fixtures", "official-heldout")
N = 12

HAN = re.compile(r"[\u4e00-\u9fff]")
NON_HAN = re.compile(r"[^\u4e00-\u9fff]+")
# Page furniture after which a provincial page has only related links, share buttons and repeats.
TAIL = re.compile(r"^(扫一扫在手机打开当前页|分享到|相关文档|责任编辑|打印本页|关闭窗口)")
FURNITURE = re.compile(
    r"(记者.*摄$|作政府工作报告$|^——|^――|^（\d{4}年\d+月\d+日在.*会议上）$|^\d{4}年\d+月\d+日在.*会议上"
    r"|^来源[:：]|^时间[:：]|^发表时间|^阅读量"
    r"|^[^。，；！？]*会议上）?$"  # the date line of a report, also its broken-off second half
    r"|^[^。，；！？]*(省长|主席|市长)\s*\S{2,4}$"  # the byline
    r"|作政府工作报告。[^。]*记者\s*\S{2,5}$)")  # a photo caption without 摄


def han_count(s):
    return len(HAN.findall(s))


def collapse(s):
    return re.sub(r"[\s\u3000\xa0]+", " ", s).strip()


def prose(line, title):
    """True for a body paragraph worth measuring on."""
    h = han_count(line)
    if h < 10:
        return False
    if FURNITURE.search(line):
        return False
    # number tables: more digits and Latin than Han characters
    if len(re.findall(r"[0-9A-Za-z.%％]", line)) > h:
        return False
    # the title repeated as a heading line (no sentence inside)
    bare = re.sub(r"\s", "", line)
    if "政府工作报告" in bare and not re.search(r"[。，；：！？]", bare) and len(bare) <= 30:
        return False
    if title and bare == re.sub(r"\s", "", title):
        return False
    return True


def wikisource_docs(path, years):
    """The State Council work reports of the given years from a Wikisource JSON-lines file
    (github.com/aldohemsn/chinese-political-corpora's government_work_reports.jsonl or a subset),
    in file order: a list of (url, title, paragraphs)."""
    docs = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if str(d.get("year")) not in years:
                continue
            text = d["content"]
            cut = text.find("本作品是中华人民共和国的")  # Wikisource's licence template
            if cut >= 0:
                text = text[:cut]
            paras = []
            # paragraphs are separated by blank lines; single newlines come from inline wiki links
            for block in re.split(r"\n[ \t\u3000]*\n", text):
                p = collapse("".join(x.strip() for x in block.split("\n")))
                if p and prose(p, d["title"]):
                    paras.append(p)
            docs.append((d["url"], d["title"], paras))
    return docs


def province_docs(src, provinces):
    """The provincial reports src/prov2026-<省>.csv.gz (one CSV row of
    github.com/johncodes404/china-provincial-gov-reports-2026 each), in the given order."""
    csv.field_size_limit(1 << 30)
    docs = []
    for p in provinces:
        with gzip.open(os.path.join(src, f"prov2026-{p}.csv.gz"), "rt", encoding="utf-8-sig") as f:
            rows = list(csv.DictReader(io.StringIO(f.read())))
        row = rows[0]
        paras = []
        for raw in row["full_text"].split("\n"):
            line = collapse(raw)
            if TAIL.match(line):
                break
            if line and prose(line, row["title"]):
                paras.append(line)
        title = row["title"] if p in row["title"] else f"{p} {row['title']}"
        docs.append((row["source_url"], title, paras))
    return docs


def reference_files():
    """Corpus/*.txt.gz, the development set gov-cn-zhengce.txt and every file under data/typos/."""
    files = sorted(glob.glob(os.path.join(ROOT, "Corpus", "*.txt.gz")))
    files.append(os.path.join(FIXTURES, "gov-cn-zhengce.txt"))
    for dirpath, _, names in os.walk(os.path.join(ROOT, "data", "typos")):
        files += [os.path.join(dirpath, n) for n in sorted(names) if n != "SOURCE.txt"]
    return files


def open_text(path):
    if path.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8", errors="replace")
    return open(path, encoding="utf-8", errors="replace")


def shared_grams(docs, files):
    """The Han N-grams of the documents' paragraphs that also occur within a line of any file."""
    grams = set()
    for _, _, paras in docs:
        for p in paras:
            h = NON_HAN.sub("", p)
            grams.update(h[i:i + N] for i in range(len(h) - N + 1))
    seen = set()
    for path in files:
        with open_text(path) as f:
            for line in f:
                h = NON_HAN.sub("", line)
                for i in range(len(h) - N + 1):
                    g = h[i:i + N]
                    if g in grams:
                        seen.add(g)
        print(f"  checked {os.path.relpath(path, ROOT)}: {len(seen)} shared 12-grams so far", file=sys.stderr)
    return seen


def write_set(out_path, docs, seen):
    """Writes the documents without the paragraphs that contain a seen N-gram; returns the counts
    and prints a summary line."""
    kept_docs, dropped, dropped_chars, chars, paras_kept = 0, 0, 0, 0, 0
    per_doc = []
    with open(out_path, "w", encoding="utf-8") as out:
        for url, title, paras in docs:
            keep = []
            doc_dropped = 0
            for p in paras:
                h = NON_HAN.sub("", p)
                if any(h[i:i + N] in seen for i in range(len(h) - N + 1)):
                    dropped += 1
                    doc_dropped += 1
                    dropped_chars += len(h)
                else:
                    keep.append(p)
            doc_chars = sum(han_count(p) for p in keep)
            per_doc.append((title, len(keep), doc_chars, doc_dropped))
            if not keep:
                continue
            kept_docs += 1
            out.write(f"# {url} {title}\n")
            for p in keep:
                out.write(p + "\n")
                chars += han_count(p)
                paras_kept += 1
    print(f"{os.path.basename(out_path)}: {kept_docs} documents, {paras_kept} paragraphs, {chars} Han characters; "
          f"{dropped} paragraphs ({dropped_chars} Han characters) dropped for a shared {N}-character run")
    return dict(documents=kept_docs, paragraphs=paras_kept, han=chars, dropped=dropped,
                dropped_han=dropped_chars, per_doc=per_doc)
