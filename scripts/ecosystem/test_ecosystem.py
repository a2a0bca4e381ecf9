"""Unit tests of the ecosystem check: diff, scoring, rendering, manifest and materialisation.

Run: python3 -m unittest discover -s scripts/ecosystem -p 'test_*.py'   (also run by ./scripts/test.sh)
"""

import io
import json
import subprocess
import sys
import tarfile
import tempfile
import unittest
import unittest.mock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ecosystem as eco  # noqa: E402


def f(rule="node-heap-exceeds-memory", path="render.yaml", line=3, sev="warning", msg="m", service="web"):
    return {"rule": rule, "severity": sev, "path": path, "line": line, "column": 1, "service": service, "message": msg}


class DiffTests(unittest.TestCase):
    def test_added_removed_changed(self):
        base = [f(line=1), f(line=2, sev="error", msg="old"), f(line=3)]
        head = [f(line=2, sev="warning", msg="new"), f(line=3), f(line=9, rule="redis-without-maxmemory")]
        d = eco.diff_findings(base, head)
        self.assertEqual([x["line"] for x in d["removed"]], [1])
        self.assertEqual([(x["line"], x["rule"]) for x in d["added"]], [(9, "redis-without-maxmemory")])
        self.assertEqual(len(d["changed"]), 1)
        b, h = d["changed"][0]
        self.assertEqual((b["severity"], h["severity"], b["message"], h["message"]), ("error", "warning", "old", "new"))

    def test_identical_findings_pair_first_whatever_the_order(self):
        base = [f(msg="a"), f(msg="b")]
        head = [f(msg="b"), f(msg="a")]
        self.assertEqual(eco.diff_findings(base, head), {"added": [], "removed": [], "changed": []})

    def test_same_key_extra_finding_is_added_not_changed(self):
        d = eco.diff_findings([f(msg="a")], [f(msg="a"), f(msg="a")])
        self.assertEqual((len(d["added"]), len(d["removed"]), len(d["changed"])), (1, 0, 0))

    def test_service_is_part_of_the_key(self):
        d = eco.diff_findings([f(service="web")], [f(service="worker")])
        self.assertEqual((len(d["added"]), len(d["removed"]), len(d["changed"])), (1, 1, 0))

    def test_per_rule_and_totals(self):
        diff = eco.diff_results({"a/b": {"findings": [f(line=1)]}},
                                {"a/b": {"findings": [f(line=2)]}, "c/d": {"findings": [f(rule="x")]}})
        self.assertEqual(eco.totals(diff), (2, 1, 0))
        self.assertEqual(eco.per_rule(diff)["node-heap-exceeds-memory"], {"added": 1, "removed": 1, "changed": 0})
        self.assertEqual(eco.per_rule(diff)["x"]["added"], 1)


class ScoreTests(unittest.TestCase):
    exp = {"a/b": {
        "findings": [
            {"rule": "r1", "path": "p", "line": 1, "verdict": "true", "reason": "."},
            {"rule": "r2", "path": "p", "line": 2, "verdict": "false", "cause": "c", "reason": "."},
            {"rule": "r3", "path": "p", "line": 3, "verdict": "true", "maxSeverity": "warning", "reason": "."},
            {"rule": "r4", "path": "p", "line": 4, "verdict": "true", "reason": "."},
        ],
        "missed": [{"rule": "r5", "path": "q", "line": 7, "risk": "."}, {"rule": None, "path": "q", "risk": "."}],
    }}

    def test_precision_and_recall(self):
        res = {"a/b": {"findings": [f("r1", "p", 1), f("r2", "p", 2), f("r3", "p", 3, sev="error"), f("zz", "p", 9)]}}
        s = eco.score(res, self.exp)
        # r1 true; r2 false; r3 true but above its accepted severity: false at that severity; zz unreviewed.
        self.assertEqual((s["true"], s["false"], s["unreviewed"]), (1, 2, 1))
        self.assertAlmostEqual(s["precision"], 1 / 3)
        # Real risks: r1, r3, r4 (judged true) + two missed. Caught: r1 and r3 (over-severe still caught).
        self.assertEqual((s["risks"], s["caught"]), (5, 2))
        self.assertEqual([e["rule"] for _, e in s["lost_true"]], ["r4"])
        rules = eco.per_rule_score(s)
        self.assertEqual(rules["r1"], {"true": 1, "false": 0, "unreviewed": 0, "missed": 0})
        self.assertEqual(rules["r3"]["false"], 1)
        self.assertEqual(rules["r4"]["missed"], 1)  # a true finding no longer reported
        self.assertEqual(rules["r5"]["missed"], 1)
        self.assertEqual(rules["(no rule yet)"]["missed"], 1)

    def test_a_missed_risk_found_by_a_new_rule_counts_as_caught(self):
        res = {"a/b": {"findings": [f("r5", "q", 7)]}}
        s = eco.score(res, self.exp)
        self.assertEqual(s["caught"], 1)
        self.assertEqual(s["unreviewed"], 1)  # still needs a verdict

    def test_expectations_hold_only_on_their_days(self):
        # A verdict about a railway.json setting Railway stopped reading on 2026-12-01 counts before
        # that day only; the finding that replaces it counts from that day on.
        exp = {"a/b": {"findings": [
            {"rule": "r1", "path": "railway.json", "line": 7, "verdict": "true", "reason": ".",
             "holdsUntil": "2026-12-01"},
            {"rule": "r1", "path": "Dockerfile", "line": 31, "verdict": "true", "reason": ".",
             "holdsFrom": "2026-12-01"},
        ]}}
        res = {"a/b": {"findings": [f("r1", "railway.json", 7)]}}
        before = eco.score(res, exp, day="2026-11-28")
        self.assertEqual((before["true"], before["risks"], before["caught"]), (1, 1, 1))
        after = eco.score(res, exp, day="2026-12-07")
        self.assertEqual((after["true"], after["unreviewed"], after["risks"], after["caught"]), (0, 1, 1, 0))
        self.assertEqual([e["path"] for _, e in after["lost_true"]], ["Dockerfile"])
        with unittest.mock.patch.dict("os.environ", {"SOURCE_DATE_EPOCH": "1796601600"}):  # 2026-12-07
            self.assertEqual(eco.run_date(), "2026-12-07")
            self.assertEqual(eco.verdict_of(f("r1", "railway.json", 7), exp["a/b"]["findings"]), "unreviewed")
            self.assertEqual(eco.verdict_of(f("r1", "Dockerfile", 31), exp["a/b"]["findings"]), "judged true")

    def test_no_judged_finding_gives_no_precision(self):
        s = eco.score({"x/y": {"findings": []}}, {})
        self.assertIsNone(s["precision"])
        self.assertEqual(eco.pct(s["precision"]), "n/a")


class RenderTests(unittest.TestCase):
    def test_text_ends_with_the_counts(self):
        diff = eco.diff_results({"a/b": {"findings": [f(line=1)]}}, {"a/b": {"findings": [f(line=2)]}})
        text = eco.render_text(diff)
        self.assertTrue(text.rstrip("\n").splitlines()[-1].startswith("ecosystem: 1 repositories, 1 changed; 1 added, 1 removed, 0 changed"))
        self.assertIn("  + render.yaml:2 warning[node-heap-exceeds-memory] (unreviewed) m", text)
        self.assertIn("  - render.yaml:1", text)

    def test_text_shows_severity_and_message_changes(self):
        diff = eco.diff_results({"a/b": {"findings": [f(sev="error", msg="old")]}},
                                {"a/b": {"findings": [f(sev="warning", msg="new")]}})
        text = eco.render_text(diff)
        self.assertIn("  ~ render.yaml:3 [node-heap-exceeds-memory] error -> warning", text)
        self.assertIn("      was: old", text)
        self.assertIn("      now: new", text)
        self.assertIn("node-heap-exceeds-memory                 +0 -0 ~1", text)

    def test_compare_command_exits_0_with_the_counts_last(self):
        tmp = Path(tempfile.mkdtemp())
        for name, findings in (("base", [f(line=1)]), ("head", [f(line=1), f(line=5)])):
            (tmp / name).mkdir()
            (tmp / name / "a__b.json").write_text(json.dumps({"repo": "a/b", "findings": findings}))
        out = io.StringIO()
        md = tmp / "summary.md"
        with unittest.mock.patch("sys.stdout", out):
            status = eco.main(["compare", str(tmp / "base"), str(tmp / "head"), "--markdown", str(md),
                               "--expectations", str(tmp / "none.json")])
        self.assertEqual(status, 0)
        last = out.getvalue().rstrip("\n").splitlines()[-1]
        self.assertTrue(last.startswith("ecosystem: 1 repositories, 1 changed; 1 added, 0 removed, 0 changed"), last)
        self.assertIn("**1 added, 0 removed, 0 changed** findings", md.read_text())

    def test_diff_lines_carry_the_verdict(self):
        exp = {"a/b": {"findings": [
            {"rule": "node-heap-exceeds-memory", "path": "render.yaml", "line": 1, "verdict": "false", "cause": "c1"},
            {"rule": "node-heap-exceeds-memory", "path": "render.yaml", "line": 2, "verdict": "true"}]}}
        diff = eco.diff_results({"a/b": {"findings": [f(line=1), f(line=2)]}}, {"a/b": {"findings": []}})
        text = eco.render_text(diff, expectations=exp)
        self.assertIn("  - render.yaml:1 warning[node-heap-exceeds-memory] (judged false: c1) m", text)
        self.assertIn("  - render.yaml:2 warning[node-heap-exceeds-memory] (judged true) m", text)
        self.assertIn("(judged true)", eco.render_markdown(diff, expectations=exp))

    def test_markdown_escapes_scanned_text(self):
        hostile = "<img src=x onerror=alert(1)> [link](http://e) @team | \x1b[31m"
        diff = eco.diff_results({}, {"a/b": {"findings": [f(msg=hostile)]}})
        md = eco.render_markdown(diff)
        self.assertNotIn("<img", md)
        self.assertNotIn("[link]", md)
        self.assertNotIn(" @team", md)
        self.assertNotIn("\x1b", md)
        self.assertTrue(md.rstrip().endswith("1 added, 0 removed, 0 changed"))

    def test_markdown_drops_details_past_the_comment_limit(self):
        many = [f(line=i, msg="x" * 200) for i in range(500)]
        md = eco.render_markdown(eco.diff_results({}, {"a/b": {"findings": many}}), limit=5000)
        self.assertLess(len(md), 6000)
        self.assertIn("details omitted", md)

    def test_no_change(self):
        diff = eco.diff_results({"a/b": {"findings": [f()]}}, {"a/b": {"findings": [f()]}})
        self.assertIn("No change in findings on 1 pinned repositories.", eco.render_markdown(diff))


class ManifestTests(unittest.TestCase):
    def write(self, repos):
        tmp = Path(tempfile.mkdtemp()) / "m.json"
        tmp.write_text(json.dumps({"repositories": repos}))
        return tmp

    def entry(self, **kw):
        e = {"repo": "a/b", "commit": "0" * 40, "paths": ["."], "platform": "render", "kind": "k", "why": "w"}
        e.update(kw)
        return e

    def test_rejects_paths_outside_the_repository(self):
        for bad in (["../x"], ["/etc"], ["-x"], []):
            with self.assertRaises(ValueError):
                eco.load_manifest(self.write([self.entry(paths=bad)]))

    def test_rejects_short_commit_and_duplicates(self):
        with self.assertRaises(ValueError):
            eco.load_manifest(self.write([self.entry(commit="abc")]))
        with self.assertRaises(ValueError):
            eco.load_manifest(self.write([self.entry(), self.entry()]))

    def test_the_shipped_manifest_is_valid_and_every_repository_has_expectations(self):
        repos = eco.load_manifest()
        self.assertGreaterEqual(len(repos), 30)
        exp = eco.load_expectations()
        causes = json.loads(eco.EXPECTATIONS.read_text())["causes"]
        self.assertEqual(sorted(exp), sorted(r["repo"] for r in repos))
        for repo, e in exp.items():
            for item in e.get("findings", []):
                self.assertIn(item["verdict"], ("true", "false"), repo)
                self.assertTrue(item.get("reason"), f"{repo}: every verdict needs a reason")
                if item["verdict"] == "false":
                    self.assertIn(item.get("cause"), causes, f"{repo}: a false finding names a known cause")
                if item.get("maxSeverity"):
                    self.assertIn(item.get("severityCause"), causes, repo)
            for item in e.get("missed", []):
                self.assertTrue(item.get("risk") and item.get("source"), repo)


class MaterialiseTests(unittest.TestCase):
    def test_from_a_local_mirror_only_the_listed_paths(self):
        tmp = Path(tempfile.mkdtemp())
        src = tmp / "src"
        src.mkdir()
        (src / "render.yaml").write_text("services: []\n")
        (src / "big").mkdir()
        (src / "big" / "data.bin").write_text("x")
        git = ["git", "-C", str(src), "-c", "user.name=t", "-c", "user.email=t@t"]
        subprocess.run(["git", "init", "-q", str(src)], check=True)
        subprocess.run(git + ["add", "."], check=True)
        subprocess.run(git + ["commit", "-qm", "c"], check=True)
        commit = subprocess.check_output(git + ["rev-parse", "HEAD"], text=True).strip()
        mirrors = tmp / "mirrors"
        subprocess.run(["git", "clone", "-q", "--bare", str(src), str(mirrors / "o+r" / "repo")], check=True)
        entry = {"repo": "o/r", "commit": commit, "paths": ["render.yaml"]}
        dest, how = eco.materialise(entry, tmp / "cache", [mirrors], offline=True)
        self.assertEqual(how, "mirror")
        self.assertTrue((dest / "render.yaml").exists())
        self.assertFalse((dest / "big").exists())
        self.assertEqual(eco.materialise(entry, tmp / "cache", [mirrors], offline=True)[1], "cache")
        with self.assertRaises(RuntimeError):
            eco.materialise({**entry, "repo": "o/missing"}, tmp / "cache", [mirrors], offline=True)

    def test_without_a_mirror_a_sparse_shallow_clone_of_the_commit(self):
        tmp = Path(tempfile.mkdtemp())
        src = tmp / "o" / "r"
        (src / "deploy").mkdir(parents=True)
        (src / "deploy" / "fly.toml").write_text("app = 'x'\n")
        (src / "other.txt").write_text("not wanted\n")
        git = ["git", "-C", str(src), "-c", "user.name=t", "-c", "user.email=t@t"]
        subprocess.run(["git", "init", "-q", str(src)], check=True)
        subprocess.run(git + ["add", "."], check=True)
        subprocess.run(git + ["commit", "-qm", "c1"], check=True)
        commit = subprocess.check_output(git + ["rev-parse", "HEAD"], text=True).strip()
        (src / "deploy" / "fly.toml").write_text("app = 'changed later'\n")
        subprocess.run(git + ["commit", "-qam", "c2"], check=True)
        entry = {"repo": "o/r", "commit": commit, "paths": ["deploy"]}
        url = (tmp / "{repo}").as_uri().replace("%7B", "{").replace("%7D", "}")
        with unittest.mock.patch.dict("os.environ", {"DEPLOYLINT_ECOSYSTEM_GIT_URL": url}):
            dest, how = eco.materialise(entry, tmp / "cache", [], offline=False)
        self.assertEqual(how, "clone")
        self.assertEqual((dest / "deploy" / "fly.toml").read_text(), "app = 'x'\n")  # the pinned commit
        self.assertFalse((dest / "other.txt").exists())
        self.assertFalse((dest / ".git").exists())

    def test_links_out_of_the_folder_are_not_extracted(self):
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w") as tar:
            link = tarfile.TarInfo("escape")
            link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
            tar.addfile(link)
            data = b"ok"
            info = tarfile.TarInfo("fine.txt")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        dest = Path(tempfile.mkdtemp())
        try:
            eco.safe_extract(buf.getvalue(), dest)
        except tarfile.TarError:
            pass  # refusing the whole archive is also safe
        self.assertFalse((dest / "escape").is_symlink() and (dest / "escape").resolve() == Path("/etc/passwd"))


if __name__ == "__main__":
    unittest.main()
