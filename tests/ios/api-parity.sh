#!/usr/bin/env bash
# The iOS and Android apps call one API: every function, constructor and method the library
# exports (its uniffi scaffolding symbols, read from the generated C headers) must appear under the
# same name in the generated Swift and in the generated Kotlin. Run after tests/bindgen.sh.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
target=${CARGO_TARGET_DIR:-$repo/target}
python3 - "$target/bindings" <<'PY'
import pathlib, re, sys

bindings = pathlib.Path(sys.argv[1])
headers = "".join(p.read_text() for p in (bindings / "swift").glob("*.h"))
swift = "".join(p.read_text() for p in (bindings / "swift").glob("*.swift"))
kotlin = "".join(p.read_text() for p in (bindings / "kotlin").rglob("*.kt"))

symbols = sorted(set(re.findall(r"\buniffi_ihanoi_(?:ffi|core)_fn_([a-z0-9_]+)\b", headers)))
# Methods belong to objects (which have a `clone_` symbol) or to records, enums and errors with
# exported methods (`method_errorkind_code`): their owners are the types the Swift declares.
swift_types = {t.lower() for t in re.findall(r"^(?:public )?(?:enum|struct|class) (\w+)", swift, re.M)}
objects = sorted({s[len("clone_"):] for s in symbols if s.startswith("clone_")} | swift_types,
                 key=len, reverse=True)

def camel(name):
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)

names = set()
for symbol in symbols:
    kind, _, rest = symbol.partition("_")
    if kind == "func":
        names.add(camel(rest))
    elif kind in ("method", "constructor"):
        owner = next((o for o in objects if rest.startswith(o + "_")), None)
        if owner is None:
            sys.exit(f"api-parity: cannot tell the object of {symbol}")
        method = camel(rest[len(owner) + 1:])
        # A constructor named `new` is the type's initializer in both languages (init / constructor).
        if not (kind == "constructor" and method == "new"):
            names.add(method)

missing = []
for name in sorted(names):
    in_swift = re.search(rf"\bfunc `?{name}`?\(", swift)
    in_kotlin = re.search(rf"\bfun `?{name}`?\(", kotlin)
    if not (in_swift and in_kotlin):
        missing.append(f"{name}: swift={'yes' if in_swift else 'NO'} kotlin={'yes' if in_kotlin else 'NO'}")
if missing:
    print("api-parity: exported but not named the same in Swift and Kotlin:\n  " + "\n  ".join(missing), file=sys.stderr)
    sys.exit(1)
if len(names) < 20:
    sys.exit(f"api-parity: only {len(names)} exported names found: is the header parsing broken?")
print(f"api-parity: {len(names)} exported functions named the same in Swift and Kotlin", file=sys.stderr)
PY
