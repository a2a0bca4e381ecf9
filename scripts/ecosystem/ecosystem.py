"""deploylint's ecosystem check: pinned public repositories, findings diffed between binaries.

Stdlib only. `run` (next to this file) is the command line; README "Development" explains it.

  run check  --binary BIN [--out DIR]             findings of one binary, scored against expectations
  run diff   --base BIN --head BIN [--out DIR]    findings of both, diffed (Markdown and text)
  run compare BASE_DIR HEAD_DIR                    diff of two earlier `check` outputs

The manifest (manifest.json) pins each repository to a commit and lists the paths deploylint
needs; only those paths are materialised, from a local mirror when one holds the commit, else by
a sparse, shallow `git clone`. Nothing fetched is kept in this repository.
Expectations (expectations.json) are a maintainer's verdicts on the findings and the real risks
deploylint misses; from them `check` reports precision and recall.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
MANIFEST = HERE / "manifest.json"
EXPECTATIONS = HERE / "expectations.json"
SEVERITY_RANK = {"note": 0, "warning": 1, "error": 2}
# The date the expectations were reviewed. deploylint's wording (and, after Railway's config-as-code
# cut-off on 2026-12-01, its resolution) depends on the date: runs are pinned to this one unless
# SOURCE_DATE_EPOCH is set, so results do not drift with the calendar.
REVIEW_EPOCH = "1796601600"  # 2026-12-07T00:00:00Z


def run_date() -> str:
    """The day deploylint is told it is (SOURCE_DATE_EPOCH, else the review date), as YYYY-MM-DD:
    expectations that hold only before or after a date (Railway's cut-off) are scored against it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or REVIEW_EPOCH
    try:
        return time.strftime("%Y-%m-%d", time.gmtime(int(epoch)))
    except (ValueError, OverflowError):
        return time.strftime("%Y-%m-%d", time.gmtime(int(REVIEW_EPOCH)))


def _holds(exp: dict, day: str) -> bool:
    """An expectation with `holdsFrom` / `holdsUntil` (YYYY-MM-DD, until exclusive) is a verdict about
    the deploy on those days only: e.g. a railway.json setting Railway stopped reading on 2026-12-01."""
    return exp.get("holdsFrom", "") <= day and (not exp.get("holdsUntil") or day < exp["holdsUntil"])
COMMIT_RE = re.compile(r"^[0-9a-f]{40}$")
REPO_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*$")


# ---------------------------------------------------------------------------
# Manifest and expectations


def load_manifest(path: Path = MANIFEST) -> list[dict]:
    data = json.loads(path.read_text())
    repos = data["repositories"]
    seen = set()
    for r in repos:
        name, commit = r.get("repo", ""), r.get("commit", "")
        if not REPO_RE.match(name):
            raise ValueError(f"manifest: bad repo name {name!r}")
        if not COMMIT_RE.match(commit):
            raise ValueError(f"manifest: {name}: commit must be 40 hex digits")
        if name in seen:
            raise ValueError(f"manifest: {name} listed twice")
        seen.add(name)
        paths = r.get("paths")
        if not paths or any(p.startswith(("/", "-")) or ".." in p.split("/") for p in paths):
            raise ValueError(f"manifest: {name}: paths must be relative and inside the repository")
        for key in ("platform", "kind", "why"):
            if not r.get(key):
                raise ValueError(f"manifest: {name}: missing {key}")
    return repos


def load_expectations(path: Path = EXPECTATIONS) -> dict:
    if not path.exists():
        return {}
    return json.loads(path.read_text()).get("repositories", {})


def slug(repo: str) -> str:
    return repo.replace("/", "__")


# ---------------------------------------------------------------------------
# Materialising the pinned files


def find_mirror(repo: str, commit: str, mirror_dirs: list[Path]) -> Path | None:
    """A local bare repository holding `commit`: <dir>/<owner>+<name>/repo, <dir>/<owner>+<name>,
    or <dir>/<owner>/<name>.git."""
    owner, name = repo.split("/")
    for base in mirror_dirs:
        for cand in (base / f"{owner}+{name}" / "repo", base / f"{owner}+{name}", base / owner / f"{name}.git"):
            if cand.is_dir() and git_ok(["--git-dir", str(cand), "cat-file", "-e", f"{commit}^{{commit}}"]):
                return cand
    return None


def git_ok(args: list[str]) -> bool:
    return subprocess.run(["git", *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0


def safe_extract(tar_bytes: bytes, dest: Path) -> None:
    """Extracts a `git archive` tar; links pointing outside `dest` and special files are refused."""
    with tarfile.open(fileobj=io.BytesIO(tar_bytes)) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(dest, filter="data")
            return
        for m in tar.getmembers():  # Python < 3.11.4: the same checks by hand
            target = (dest / m.name).resolve()
            if not str(target).startswith(str(dest.resolve())) or not (m.isfile() or m.isdir()):
                continue
            tar.extract(m, dest)


def materialise(entry: dict, cache: Path, mirror_dirs: list[Path], offline: bool = False) -> tuple[Path, str]:
    """Returns (folder holding the pinned paths, how they were obtained)."""
    repo, commit, paths = entry["repo"], entry["commit"], entry["paths"]
    # The folder is named after the repository, as a clone would be: deploylint names services
    # after the folder they are found in.
    base = cache / f"{slug(repo)}@{commit[:12]}"
    dest = base / repo.split("/")[1]
    stamp = base / ".ecosystem-paths"
    want = "\n".join(paths)
    if stamp.exists() and stamp.read_text() == want and dest.is_dir():
        return dest, "cache"
    if base.exists():
        shutil.rmtree(base)
    dest.mkdir(parents=True)
    mirror = find_mirror(repo, commit, mirror_dirs)
    if mirror is not None:
        out = subprocess.run(
            ["git", "--git-dir", str(mirror), "archive", "--format=tar", commit, "--", *paths],
            capture_output=True,
        )
        if out.returncode != 0:
            raise RuntimeError(f"git archive failed: {out.stderr.decode(errors='replace').strip()}")
        safe_extract(out.stdout, dest)
        how = "mirror"
    elif offline:
        raise RuntimeError("no local mirror holds this commit (and --offline was given)")
    else:
        sparse_clone(repo, commit, paths, dest)
        how = "clone"
    stamp.write_text(want)
    return dest, how


def sparse_clone(repo: str, commit: str, paths: list[str], dest: Path) -> None:
    """A shallow, blob-filtered fetch of one commit with a non-cone sparse checkout of `paths`."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "w"
        env = {**os.environ, "GIT_TERMINAL_PROMPT": "0"}

        def git(*args: str) -> None:
            r = subprocess.run(["git", "-C", str(work), *args], capture_output=True, env=env, timeout=300)
            if r.returncode != 0:
                raise RuntimeError(f"git {args[0]} failed: {r.stderr.decode(errors='replace').strip()}")

        work.mkdir()
        git("init", "-q")
        url = os.environ.get("DEPLOYLINT_ECOSYSTEM_GIT_URL", "https://github.com/{repo}.git").format(repo=repo)
        git("remote", "add", "origin", url)
        git("config", "core.symlinks", "false")
        git("sparse-checkout", "set", "--no-cone", *["/" + p for p in paths])
        git("fetch", "-q", "--depth", "1", "--filter=blob:none", "origin", commit)
        git("checkout", "-q", "FETCH_HEAD")
        shutil.rmtree(work / ".git")
        for item in work.iterdir():
            shutil.move(str(item), dest / item.name)


# ---------------------------------------------------------------------------
# Running deploylint


def normalise(report: dict) -> list[dict]:
    out = []
    for f in report.get("findings", []):
        loc = f.get("location") or {}
        out.append({
            "rule": f.get("ruleId", ""),
            "severity": f.get("severity", ""),
            "path": loc.get("path", ""),
            "line": loc.get("line", 0),
            "column": loc.get("column", 0),
            "service": f.get("service"),
            "message": f.get("message", ""),
        })
    out.sort(key=lambda f: (f["path"], f["line"], f["column"], f["rule"], f["service"] or "", f["message"]))
    return out


def run_binary(binary: Path, folder: Path, args: list[str], timeout: int = 120) -> dict:
    """Runs deploylint on `folder` (paths in the report are relative to it)."""
    start = time.monotonic()
    try:
        proc = subprocess.run(
            [str(binary), "--format", "json", "--fail-on", "none", *args, "."],
            cwd=folder, capture_output=True, timeout=timeout,
            env={**os.environ, "NO_COLOR": "1", "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH") or REVIEW_EPOCH},
        )
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout} s", "findings": [], "seconds": timeout}
    seconds = round(time.monotonic() - start, 3)
    try:
        report = json.loads(proc.stdout.decode("utf-8", errors="replace"))
    except json.JSONDecodeError:
        err = proc.stderr.decode(errors="replace").strip().splitlines()[-3:]
        return {"error": f"exit {proc.returncode}, no JSON: {' / '.join(err)}", "findings": [], "seconds": seconds}
    return {
        "exitCode": proc.returncode,
        "version": (report.get("tool") or {}).get("version"),
        "summary": report.get("summary"),
        "services": [{"name": s.get("name"), "platform": s.get("platform"), "plan": s.get("plan")}
                     for s in report.get("services", [])],
        "notifications": report.get("notifications", []),
        "findings": normalise(report),
        "seconds": seconds,
    }


def check(binary: Path, out: Path, repos: list[dict], cache: Path, mirror_dirs: list[Path],
          jobs: int = 2, offline: bool = False, log=print) -> dict[str, dict]:
    """Materialises every repository, runs `binary` on it and writes <out>/<owner>__<name>.json."""
    out.mkdir(parents=True, exist_ok=True)
    binary = binary.resolve()

    def one(entry: dict) -> tuple[str, dict]:
        result: dict = {"repo": entry["repo"], "commit": entry["commit"]}
        try:
            folder, how = materialise(entry, cache, mirror_dirs, offline)
            result["source"] = how
            result.update(run_binary(binary, folder, entry.get("args", [])))
        except Exception as e:  # one broken repository never stops the run
            result.update({"error": str(e), "findings": []})
        (out / f"{slug(entry['repo'])}.json").write_text(json.dumps(result, indent=2, sort_keys=True) + "\n")
        return entry["repo"], result

    results: dict[str, dict] = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for repo, result in pool.map(one, repos):
            results[repo] = result
            status = result.get("error") or f"{len(result['findings'])} findings"
            log(f"  {repo:55} {result.get('source', '-'):6} {status}")
    return results


def load_results(folder: Path) -> dict[str, dict]:
    results = {}
    for p in sorted(folder.glob("*.json")):
        data = json.loads(p.read_text())
        if "repo" in data and "findings" in data:
            results[data["repo"]] = data
    return results


# ---------------------------------------------------------------------------
# Diff


def diff_findings(base: list[dict], head: list[dict]) -> dict[str, list]:
    """Findings are matched by (rule, path, line, service); a matched pair whose severity or message
    differs is `changed`. Identical findings are paired first, so reordering is never a change."""
    def key(f):
        return (f["rule"], f["path"], f["line"], f.get("service"))

    def full(f):
        return (f["severity"], f["message"])

    b_by: dict = {}
    h_by: dict = {}
    for f in base:
        b_by.setdefault(key(f), []).append(f)
    for f in head:
        h_by.setdefault(key(f), []).append(f)
    added, removed, changed = [], [], []
    for k in sorted(set(b_by) | set(h_by), key=lambda k: (k[1], k[2], k[0], k[3] or "")):
        bs, hs = list(b_by.get(k, [])), list(h_by.get(k, []))
        for f in list(bs):  # identical pairs first
            match = next((g for g in hs if full(g) == full(f)), None)
            if match is not None:
                bs.remove(f)
                hs.remove(match)
        while bs and hs:
            changed.append((bs.pop(0), hs.pop(0)))
        removed.extend(bs)
        added.extend(hs)
    return {"added": added, "removed": removed, "changed": changed}


def diff_results(base: dict[str, dict], head: dict[str, dict]) -> dict[str, dict]:
    out = {}
    for repo in sorted(set(base) | set(head)):
        b, h = base.get(repo, {}), head.get(repo, {})
        d = diff_findings(b.get("findings", []), h.get("findings", []))
        d["errors"] = [e for e in (b.get("error"), h.get("error")) if e]
        out[repo] = d
    return out


def per_rule(diff: dict[str, dict]) -> dict[str, dict[str, int]]:
    rules: dict[str, dict[str, int]] = {}
    for d in diff.values():
        for kind in ("added", "removed"):
            for f in d[kind]:
                rules.setdefault(f["rule"], {"added": 0, "removed": 0, "changed": 0})[kind] += 1
        for _, h in d["changed"]:
            rules.setdefault(h["rule"], {"added": 0, "removed": 0, "changed": 0})["changed"] += 1
    return dict(sorted(rules.items()))


def totals(diff: dict[str, dict]) -> tuple[int, int, int]:
    return (sum(len(d["added"]) for d in diff.values()),
            sum(len(d["removed"]) for d in diff.values()),
            sum(len(d["changed"]) for d in diff.values()))


# ---------------------------------------------------------------------------
# Scoring against expectations


def _matches(exp: dict, f: dict) -> bool:
    return (exp["rule"] == f["rule"] and exp["path"] == f["path"] and exp["line"] == f["line"]
            and (exp.get("service") is None or exp.get("service") == f.get("service")))


def score(results: dict[str, dict], expectations: dict, day: str | None = None) -> dict:
    """Precision: findings judged true / findings judged (a true finding above the severity its
    verdict accepts counts as false: an error from an assumption is a false alarm at that severity).
    Recall: real risks found / real risks (judged-true findings and risks recorded as missed).
    Only the expectations that hold on `day` (default: the run's date) count."""
    day = day or run_date()
    tp, fp, unreviewed = [], [], []
    risks_total, risks_caught, lost, missed_now = 0, 0, [], []
    for repo, res in sorted(results.items()):
        exp = expectations.get(repo, {})
        judged = [e for e in exp.get("findings", []) if _holds(e, day)]
        used = set()
        for f in res.get("findings", []):
            idx = next((i for i, e in enumerate(judged) if i not in used and _matches(e, f)), None)
            if idx is None:
                idx = next((i for i, e in enumerate(judged) if _matches(e, f)), None)  # duplicates
            if idx is None:
                unreviewed.append((repo, f))
                continue
            used.add(idx)
            e = judged[idx]
            over = e.get("maxSeverity") and SEVERITY_RANK.get(f["severity"], 0) > SEVERITY_RANK[e["maxSeverity"]]
            if e["verdict"] == "true" and not over:
                tp.append((repo, f, e))
            else:
                fp.append((repo, f, e))
        for i, e in enumerate(judged):
            if e["verdict"] != "true":
                continue
            risks_total += 1
            if i in used:
                risks_caught += 1
            else:
                lost.append((repo, e))
        for m in (m for m in exp.get("missed", []) if _holds(m, day)):
            risks_total += 1
            if any(_matches(m, f) for f in res.get("findings", []) if m.get("rule")):
                risks_caught += 1
            else:
                missed_now.append((repo, m))
    judged_n = len(tp) + len(fp)
    return {
        "true": len(tp), "false": len(fp), "unreviewed": len(unreviewed),
        "precision": (len(tp) / judged_n) if judged_n else None,
        "risks": risks_total, "caught": risks_caught,
        "recall": (risks_caught / risks_total) if risks_total else None,
        "true_findings": tp, "false_findings": fp, "unreviewed_findings": unreviewed,
        "lost_true": lost, "missed": missed_now,
    }


def verdict_of(f: dict, judged: list[dict]) -> str:
    """How a maintainer judged this finding: a tag for diff lines, so a reviewer sees at once
    whether a change removes a false alarm or loses a true finding."""
    day = run_date()
    e = next((e for e in judged if _matches(e, f) and _holds(e, day)), None)
    if e is None:
        return "unreviewed"
    over = e.get("maxSeverity") and SEVERITY_RANK.get(f["severity"], 0) > SEVERITY_RANK[e["maxSeverity"]]
    if e["verdict"] == "true" and not over:
        return "judged true"
    return f"judged false: {cause_of(e)}"


def cause_of(e: dict) -> str:
    """Why a judged finding counts as false: its cause, or for a true finding reported above the
    severity its verdict accepts, the severity cause."""
    if e["verdict"] == "false":
        return e.get("cause", "unspecified")
    return e.get("severityCause", f"above {e.get('maxSeverity')}")


def pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f} %"


def score_line(s: dict) -> str:
    return (f"precision {pct(s['precision'])} ({s['true']} true / {s['true'] + s['false']} judged, "
            f"{s['unreviewed']} unreviewed), recall {pct(s['recall'])} ({s['caught']} of {s['risks']} real risks)")


# ---------------------------------------------------------------------------
# Rendering


def _one_line(text: str, limit: int = 240) -> str:
    """Scanned text reaches a terminal or a PR comment: control characters escaped, length bounded."""
    text = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text.replace("\n", " "))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _md(text: str) -> str:
    """Markdown-inert: no HTML, no links, no table breaks, no @mentions."""
    text = _one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for ch in "\\`*_[]|#@!~":
        text = text.replace(ch, "\\" + ch)
    return text


def _loc(f: dict) -> str:
    return f"{f['path']}:{f['line']}"


def _events(d: dict):
    """(mark, finding, finding before) for each difference of one repository: removed, added, changed."""
    yield from (("-", f, None) for f in d["removed"])
    yield from (("+", f, None) for f in d["added"])
    yield from (("~", h, b) for b, h in d["changed"])


def render_text(diff: dict[str, dict], base_score: dict | None = None, head_score: dict | None = None,
                expectations: dict | None = None) -> str:
    lines = []
    a, r, c = totals(diff)
    for repo, d in diff.items():
        if not (d["added"] or d["removed"] or d["changed"] or d["errors"]):
            continue
        lines.append(f"{repo}: +{len(d['added'])} -{len(d['removed'])} ~{len(d['changed'])}")
        lines += [f"  ! {_one_line(e)}" for e in d["errors"]]
        judged = (expectations or {}).get(repo, {}).get("findings", [])
        for mark, f, before in _events(d):
            if before is None:
                tag = verdict_of(f, judged)
                lines.append(f"  {mark} {_loc(f)} {f['severity']}[{f['rule']}] ({tag}) {_one_line(f['message'])}")
                continue
            lines.append(f"  ~ {_loc(f)} [{f['rule']}] {before['severity']} -> {f['severity']}")
            if before["message"] != f["message"]:
                lines += [f"      was: {_one_line(before['message'])}", f"      now: {_one_line(f['message'])}"]
    rules = per_rule(diff)
    if rules:
        lines.append("")
        lines.append("by rule:")
        for rule, n in rules.items():
            lines.append(f"  {rule:40} +{n['added']} -{n['removed']} ~{n['changed']}")
    if base_score and head_score:
        lines.append("")
        lines.append(f"base: {score_line(base_score)}")
        lines.append(f"head: {score_line(head_score)}")
    changed_repos = sum(1 for d in diff.values() if d["added"] or d["removed"] or d["changed"])
    lines.append(f"ecosystem: {len(diff)} repositories, {changed_repos} changed; "
                 f"{a} added, {r} removed, {c} changed")
    return "\n".join(lines) + "\n"


def render_markdown(diff: dict[str, dict], base_score: dict | None = None, head_score: dict | None = None,
                    limit: int = 60000, expectations: dict | None = None) -> str:
    a, r, c = totals(diff)
    out = ["## deploylint ecosystem check", ""]
    changed_repos = [repo for repo, d in diff.items() if d["added"] or d["removed"] or d["changed"]]
    if not changed_repos:
        out.append(f"No change in findings on {len(diff)} pinned repositories.")
    else:
        out.append(f"{len(changed_repos)} of {len(diff)} pinned repositories change: "
                   f"**{a} added, {r} removed, {c} changed** findings.")
    if base_score and head_score:
        out += ["", "| | precision | recall | judged false | unreviewed |", "|---|---|---|---|---|",
                f"| base | {pct(base_score['precision'])} | {pct(base_score['recall'])} | "
                f"{base_score['false']} | {base_score['unreviewed']} |",
                f"| head | {pct(head_score['precision'])} | {pct(head_score['recall'])} | "
                f"{head_score['false']} | {head_score['unreviewed']} |"]
    rules = per_rule(diff)
    if rules:
        out += ["", "| rule | added | removed | changed |", "|---|---|---|---|"]
        out += [f"| `{rule}` | {n['added']} | {n['removed']} | {n['changed']} |" for rule, n in rules.items()]
    if changed_repos:
        out += ["", "| repository | added | removed | changed |", "|---|---|---|---|"]
        for repo in changed_repos:
            d = diff[repo]
            out.append(f"| {_md(repo)} | {len(d['added'])} | {len(d['removed'])} | {len(d['changed'])} |")
    errors = [(repo, e) for repo, d in diff.items() for e in d["errors"]]
    if errors:
        out += ["", "Errors:"] + [f"- {_md(repo)}: {_md(e)}" for repo, e in errors]
    details = []
    for repo in changed_repos:
        d = diff[repo]
        details += ["", f"<details><summary>{_md(repo)}</summary>", ""]
        judged = (expectations or {}).get(repo, {}).get("findings", [])
        for mark, f, before in _events(d):
            if before is None:
                icon = "➖" if mark == "-" else "➕"
                tag = verdict_of(f, judged)
                details.append(f"- {icon} {_md(_loc(f))} {f['severity']} `{f['rule']}` ({tag}): {_md(f['message'])}")
                continue
            details.append(f"- 🔁 {_md(_loc(f))} `{f['rule']}` {before['severity']} → {f['severity']}")
            if before["message"] != f["message"]:
                details += [f"  - was: {_md(before['message'])}", f"  - now: {_md(f['message'])}"]
        details += ["", "</details>"]
    body = "\n".join(out)
    tail = "\n".join(details)
    if len(body) + len(tail) > limit:  # a PR comment holds 65,536 characters
        tail = "\n\n(details omitted: too long for a comment; see the job's text output)"
    return body + "\n" + tail + f"\n\n{a} added, {r} removed, {c} changed\n"


def per_rule_score(s: dict) -> dict[str, dict[str, int]]:
    """Findings judged true and false, unreviewed, and real risks missed, per rule (a missed risk
    counts under the rule that should report it)."""
    rules: dict[str, dict[str, int]] = {}

    def bump(rule, key):
        rules.setdefault(rule or "(no rule yet)", {"true": 0, "false": 0, "unreviewed": 0, "missed": 0})[key] += 1

    for _, f, _ in s["true_findings"]:
        bump(f["rule"], "true")
    for _, f, _ in s["false_findings"]:
        bump(f["rule"], "false")
    for _, f in s["unreviewed_findings"]:
        bump(f["rule"], "unreviewed")
    for _, m in s["missed"] + [(r, e) for r, e in s["lost_true"]]:
        bump(m.get("rule"), "missed")
    return dict(sorted(rules.items()))


def render_score(results: dict[str, dict], s: dict) -> str:
    lines = [f"{'repository':55} findings  true false unreviewed"]
    for repo, res in sorted(results.items()):
        t = sum(1 for x in s["false_findings"] if x[0] == repo)
        u = sum(1 for x in s["unreviewed_findings"] if x[0] == repo)
        n = len(res.get("findings", []))
        err = f"  ! {_one_line(res['error'])}" if res.get("error") else ""
        lines.append(f"{repo:55} {n:8} {n - t - u:5} {t:5} {u:10}{err}")
    if s["unreviewed_findings"]:
        lines += ["", "unreviewed findings (add a verdict to expectations.json):"]
        for repo, f in s["unreviewed_findings"]:
            lines.append(f"  {repo} {_loc(f)} {f['severity']}[{f['rule']}] {_one_line(f['message'], 160)}")
    rules = per_rule_score(s)
    if rules:
        lines += ["", f"{'rule':40} true false unreviewed missed"]
        lines += [f"{rule:40} {n['true']:4} {n['false']:5} {n['unreviewed']:10} {n['missed']:6}"
                  for rule, n in rules.items()]
    if s["false_findings"]:
        lines += ["", "findings judged false, by cause:"]
        by: dict[str, list] = {}
        for repo, f, e in s["false_findings"]:
            by.setdefault(cause_of(e), []).append((repo, f))
        for cause, items in sorted(by.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            lines.append(f"  {cause} ({len(items)})")
            for repo, f in items:
                lines.append(f"    {repo} {_loc(f)} {f['severity']}[{f['rule']}]")
    if s["lost_true"]:
        lines += ["", "findings judged true that this binary no longer reports:"]
        for repo, e in s["lost_true"]:
            lines.append(f"  {repo} {e['path']}:{e['line']} [{e['rule']}]")
    lines += ["", score_line(s)]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# Command line


def _mirror_dirs(args) -> list[Path]:
    dirs = [Path(d) for d in (args.mirrors or [])]
    env = os.environ.get("DEPLOYLINT_ECOSYSTEM_MIRRORS")
    if env:
        dirs += [Path(d) for d in env.split(os.pathsep) if d]
    return dirs


def _select(repos: list[dict], only: str | None) -> list[dict]:
    if not only:
        return repos
    names = set(only.split(","))
    unknown = names - {r["repo"] for r in repos}
    if unknown:
        raise SystemExit(f"run: not in the manifest: {', '.join(sorted(unknown))}")
    return [r for r in repos if r["repo"] in names]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="scripts/ecosystem/run", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="cmd", required=True)

    def common(sp):
        sp.add_argument("--out", type=Path, default=ROOT / ".build" / "ecosystem" / "out")
        sp.add_argument("--cache", type=Path, default=ROOT / ".build" / "ecosystem" / "src")
        sp.add_argument("--mirrors", action="append", help="folder of local bare mirrors (repeatable; "
                        "also DEPLOYLINT_ECOSYSTEM_MIRRORS)")
        sp.add_argument("--repos", help="comma-separated subset of the manifest")
        sp.add_argument("--jobs", type=int, default=2)
        sp.add_argument("--offline", action="store_true", help="never clone; fail a repository with no mirror")
        sp.add_argument("--manifest", type=Path, default=MANIFEST)
        sp.add_argument("--expectations", type=Path, default=EXPECTATIONS)

    c = sub.add_parser("check", help="run one binary and score it")
    c.add_argument("--binary", type=Path, required=True)
    common(c)
    d = sub.add_parser("diff", help="run two binaries and diff their findings")
    d.add_argument("--base", type=Path, required=True)
    d.add_argument("--head", type=Path, required=True)
    d.add_argument("--markdown", type=Path, help="write the Markdown summary here")
    d.add_argument("--text", type=Path, help="also write the text report here")
    common(d)
    m = sub.add_parser("compare", help="diff two `check` output folders")
    m.add_argument("base_dir", type=Path)
    m.add_argument("head_dir", type=Path)
    m.add_argument("--markdown", type=Path)
    m.add_argument("--expectations", type=Path, default=EXPECTATIONS)
    args = p.parse_args(argv)

    start = time.monotonic()
    if args.cmd == "compare":
        base, head = load_results(args.base_dir), load_results(args.head_dir)
        exp = load_expectations(args.expectations)
        return _report(base, head, exp, args.markdown, None, start)

    repos = _select(load_manifest(args.manifest), args.repos)
    exp = load_expectations(args.expectations)
    mirrors = _mirror_dirs(args)
    if args.cmd == "check":
        print(f"ecosystem: {len(repos)} repositories with {args.binary}")
        results = check(args.binary, args.out, repos, args.cache, mirrors, args.jobs, args.offline)
        s = score(results, {k: v for k, v in exp.items() if k in results})
        sys.stdout.write("\n" + render_score(results, s))
        print(f"ecosystem: {len(results)} repositories, "
              f"{sum(len(r['findings']) for r in results.values())} findings in {time.monotonic() - start:.1f} s")
        return 0
    print(f"ecosystem: base {args.base}")
    base = check(args.base, args.out / "base", repos, args.cache, mirrors, args.jobs, args.offline)
    print(f"ecosystem: head {args.head}")
    head = check(args.head, args.out / "head", repos, args.cache, mirrors, args.jobs, args.offline)
    return _report(base, head, exp, args.markdown, args.text, start)


def _report(base, head, exp, markdown: Path | None, text: Path | None, start: float) -> int:
    diff = diff_results(base, head)
    bs = score(base, {k: v for k, v in exp.items() if k in base})
    hs = score(head, {k: v for k, v in exp.items() if k in head})
    report = render_text(diff, bs, hs, expectations=exp)
    if markdown:
        markdown.write_text(render_markdown(diff, bs, hs, expectations=exp))
    if text:
        text.write_text(report)
    lines = report.rstrip("\n").split("\n")
    sys.stdout.write("\n".join(lines[:-1]) + ("\n" if len(lines) > 1 else ""))
    print(f"{lines[-1]} ({time.monotonic() - start:.1f} s)")
    return 0
