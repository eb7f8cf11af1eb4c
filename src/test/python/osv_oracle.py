"""An independent evaluator of OSV records for PyPI, on `packaging`: for every record of a zip, it picks versions
(every listed version, and versions around every event: pre-, post-, dev- and local versions, epochs, neighbours)
and says whether the record affects each. The Java side evaluates the same and must agree.

The rules are the OSV schema's: a version is affected when it is listed in `versions` (PEP 440 equality; a listed
string that is no PEP 440 version matches only itself) or falls inside an ECOSYSTEM range. An event whose version is
no PEP 440 version is dropped (Sluice's documented choice). Output: one JSON line per (record, package, version).
"""
import json
import sys
import zipfile

from packaging.version import InvalidVersion, Version


def parse(text):
    try:
        return Version(text)
    except InvalidVersion:
        return None


def neighbours(text):
    v = parse(text)
    if v is None:
        return []
    release = ".".join(str(p) for p in v.release)
    out = [text, str(v), release, release + ".dev0", release + "a1", release + "b2", release + "rc1", release + ".post1",
           release + "+local.7", "1!" + release, release + ".1", release + ".0", text + ".post1", text + ".dev3"]
    parts = list(v.release)
    if parts[-1] > 0:
        parts[-1] -= 1
        out.append(".".join(str(p) for p in parts))
    parts = list(v.release)
    parts[-1] += 1
    out.append(".".join(str(p) for p in parts))
    return [o for o in out if parse(o) is not None]


def in_range(version, events):
    parsed = []
    limits = []
    for e in events:
        (kind, value), = e.items()
        if kind == "introduced" and value == "0":
            parsed.append((None, kind))
        elif kind == "limit" and value == "*":
            limits.append(None)
        elif parse(value) is not None:
            if kind == "limit":
                limits.append(parse(value))
            else:
                parsed.append((parse(value), kind))
    # stable sort: "0" first, then by version, equal versions in the record's order
    parsed.sort(key=lambda p: (p[0] is not None, p[0] if p[0] is not None else Version("0")))
    affected = False
    for v, kind in parsed:
        if kind == "introduced" and (v is None or version >= v):
            affected = True
        elif kind == "fixed" and version >= v:
            affected = False
        elif kind == "last_affected" and version > v:
            affected = False
    if affected and limits:
        affected = any(l is None or version < l for l in limits)
    return affected


def affected(package, text):
    version = parse(text)
    for listed in package.get("versions", []):
        lv = parse(listed)
        if (version is not None and lv is not None and lv == version) or (version is None and lv is None and listed == text):
            return True
    if version is None:
        return False
    return any(in_range(version, r["events"]) for r in package.get("ranges", []) if r.get("type") == "ECOSYSTEM")


def main():
    with zipfile.ZipFile(sys.argv[1]) as z:
        for name in sorted(z.namelist()):
            record = json.loads(z.read(name))
            if record.get("withdrawn"):
                continue
            pypi = [p for p in record.get("affected", []) if p.get("package", {}).get("ecosystem") == "PyPI"]
            for index, package in enumerate(pypi):
                candidates = ["0", "0.0.1", "999", "0.1.dev0"]
                candidates += package.get("versions", [])
                for r in package.get("ranges", []):
                    if r.get("type") == "ECOSYSTEM":
                        for e in r["events"]:
                            candidates += neighbours(list(e.values())[0])
                for text in dict.fromkeys(candidates):
                    print(json.dumps({"id": record["id"], "package": index, "name": package["package"]["name"],
                                      "version": text, "affected": affected(package, text)}))


if __name__ == "__main__":
    main()
