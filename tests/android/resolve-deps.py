#!/usr/bin/env python3
"""Resolve the Android app's dependencies as Gradle would, into a flat pinned list for Maven.

Plain Maven cannot resolve the androidx graph (see the README's "Android app" section):
a BOM manages only `jar`, androidx poms pin exact ranges that conflict, some poms omit
`<type>aar</type>`, Kotlin Multiplatform roots (`androidx.compose.ui:ui`) point at their
Android artifact (`ui-android`) only in Gradle module metadata (`available-at`), and Maven
neither takes the highest version nor aligns families (lifecycle-* must share a version).

This script walks the graph the way Gradle does:
  - Gradle module metadata (`.module`) when the pom says it was published with it, else the pom;
  - the Android (else JVM) runtime variant of each module, following `available-at`;
  - the highest version any edge or constraint asks for (constraints are how androidx
    aligns a family), the BOM's versions as floors, exact ranges read as their bound;
  - pom exclusions along each path;
and rewrites the block between the GENERATED markers of tests/android/pom.xml: one
`<dependency>` per module with its exact version, its type (aar or jar) and
`<exclusions>*:*</exclusions>`, so Maven takes the list as it is.

The metadata files are fetched with Maven itself (dependency:resolve on a throwaway pom,
one batch per level of the graph) into ~/.m2. Run it only when a version below changes:
    tests/android/resolve-deps.py
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
POM = os.path.join(HERE, "pom.xml")
M2 = os.path.join(os.path.expanduser("~"), ".m2", "repository")

# The app's own dependencies (what android/gradle/libs.versions.toml lists for `implementation`).
MAIN_ROOTS = [
    "org.jetbrains.kotlin:kotlin-stdlib:2.4.21",
    "org.jetbrains.kotlinx:kotlinx-coroutines-android:1.11.0",
    "androidx.core:core-ktx:1.16.0",
    "androidx.activity:activity-compose:1.12.4",
    "androidx.lifecycle:lifecycle-runtime-compose:2.9.4",
    "androidx.lifecycle:lifecycle-viewmodel-compose:2.9.4",
    "androidx.compose.runtime:runtime",
    "androidx.compose.ui:ui",
    "androidx.compose.ui:ui-tooling-preview",
    "androidx.compose.foundation:foundation",
    "androidx.compose.material3:material3",
    # Background sending and pulling (the worker calls the core's sync_and_pull).
    "androidx.work:work-runtime:2.12.0",
    # The JVM flavour of JNA: the tests load the Linux library. The app uses jna@aar (Gradle).
    "net.java.dev.jna:jna:5.19.1",
]
# What the local (Robolectric) tests add (`testImplementation`).
TEST_ROOTS = [
    "junit:junit:4.13.2",
    "org.jetbrains.kotlinx:kotlinx-coroutines-test:1.11.0",
    "androidx.compose.ui:ui-test-junit4",
    "androidx.test:core:1.7.0",
    "androidx.test:monitor:1.8.0",
    "androidx.test.ext:junit:1.3.0",
    "androidx.test.espresso:espresso-core:3.7.0",
    "org.robolectric:robolectric:4.17",
    # WorkManager's test driver: constraints met, delays elapsed, on demand.
    "androidx.work:work-testing:2.12.0",
    "io.github.takahirom.roborazzi:roborazzi:1.77.0",
    "io.github.takahirom.roborazzi:roborazzi-compose:1.77.0",
]
# Versions that come from a platform (the Compose BOM): floors for its members.
PLATFORMS = ["androidx.compose:compose-bom:2026.09.00"]

GRADLE_MARKER = "published-with-gradle-metadata"
NS = {"m": "http://maven.apache.org/POM/4.0.0"}


# ---------------------------------------------------------------- versions

def version_key(v):
    """Gradle's ordering, near enough: numbers numerically, a qualifier sorts below the release."""
    parts = re.split(r"[.\-_+]", v)
    key = []
    order = {"dev": 0, "alpha": 1, "a": 1, "beta": 2, "b": 2, "milestone": 3, "m": 3, "rc": 4, "cr": 4,
             "snapshot": 5, "final": 7, "ga": 7, "release": 7, "sp": 8}
    for p in parts:
        m = re.match(r"^(\d+)(.*)$", p)
        if m:
            key.append((2, int(m.group(1)), 0, ""))
            if m.group(2):
                q = m.group(2).lower()
                qm = re.match(r"^([a-z]+)(\d*)$", q)
                name, num = (qm.group(1), int(qm.group(2) or 0)) if qm else (q, 0)
                key.append((1, order.get(name, 6), num, name))
        else:
            q = p.lower()
            qm = re.match(r"^([a-z]+)(\d*)$", q)
            name, num = (qm.group(1), int(qm.group(2) or 0)) if qm else (q, 0)
            key.append((1, order.get(name, 6), num, name))
    # A release (nothing after the numbers) is above any qualifier of the same numbers.
    key.append((1.5, 0, 0, ""))
    return key


def pick(versions):
    return max(versions, key=version_key)


def from_range(v):
    """`[1.12.4]` -> 1.12.4; `[1.0,2.0)` -> 1.0 (the lower bound); plain versions unchanged."""
    v = v.strip()
    if v and v[0] in "[(":
        inner = v[1:-1]
        lo = inner.split(",")[0].strip()
        hi = inner.split(",")[-1].strip()
        return lo or hi
    return v


# ---------------------------------------------------------------- fetching

def path_of(g, a, v, ext, classifier=None):
    name = f"{a}-{v}" + (f"-{classifier}" if classifier else "") + f".{ext}"
    return os.path.join(M2, *g.split("."), a, v, name)


def fetch(coords, ext):
    """Download the `ext` file of each g:a:v not yet in ~/.m2, with one Maven run."""
    missing = [c for c in coords if not os.path.exists(path_of(*c.split(":"), ext))]
    if not missing:
        return
    print(f"fetching {len(missing)} .{ext} files", file=sys.stderr)
    deps = "".join(
        f"<dependency><groupId>{g}</groupId><artifactId>{a}</artifactId><version>{v}</version>"
        f"<type>{ext}</type><exclusions><exclusion><groupId>*</groupId><artifactId>*</artifactId>"
        f"</exclusion></exclusions></dependency>"
        for g, a, v in (c.split(":") for c in missing))
    pom = ("<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
           "<groupId>vn.ihanoi.build</groupId><artifactId>fetch</artifactId><version>0</version>"
           f"<packaging>pom</packaging><dependencies>{deps}</dependencies></project>")
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "pom.xml"), "w") as f:
            f.write(pom)
        subprocess.run(["mvn", "-B", "-q", "-f", os.path.join(tmp, "pom.xml"),
                        "dependency:resolve"], check=True, stdout=sys.stderr)


# ---------------------------------------------------------------- metadata

class Pom:
    def __init__(self, g, a, v):
        self.g, self.a, self.v = g, a, v
        root = ET.parse(path_of(g, a, v, "pom")).getroot()
        self.root = root
        with open(path_of(g, a, v, "pom"), encoding="utf-8", errors="replace") as f:
            self.gradle = GRADLE_MARKER in f.read()
        self.packaging = self.text(root, "m:packaging") or "jar"
        parent = root.find("m:parent", NS)
        self.parent = None
        if parent is not None:
            pg, pa, pv = (self.text(parent, f"m:{t}") for t in ("groupId", "artifactId", "version"))
            fetch([f"{pg}:{pa}:{pv}"], "pom")
            self.parent = Pom(pg, pa, pv)
        self.props = dict(self.parent.props) if self.parent else {}
        self.props.update({"project.version": v, "project.groupId": g, "pom.version": v,
                           "project.parent.version": self.parent.v if self.parent else v})
        props = root.find("m:properties", NS)
        if props is not None:
            for p in props:
                self.props[p.tag.split("}")[1]] = (p.text or "").strip()
        self.managed = dict(self.parent.managed) if self.parent else {}
        for d in root.findall("m:dependencyManagement/m:dependencies/m:dependency", NS):
            key = (self.sub(self.text(d, "m:groupId")), self.sub(self.text(d, "m:artifactId")))
            self.managed[key] = self.sub(self.text(d, "m:version") or "")

    @staticmethod
    def text(node, path):
        e = node.find(path, NS)
        return e.text.strip() if e is not None and e.text else None

    def sub(self, s):
        for _ in range(5):
            if not s or "${" not in s:
                break
            s = re.sub(r"\$\{([^}]+)\}", lambda m: self.props.get(m.group(1), m.group(0)), s)
        return s

    def dependencies(self):
        out = []
        for d in self.root.findall("m:dependencies/m:dependency", NS):
            scope = self.text(d, "m:scope") or "compile"
            if scope not in ("compile", "runtime") or self.text(d, "m:optional") == "true":
                continue
            g, a = self.sub(self.text(d, "m:groupId")), self.sub(self.text(d, "m:artifactId"))
            v = self.sub(self.text(d, "m:version") or self.managed.get((g, a), ""))
            if not v or "${" in v:
                sys.exit(f"resolve-deps: no version for {g}:{a} in {self.g}:{self.a}:{self.v}")
            excludes = {(self.text(e, "m:groupId"), self.text(e, "m:artifactId"))
                        for e in d.findall("m:exclusions/m:exclusion", NS)}
            out.append((g, a, from_range(v), excludes))
        return out


def variant_rank(attrs):
    """Which variant a Gradle Android app's runtime classpath would take; None = not eligible."""
    if attrs.get("org.gradle.category", "library") != "library":
        return None
    usage = attrs.get("org.gradle.usage", "")
    if usage not in ("java-runtime", "java-api"):
        return None
    platform = attrs.get("org.jetbrains.kotlin.platform.type")
    if platform not in (None, "androidJvm", "jvm"):
        return None
    env = attrs.get("org.gradle.jvm.environment")
    android = platform == "androidJvm" or env == "android"
    return (android, usage == "java-runtime", env != "standard-jvm")


class Module:
    """One g:a:v as Gradle sees it: its files, dependencies, constraints, or where it lives."""

    def __init__(self, g, a, v):
        self.g, self.a, self.v = g, a, v
        self.pom = Pom(g, a, v)
        self.redirect = None      # g:a:v of the module that holds this one's Android variant
        self.deps = []            # (g, a, version, excludes, is_platform)
        self.constraints = []     # (g, a, version)
        self.ext = None           # aar | jar | None (no file: a platform or a pure pom)
        self.classifier = None
        if self.pom.gradle and self._load_module():
            return
        self.deps = [(g2, a2, v2, ex, False) for g2, a2, v2, ex in self.pom.dependencies()]
        packaging = self.pom.packaging
        self.ext = {"aar": "aar", "jar": "jar", "bundle": "jar", "pom": None}.get(packaging, "jar")

    def _load_module(self):
        path = path_of(self.g, self.a, self.v, "module")
        if not os.path.exists(path):
            fetch([f"{self.g}:{self.a}:{self.v}"], "module")
        with open(path) as f:
            meta = json.load(f)
        ranked = [(variant_rank(var.get("attributes", {})), var) for var in meta.get("variants", [])]
        ranked = [(r, var) for r, var in ranked if r is not None]
        if not ranked:
            return False
        _, var = max(ranked, key=lambda rv: rv[0])
        if "available-at" in var:
            at = var["available-at"]
            self.redirect = (at["group"], at["module"], at["version"])
            return True
        for d in var.get("dependencies", []):
            v = d.get("version", {})
            version = v.get("strictly") or v.get("requires") or v.get("prefers")
            # No version: a platform of the graph (e.g. a BOM this module also depends on) sets it.
            excludes = {(e.get("group", "*"), e.get("module", "*")) for e in d.get("excludes", [])}
            is_platform = d.get("attributes", {}).get("org.gradle.category") == "platform"
            self.deps.append((d["group"], d["module"], version and from_range(version), excludes, is_platform))
        for c in var.get("dependencyConstraints", []):
            v = c.get("version", {})
            version = v.get("strictly") or v.get("requires") or v.get("prefers")
            if version:
                self.constraints.append((c["group"], c["module"], from_range(version)))
        files = var.get("files", [])
        if files:
            url = files[0]["url"]
            self.ext = url.rsplit(".", 1)[1]
            stem = url[: -(len(self.ext) + 1)]
            base = f"{self.a}-{self.v}"
            self.classifier = stem[len(base) + 1:] if stem != base and stem.startswith(base + "-") else None
        return True


def platform_constraints(coord):
    g, a, v = coord.split(":")
    fetch([coord], "pom")
    mod = Module(g, a, v)
    out = list(mod.constraints)
    if not out:  # a Maven BOM: its dependencyManagement is the platform
        out = [(mg, ma, from_range(mv)) for (mg, ma), mv in mod.pom.managed.items() if mv]
    return out


# ---------------------------------------------------------------- the graph

def excluded(g, a, excludes):
    return any((eg in ("*", g)) and (ea in ("*", a)) for eg, ea in excludes)


def resolve():
    modules = {}

    def module(g, a, v):
        key = (g, a, v)
        if key not in modules:
            modules[key] = Module(g, a, v)
        return modules[key]

    floors = {}
    for p in PLATFORMS:
        for g, a, v in platform_constraints(p):
            floors.setdefault((g, a), set()).add(v)

    def root_edge(coord):
        parts = coord.split(":")
        g, a = parts[0], parts[1]
        v = parts[2] if len(parts) > 2 else pick(floors[(g, a)])
        return g, a, v

    roots = [(root_edge(c), "main") for c in MAIN_ROOTS] + [(root_edge(c), "test") for c in TEST_ROOTS]

    # Fixpoint: walk with the current choice of versions, collect every version asked for
    # (edges, constraints of modules in the graph, floors), choose the highest, walk again.
    asked = {}
    for (g, a), vs in floors.items():
        asked.setdefault((g, a), set()).update(vs)
    for (g, a, v), _ in roots:
        asked.setdefault((g, a), set()).add(v)
    while True:
        chosen = {ga: pick(vs) for ga, vs in asked.items()}
        in_graph, scopes, before = {}, {}, {k: set(v) for k, v in asked.items()}
        frontier = [((g, a), frozenset(), scope) for (g, a, _), scope in roots]
        seen = set()
        while frontier:
            # Fetch this level's poms (and module files) in one Maven run each.
            level = {f"{g}:{a}:{chosen[(g, a)]}" for (g, a), _, _ in frontier}
            fetch(sorted(level), "pom")
            gradle = [c for c in sorted(level) if GRADLE_MARKER in open(path_of(*c.split(":"), "pom"),
                                                                         encoding="utf-8", errors="replace").read()]
            fetch(gradle, "module")
            nxt = []
            for (g, a), ex, scope in frontier:
                state = ((g, a), ex, scope)
                if state in seen:
                    continue
                seen.add(state)
                v = chosen[(g, a)]
                mod = module(g, a, v)
                if mod.redirect:
                    rg, ra, rv = mod.redirect
                    asked.setdefault((rg, ra), set()).add(rv)
                    chosen.setdefault((rg, ra), rv)
                    nxt.append(((rg, ra), ex, scope))
                    in_graph[(g, a)] = None
                    continue
                in_graph[(g, a)] = mod
                if scope == "main" or (g, a) not in scopes:
                    scopes[(g, a)] = scope
                for cg, ca, cv in mod.constraints:
                    asked.setdefault((cg, ca), set()).add(cv)
                for dg, da, dv, dex, is_platform in mod.deps:
                    if excluded(dg, da, ex):
                        continue
                    if is_platform:
                        for pg, pa, pv in platform_constraints(f"{dg}:{da}:{dv}"):
                            asked.setdefault((pg, pa), set()).add(pv)
                        continue
                    if dv is None:
                        if (dg, da) not in asked:
                            sys.exit(f"resolve-deps: no platform gives {dg}:{da} a version ({g}:{a}:{v})")
                        chosen.setdefault((dg, da), pick(asked[(dg, da)]))
                    else:
                        asked.setdefault((dg, da), set()).add(dv)
                        chosen.setdefault((dg, da), dv)
                    nxt.append(((dg, da), ex | frozenset(dex), scope))
            frontier = nxt
        if asked == before:
            return {ga: mod for ga, mod in in_graph.items() if mod is not None}, scopes


def render(graph, scopes):
    lines = []
    for (g, a), mod in sorted(graph.items(), key=lambda kv: (scopes[kv[0]] != "main", kv[0])):
        if mod.ext is None:
            continue
        scope = "compile" if scopes[(g, a)] == "main" else "test"
        extra = ""
        if mod.ext != "jar":
            extra += f"<type>{mod.ext}</type>"
        if mod.classifier:
            extra += f"<classifier>{mod.classifier}</classifier>"
        if scope != "compile":
            extra += f"<scope>{scope}</scope>"
        lines.append(
            f"    <dependency><groupId>{g}</groupId><artifactId>{a}</artifactId>"
            f"<version>{mod.v}</version>{extra}<exclusions><exclusion><groupId>*</groupId>"
            f"<artifactId>*</artifactId></exclusion></exclusions></dependency>")
    return "\n".join(lines)


def main():
    graph, scopes = resolve()
    block = render(graph, scopes)
    with open(POM) as f:
        pom = f.read()
    begin, end = "<!-- GENERATED by resolve-deps.py: begin -->", "<!-- GENERATED by resolve-deps.py: end -->"
    head, rest = pom.split(begin)
    _, tail = rest.split(end)
    with open(POM, "w") as f:
        f.write(f"{head}{begin}\n{block}\n    {end}{tail}")
    counts = {}
    for mod in graph.values():
        if mod.ext:
            counts[mod.ext] = counts.get(mod.ext, 0) + 1
    print(f"resolve-deps: {sum(counts.values())} artifacts ({counts}) written to {POM}", file=sys.stderr)


if __name__ == "__main__":
    main()
