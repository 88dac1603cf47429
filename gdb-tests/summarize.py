#!/usr/bin/env python3
"""Summarize gdb testsuite results (dejagnu .sum files) and compare them with
the stock gdbserver baseline of the same board.

    summarize.py [options] KIND=PATH/gdb.sum [KIND=PATH/gdb.sum ...]

KIND is the board kind of that run: "remote" or "extended-remote" (what the
baseline and expected-passes.txt are keyed by).  A KIND may be given as
"remote:jgdbserver" to also show the dejagnu board name.

Prints, per run: result counts, per-directory match with the baseline (how many
of gdbserver's passes we pass too), and the .exp files that pass against
gdbserver but not against us, worst first.  Optionally writes the same as
Markdown (--markdown) and checks the CI gate (--expected): exit status 1 when
a listed pass is not a PASS in the run.

Only the .exp files that were part of the run are compared (--selection gives
the requested files, so that a file the run never reached counts as lost).
Standard library only.
"""

import argparse
import collections
import datetime
import os
import re
import sys

STATUSES = ["PASS", "FAIL", "XFAIL", "XPASS", "KFAIL", "KPASS", "UNRESOLVED",
            "UNTESTED", "UNSUPPORTED", "ERROR", "WARNING", "DUPLICATE"]
# Statuses that are results of a named test (the others are diagnostics).
RESULT_RE = re.compile(r"^(%s): (.*)$" % "|".join(STATUSES))
RUNNING_RE = re.compile(r"^Running (?:.*/)?(gdb\.[^/ ]+/\S+\.exp) \.\.\.$")
EXP_RE = re.compile(r"^(gdb\.[^/ ]+/[^:]+?\.exp)(?::|$)")

# Baseline board for each board kind.
BASELINE_BOARD = {"remote": "native-gdbserver",
                  "extended-remote": "native-extended-gdbserver"}


class Run:
    """One .sum file: results by name, counts, which .exp files ran."""

    def __init__(self, path):
        self.path = path
        self.counts = collections.Counter()
        self.passes = collections.Counter()        # name -> times PASS
        self.results = collections.defaultdict(list)  # name -> [status...]
        self.by_exp = collections.defaultdict(collections.Counter)  # exp -> status counts
        self.exps = []                              # .exp files in run order
        self.complete = False                       # saw dejagnu's final summary
        self.durations = {}                         # exp -> seconds (from runtest.out)
        current = None
        with open(path, errors="replace") as f:
            for line in f:
                line = line.rstrip("\n")
                m = RUNNING_RE.match(line)
                if m:
                    current = m.group(1)
                    if current not in self.by_exp:
                        self.exps.append(current)
                        self.by_exp[current]  # create
                    continue
                if line.startswith("\t\t=== gdb Summary ==="):
                    self.complete = True
                    continue
                m = RESULT_RE.match(line)
                if not m:
                    continue
                status, name = m.group(1), m.group(2)
                self.counts[status] += 1
                em = EXP_RE.match(name)
                exp = em.group(1) if em else current
                if exp is not None:
                    self.by_exp[exp][status] += 1
                if status in ("WARNING", "DUPLICATE", "ERROR"):
                    continue
                self.results[name].append(status)
                if status == "PASS":
                    self.passes[name] += 1
        self._read_timings(os.path.join(os.path.dirname(path), "runtest.out"))

    def _read_timings(self, path):
        """runtest.out lines are "<epoch> <text>" (see --timestamp)."""
        if not os.path.exists(path):
            return
        prev = None
        last = None
        with open(path, errors="replace") as f:
            for line in f:
                ts, _, text = line.partition(" ")
                try:
                    t = float(ts)
                except ValueError:
                    continue
                last = t
                m = RUNNING_RE.match(text.rstrip("\n"))
                if m:
                    if prev:
                        self.durations[prev[0]] = t - prev[1]
                    prev = (m.group(1), t)
        if prev and last is not None:
            self.durations[prev[0]] = last - prev[1]

    def pass_names_in(self, exps):
        return collections.Counter({n: c for n, c in self.passes.items()
                                    if exp_of(n) in exps})


def exp_of(name):
    m = EXP_RE.match(name)
    return m.group(1) if m else None


def dir_of(exp):
    return exp.split("/", 1)[0]


def load_baseline(baseline_dir, kind, exps):
    """Merge the baseline .sum files of KIND's board that cover EXPS' dirs.
    Returns (Run-like pass counter, set of dirs covered)."""
    board = BASELINE_BOARD.get(kind)
    if board is None or not baseline_dir or not os.path.isdir(baseline_dir):
        return None, set()
    passes = collections.Counter()
    base_exps = set()
    covered = set()
    for d in sorted({dir_of(e) for e in exps}):
        p = os.path.join(baseline_dir, "%s.%s.sum" % (d, board))
        if os.path.exists(p):
            r = Run(p)
            passes.update(r.passes)
            base_exps.update(r.by_exp)
            covered.add(d)
    return (passes, base_exps), covered


def parse_sections(path):
    """A file of lines, optionally grouped under [remote] / [extended-remote]
    headers; '#' starts a comment.  Returns {section or None: [lines]}."""
    out = collections.defaultdict(list)
    section = None
    with open(path) as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            m = re.match(r"^\s*\[([\w.-]+)\]\s*$", line)
            if m:
                section = m.group(1)
                continue
            out[section].append(line.strip())
    return out


class Report:
    def __init__(self, kind, board, run, baseline_dir, selection):
        self.kind, self.board, self.run = kind, board, run
        # .exp files considered: those requested (if known) plus those that ran.
        self.exps = list(dict.fromkeys(list(selection or []) + run.exps))
        base, self.covered = load_baseline(baseline_dir, kind, self.exps)
        self.base_passes = None
        self.dirs = []
        self.lost = []
        if base is None:
            return
        passes, base_exps = base
        ours = run.passes
        sel = set(self.exps)
        per_dir = collections.OrderedDict()
        per_exp = collections.defaultdict(lambda: [0, 0])  # exp -> [base passes, matched]
        for name, n in passes.items():
            e = exp_of(name)
            if e not in sel:
                continue
            m = min(n, ours.get(name, 0))
            per_exp[e][0] += n
            per_exp[e][1] += m
        for e in sorted(sel):
            d = dir_of(e)
            if d not in self.covered:
                continue
            st = per_dir.setdefault(d, {"exps": 0, "base": 0, "matched": 0, "extra": 0,
                                        "not_in_baseline": 0})
            st["exps"] += 1
            b, m = per_exp.get(e, (0, 0))
            st["base"] += b
            st["matched"] += m
            if e not in base_exps:
                st["not_in_baseline"] += 1
        # Passes of ours that gdbserver does not have (new names or beyond its count).
        for name, n in ours.items():
            e = exp_of(name)
            if e in sel and dir_of(e) in self.covered:
                extra = n - passes.get(name, 0)
                if extra > 0:
                    per_dir[dir_of(e)]["extra"] += extra
        self.dirs = list(per_dir.items())
        self.base_passes = passes
        lost = []
        for e, (b, m) in per_exp.items():
            if b > m:
                st = run.by_exp.get(e)
                lost.append((b - m, b, e, st))
        lost.sort(key=lambda x: (-x[0], x[2]))
        self.lost = lost

    def title(self):
        base = BASELINE_BOARD.get(self.kind, "-")
        return "%s (board %s; baseline: gdbserver, board %s)" % (self.kind, self.board, base)


def fmt_counts(counter):
    return ", ".join("%s %d" % (s, counter[s]) for s in STATUSES if counter.get(s))


def short_status(st):
    if st is None:
        return "did not run"
    keys = ["PASS", "FAIL", "UNRESOLVED", "ERROR", "KFAIL", "XFAIL", "UNSUPPORTED", "UNTESTED"]
    s = " ".join("%s %d" % (k, st[k]) for k in keys if st.get(k))
    return s or "no results"


def print_text(reports, top):
    for r in reports:
        print()
        print("=== %s ===" % r.title())
        if r.run.durations:
            slow = sorted(r.run.durations.items(), key=lambda kv: -kv[1])[:8]
            print("  time: %.0f s in .exp files; slowest: %s" % (
                sum(r.run.durations.values()),
                ", ".join("%s %.0fs" % (e.split("/", 1)[1], d) for e, d in slow)))
        print("  sum file: %s%s" % (r.run.path, "" if r.run.complete else "  (INCOMPLETE: no final summary)"))
        print("  .exp files: %d run" % len(r.run.exps)
              + (", %d requested" % len(r.exps) if len(r.exps) != len(r.run.exps) else ""))
        print("  results: %s" % (fmt_counts(r.run.counts) or "none"))
        if r.base_passes is None:
            print("  baseline: none for this board kind / directory")
            continue
        tb = tm = 0
        for d, st in r.dirs:
            tb += st["base"]
            tm += st["matched"]
            print("  %-12s matches %6d of gdbserver's %6d passes (%5.1f%%) in %d .exp files; "
                  "%d extra passes%s" % (
                      d, st["matched"], st["base"], pct(st["matched"], st["base"]), st["exps"],
                      st["extra"],
                      ("; %d files not in baseline" % st["not_in_baseline"])
                      if st["not_in_baseline"] else ""))
        uncovered = sorted({dir_of(e) for e in r.exps} - r.covered)
        if uncovered:
            print("  no baseline for: %s" % ", ".join(uncovered))
        if len(r.dirs) > 1:
            print("  %-12s matches %6d of gdbserver's %6d passes (%5.1f%%)" % (
                "total", tm, tb, pct(tm, tb)))
        if r.lost:
            print("  .exp files passing against gdbserver but not against this server "
                  "(lost passes / gdbserver's passes; our results), worst first:")
            for n, b, e, st in r.lost[:top]:
                print("    %5d/%-5d %s  (%s)" % (n, b, e, short_status(st)))
            if len(r.lost) > top:
                print("    ... and %d more .exp files" % (len(r.lost) - top))


def pct(a, b):
    return 100.0 * a / b if b else 100.0


def write_markdown(path, reports, top, header):
    lines = []
    lines.append("# gdb testsuite results")
    lines.append("")
    for k, v in header:
        lines.append("- %s: %s" % (k, v))
    lines.append("")
    for r in reports:
        lines.append("## %s" % r.title())
        lines.append("")
        lines.append("Results: %s%s" % (fmt_counts(r.run.counts) or "none",
                                        "" if r.run.complete else " (run incomplete)"))
        lines.append("")
        if r.base_passes is None:
            lines.append("No gdbserver baseline for this board kind.")
            lines.append("")
            continue
        lines.append("| directory | .exp files | gdbserver passes | matched | % | extra passes |")
        lines.append("|---|---:|---:|---:|---:|---:|")
        tb = tm = te = tx = 0
        for d, st in r.dirs:
            lines.append("| %s | %d | %d | %d | %.1f%% | %d |" % (
                d, st["exps"], st["base"], st["matched"], pct(st["matched"], st["base"]),
                st["extra"]))
            tb += st["base"]
            tm += st["matched"]
            te += st["exps"]
            tx += st["extra"]
        if len(r.dirs) > 1:
            lines.append("| **total** | %d | %d | %d | %.1f%% | %d |" % (te, tb, tm, pct(tm, tb), tx))
        lines.append("")
        if r.lost:
            lines.append("Worst .exp files (passes lost against gdbserver):")
            lines.append("")
            lines.append("| .exp | lost | gdbserver passes | our results |")
            lines.append("|---|---:|---:|---|")
            for n, b, e, st in r.lost[:top]:
                lines.append("| %s | %d | %d | %s |" % (e, n, b, short_status(st)))
            if len(r.lost) > top:
                lines.append("")
                lines.append("... and %d more .exp files." % (len(r.lost) - top))
            lines.append("")
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def check_gate(expected_path, runs):
    """runs: {kind: Run}.  Returns list of (kind, name, why) failures and the count checked."""
    sections = parse_sections(expected_path)
    failures = []
    checked = 0
    for kind, names in sections.items():
        if kind is None:
            failures.append(("?", names[0], "listed outside a [remote]/[extended-remote] section"))
            continue
        run = runs.get(kind)
        passed = {n.strip() for n in run.passes} if run else set()
        # Some tests append a detail to a passing name, "... 15 times (16 times)": the pass
        # is the same test (gdb.threads/pthreads.exp counts thread hits that way).
        passed |= {re.sub(r" \([^()]*\)$", "", n) for n in passed}
        for name in names:
            checked += 1
            if run is None:
                failures.append((kind, name, "board kind not run"))
            elif name not in passed:
                got = run.results.get(name)
                if not got:   # e.g. "FAIL: NAME (timeout)"
                    got = [s for n, st in run.results.items()
                           if n.startswith(name + " (") for s in st]
                failures.append((kind, name, ("got " + "/".join(got)) if got else "missing"))
    return failures, checked


def update_expected(path, specs):
    """Add to PATH the names that PASS in every given run of their kind.
    Existing entries are kept (the list only grows); returns the number added."""
    by_kind = collections.defaultdict(list)
    for spec in specs:
        kb, _, sum_path = spec.partition("=")
        kind = kb.partition(":")[0]
        by_kind[kind].append(Run(sum_path))
    header = []
    sections = collections.OrderedDict()
    sections["remote"] = []
    sections["extended-remote"] = []
    if os.path.exists(path):
        with open(path) as f:
            for raw in f:
                line = raw.rstrip("\n")
                if line.startswith("#") or not line.strip():
                    header.append(line)
                    continue
                break   # the header is the leading comment block
        for kind, names in parse_sections(path).items():
            if kind is not None:
                sections.setdefault(kind, []).extend(names)
    added = 0
    for kind, runs in by_kind.items():
        if not all(r.complete for r in runs):
            print("update-expected: skipping %s: a run is incomplete" % kind, file=sys.stderr)
            continue
        steady = None
        for r in runs:
            names = {n.strip() for n, c in r.passes.items()
                     if c == 1 and not any(s != "PASS" for s in r.results[n])}
            steady = names if steady is None else steady & names
        have = set(sections.setdefault(kind, []))
        new = sorted((steady or set()) - have)
        sections[kind].extend(new)
        added += len(new)
        print("update-expected: [%s] %d names passed in all %d runs; %d new" % (
            kind, len(steady or ()), len(runs), len(new)))
    while header and not header[-1].strip():
        header.pop()
    with open(path, "w") as f:
        f.write("\n".join(header) + "\n")
        for kind, names in sections.items():
            f.write("\n[%s]\n" % kind)
            for n in sorted(set(names)):
                f.write(n + "\n")
    return added


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("runs", nargs="*", metavar="KIND[:BOARD]=SUM")
    ap.add_argument("--baseline", help="directory of the gdbserver baseline .sum files")
    ap.add_argument("--selection", action="append", default=[], metavar="KIND=FILE",
                    help="file listing the .exp files requested for KIND (one per line)")
    ap.add_argument("--markdown", help="also write the summary as Markdown here")
    ap.add_argument("--md-info", action="append", default=[], metavar="KEY=VALUE",
                    help="extra header line for the Markdown (date and commit are added)")
    ap.add_argument("--expected", help="CI gate: expected-passes file; exit 1 if one fails")
    ap.add_argument("--update-expected", metavar="FILE",
                    help="add the names that passed in all the given runs to FILE and exit")
    ap.add_argument("--top", type=int, default=25, help="how many lost .exp files to list")
    ap.add_argument("--timestamp", action="store_true",
                    help="filter: copy stdin to stdout, each line prefixed with the epoch time")
    args = ap.parse_args()
    if args.timestamp:
        import time
        for line in sys.stdin:
            sys.stdout.write("%.1f %s" % (time.time(), line))
            sys.stdout.flush()
        return 0
    if not args.runs:
        ap.error("no .sum file given")

    if args.update_expected:
        n = update_expected(args.update_expected, args.runs)
        print("update-expected: added %d names to %s" % (n, args.update_expected))
        return 0

    selections = {}
    for s in args.selection:
        kind, _, path = s.partition("=")
        with open(path) as f:
            selections[kind] = [l.strip() for l in f if l.strip()]

    reports = []
    runs = {}
    for spec in args.runs:
        kb, _, path = spec.partition("=")
        kind, _, board = kb.partition(":")
        if not os.path.exists(path):
            print("summarize: %s: no such .sum file (the run did not start?)" % path,
                  file=sys.stderr)
            run = Run(os.devnull)
            run.path = path
        else:
            run = Run(path)
        runs[kind] = run
        reports.append(Report(kind, board or kind, run, args.baseline, selections.get(kind)))

    print_text(reports, args.top)

    if args.markdown:
        header = [("date", datetime.datetime.now().strftime("%Y-%m-%d %H:%M"))]
        for kv in args.md_info:
            k, _, v = kv.partition("=")
            header.append((k, v))
        write_markdown(args.markdown, reports, args.top, header)
        print("\nMarkdown summary: %s" % args.markdown)

    status = 0
    if args.expected:
        failures, checked = check_gate(args.expected, runs)
        print()
        if failures:
            print("CI GATE: FAILED: %d of %d expected passes did not pass:" % (len(failures), checked))
            for kind, name, why in failures[:200]:
                print("  [%s] %s  (%s)" % (kind, name, why))
            if len(failures) > 200:
                print("  ... and %d more" % (len(failures) - 200))
            status = 1
        else:
            print("CI GATE: OK: all %d expected passes passed%s" % (
                checked, " (the list is empty)" if checked == 0 else ""))
    return status


if __name__ == "__main__":
    sys.exit(main())
