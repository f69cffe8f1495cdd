#!/usr/bin/env python3
"""test/pack/check.py: the board pack in a real browser (Debian's chromium).

    check.py --db DB --as-at DATE --html FILE [--sql-args ARGS] [--expect normal|novalues|empty]

Renders FILE (socialcare.scorecard_html's output) with headless Chromium and
checks, printing TAP:
  - the DOM as Chromium parsed it (--dump-dom): no script element, every KPI
    of scorecard_wide(DATE, ARGS) a row in its order, each month's cell equal
    to scorecard_wide's shown value (a dash for a gap, c when suppressed),
    the RAG word of each row equal to its rag, arrows with better/worse/same
    words, the title as text (a title holding <script> stays text);
  - a screenshot (PNG decoded here with zlib): for each RAG status the pack
    shows, at least a cell's worth of pixels of exactly its colour
    (pack.h: red #B3261E, amber #F2A900, green #1E7B34);
  - the PDF (--print-to-pdf): A4 landscape (841.92 x 594.96 pt, pdfinfo),
    one page per section of the document.
"""
import argparse, os, re, shutil, struct, subprocess, sys, tempfile, zlib
from html.parser import HTMLParser

N = 0
FAILED = 0


def tap(ok, what, detail=None):
    global N, FAILED
    N += 1
    if not ok:
        FAILED += 1
    print(f"{'ok' if ok else 'not ok'} {N} - {what}")
    if not ok and detail:
        for line in str(detail).splitlines()[:15]:
            print(f"# {line}")


def chromium(args, url, sandbox=None):
    """Headless Chromium on url, with a fresh profile removed afterwards;
    --no-sandbox as root (Chromium refuses to run sandboxed as root) and
    where the kernel gives an unprivileged user no namespaces for the
    sandbox (a container or a chroot: "No usable sandbox"); it renders our
    own file, offline."""
    if sandbox is None:
        sandbox = os.geteuid() != 0
    profile = tempfile.mkdtemp(prefix="socialcare-chromium.")
    try:
        cmd = ["chromium", "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               f"--user-data-dir={profile}"] + args + [url]
        if not sandbox:
            cmd.insert(2, "--no-sandbox")
        out = subprocess.run(cmd, capture_output=True, timeout=120)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    if sandbox and b"No usable sandbox" in out.stderr:
        return chromium(args, url, sandbox=False)
    return out


def psql(db, sql):
    out = subprocess.run(["psql", "-X", "-At", "-F", "\x1f", "-v", "ON_ERROR_STOP=1", "-d", db, "-c", sql],
                         capture_output=True, text=True, env=dict(os.environ, PGCLIENTENCODING="UTF8"))
    if out.returncode != 0:
        raise SystemExit(f"psql failed: {out.stderr}")
    return [line.split("\x1f") for line in out.stdout.splitlines()]


class Dom(HTMLParser):
    """The rows of the scorecard table and what the checks need."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows = []          # (kpi, [month cells], rag, [arrow words])
        self.cell = None        # the kind of the td being read
        self.text = ""
        self.scripts = 0
        self.sections = 0
        self.title = ""
        self.in_title = False
        self.notices = []
        self.in_notice = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag == "script":
            self.scripts += 1
        if tag == "title":
            self.in_title = True
        if tag == "section":
            self.sections += 1
        if tag == "div" and "notice" in cls:
            self.in_notice = True
            self.notices.append(a.get("id"))
        if tag == "tr" and "kpi" in cls:
            self.rows.append([a.get("data-kpi"), [], None, []])
        if tag == "td" and self.rows and self.cell is None:
            if "m" in cls:
                self.cell = "month"
            elif "rag" in cls:
                self.cell = "rag"
            elif "arr" in cls:
                self.cell = "arr"
            self.text = ""

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag == "div":
            self.in_notice = False
        if tag == "td" and self.cell:
            row = self.rows[-1]
            t = self.text.strip()
            if self.cell == "month":
                row[1].append(t)
            elif self.cell == "rag":
                row[2] = t
            else:
                row[3].append(t)
            self.cell = None
        if tag == "tr":
            self.cell = None

    def handle_data(self, data):
        if self.cell:
            self.text += data
        if self.in_title:
            self.title += data


def png_pixels(path):
    """(width, height, rows of bytes RGB(A)) of an 8-bit RGB or RGBA PNG."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


COLOURS = {"red": (0xB3, 0x26, 0x1E), "amber": (0xF2, 0xA9, 0x00), "green": (0x1E, 0x7B, 0x34)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--as-at", required=True)
    ap.add_argument("--html", required=True)
    ap.add_argument("--sql-args", default="")
    ap.add_argument("--expect", default="normal", choices=["normal", "novalues", "empty"])
    ap.add_argument("--title")
    ap.add_argument("--suppress-up-to", type=int)
    ap.add_argument("--label", default="the pack")
    ap.add_argument("--dom-only", action="store_true", help="no screenshot, no PDF")
    a = ap.parse_args()
    html = os.path.abspath(a.html)
    url = "file://" + html
    work = tempfile.mkdtemp(prefix="socialcare-pack.")
    try:
        r = chromium(["--dump-dom"], url)
        dom = Dom()
        dom.feed(r.stdout.decode("utf-8"))
        tap(r.returncode == 0 and dom.sections > 0, f"{a.label}: Chromium renders it ({dom.sections} sections)", r.stderr[-500:])
        tap(dom.scripts == 0, f"{a.label}: no script element in the DOM", dom.scripts)
        if a.title is not None:
            tap(dom.title.startswith(a.title), f"{a.label}: the title is text, as given", repr(dom.title))

        wide = psql(a.db, f"""SELECT w.kpi, w.rag, array_to_json(w.shown), w.change_arrow
                             FROM socialcare.scorecard_wide('{a.as_at}'{a.sql_args}) AS w""")
        if a.expect == "empty":
            tap(dom.rows == [] and "empty" in dom.notices, f"{a.label}: no rows, the empty catalogue said", dom.notices)
        else:
            import json
            want = [w[0] for w in wide]
            got = [r[0] for r in dom.rows]
            tap(got == want, f"{a.label}: every KPI a row, in scorecard_wide's order ({len(want)})", f"{got} != {want}")
            supp = {}
            if a.suppress_up_to:
                for k, m, n in psql(a.db, f"""SELECT s.kpi, s.month_label, s.numerator BETWEEN 1 AND {a.suppress_up_to}
                                              FROM socialcare.scorecard('{a.as_at}'{a.sql_args}) s"""):
                    supp[(k, m)] = n == "t"
            labels = psql(a.db, f"SELECT array_to_json(w.month_labels) FROM socialcare.scorecard_wide('{a.as_at}'{a.sql_args}) w LIMIT 1")
            labels = json.loads(labels[0][0]) if labels else []
            bad = []
            for w, row in zip(wide, dom.rows):
                shown = json.loads(w[2])
                expect = ["c" if supp.get((w[0], lab)) else ("\u2013" if v is None else v) for v, lab in zip(shown, labels)]
                if row[1] != expect:
                    bad.append(f"{w[0]}: {row[1]} != {expect}")
            tap(not bad, f"{a.label}: every month's cell equal to scorecard_wide's value as shown", "\n".join(bad))
            bad = []
            for w, row in zip(wide, dom.rows):
                latest_supp = supp.get((w[0], labels[-1])) if labels else False
                expect = "\u2013" if (w[1] == "" or latest_supp) else w[1].capitalize()
                if row[2] != expect:
                    bad.append(f"{w[0]}: {row[2]!r} != {expect!r}")
            tap(not bad, f"{a.label}: every row's RAG word equal to scorecard_wide's rag", "\n".join(bad))
            words = {re.sub(r"^\W+", "", t) for r in dom.rows for t in r[3]}
            tap(all(len(r[3]) == 5 for r in dom.rows) and words <= {"better", "worse", "same", "in line", "N/A"},
                f"{a.label}: five arrows a row, each with its word ({sorted(words)})", [r[3] for r in dom.rows][:3])
            if a.expect == "novalues":
                tap("novalues" in dom.notices, f"{a.label}: the page says there are no values", dom.notices)

        if a.dom_only:
            print(f"1..{N}")
            return 1 if FAILED else 0
        # the screenshot: each RAG status shown, in its colour
        png = os.path.join(work, "shot.png")
        r = chromium(["--hide-scrollbars", "--window-size=1200,800", f"--screenshot={png}"], url)
        if r.returncode != 0 or not os.path.exists(png):
            tap(False, f"{a.label}: Chromium takes a screenshot", r.stderr[-500:])
        else:
            width, height, bpp, rows = png_pixels(png)
            counts = {k: 0 for k in COLOURS}
            lookup = {v: k for k, v in COLOURS.items()}
            for line in rows:
                for x in range(0, width * bpp, bpp):
                    k = lookup.get((line[x], line[x + 1], line[x + 2]))
                    if k:
                        counts[k] += 1
            shown = set() if a.expect == "empty" else {w[1] for w in wide if w[1]}
            if a.suppress_up_to:
                shown = set()   # a suppressed latest month hides its RAG: checked by the DOM test
            ok = all(counts[k] >= 150 for k in shown)
            tap(ok, f"{a.label}: screenshot {width}x{height}: pixels of each RAG colour shown "
                    f"({', '.join(f'{k} {counts[k]}' for k in COLOURS)}; expected {sorted(shown) or 'none'})")

        # the PDF
        pdf = os.path.join(work, "pack.pdf")
        r = chromium(["--no-pdf-header-footer", f"--print-to-pdf={pdf}"], url)
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout if os.path.exists(pdf) else ""
        pages = re.search(r"^Pages:\s+(\d+)", info, re.M)
        size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
        tap(bool(size) and abs(float(size.group(1)) - 841.92) < 1 and abs(float(size.group(2)) - 594.96) < 1,
            f"{a.label}: the PDF is A4 landscape ({size.group(0) if size else 'no size'})", info)
        tap(bool(pages) and int(pages.group(1)) == dom.sections,
            f"{a.label}: one PDF page per section ({pages.group(1) if pages else '?'} pages, {dom.sections} sections)", info)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"1..{N}")
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
