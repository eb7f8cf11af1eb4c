"""Answers questions about packaging standards the way Python's own `packaging` library does.

The Java differential tests write one JSON request per line to stdin and read one JSON answer per line
from stdout, in order. Run it with Debian's /usr/bin/python3 and python3-packaging (the reference).
"""
import email.parser
import email.policy
import io
import json
import sys
import tarfile
import zipfile

import packaging
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.specifiers import Specifier, SpecifierSet
from packaging.utils import canonicalize_name, parse_sdist_filename, parse_wheel_filename
from packaging.version import Version


def error(e):
    return "error: %s" % type(e).__name__


def version(req):
    try:
        v = Version(req["s"])
    except Exception as e:
        return {"valid": False, "error": error(e)}
    return {
        "valid": True,
        "str": str(v),
        "prerelease": v.is_prerelease,
        "postrelease": v.is_postrelease,
        "devrelease": v.is_devrelease,
        "local": v.local,
        "public": v.public,
        "base": v.base_version,
    }


def ranks(req):
    """The rank of each version in sorted order; equal versions share a rank."""
    parsed = [Version(s) for s in req["items"]]
    order = sorted(range(len(parsed)), key=lambda i: parsed[i])
    result = [0] * len(parsed)
    rank = 0
    for n, i in enumerate(order):
        if n > 0 and parsed[i] != parsed[order[n - 1]]:
            rank += 1
        result[i] = rank
    return {"ranks": result}


def compare(req):
    a, b = Version(req["a"]), Version(req["b"])
    return {"cmp": (a > b) - (a < b)}


def attempt(fn):
    try:
        return fn()
    except Exception as e:
        return error(e)


def specifier(req):
    try:
        spec = Specifier(req["spec"])
    except Exception as e:
        return {"valid": False, "error": error(e)}
    results = []
    for v in req["versions"]:
        parsed = Version(v)
        results.append([attempt(lambda: spec.contains(parsed, prereleases=p)) for p in (None, True, False)])
    return {"valid": True, "str": str(spec), "prereleases": attempt(lambda: spec.prereleases), "contains": results}


def specifier_set(req):
    try:
        spec = SpecifierSet(req["spec"])
    except Exception as e:
        return {"valid": False, "error": error(e)}
    versions = [Version(v) for v in req["versions"]]
    # SpecifierSet.prereleases is any() over a frozenset, in hash order: when one clause raises (=== with a
    # non-PEP 440 version) and another admits pre-releases, the answer depends on PYTHONHASHSEED.
    outcomes = [attempt(lambda: s.prereleases) for s in spec]
    order_dependent = True in outcomes and any(isinstance(o, str) for o in outcomes)
    answer = {"valid": True, "str": str(spec), "order_dependent": order_dependent}
    for name, pre in (("none", None), ("true", True), ("false", False)):
        answer["filter_" + name] = attempt(lambda: [str(v) for v in spec.filter(versions, prereleases=pre)])
        answer["contains_" + name] = [attempt(lambda: spec.contains(v, prereleases=pre)) for v in versions]
    return answer


def evaluations(marker, envs):
    return [attempt(lambda: marker.evaluate(env)) for env in envs]


def requirement(req):
    try:
        r = Requirement(req["s"])
    except Exception as e:
        return {"valid": False, "error": error(e)}
    return {
        "valid": True,
        "name": r.name,
        "extras": sorted(r.extras),
        "specifier": str(r.specifier),
        "url": r.url,
        "marker": None if r.marker is None else str(r.marker),
        "str": str(r),
        "evaluations": None if r.marker is None else evaluations(r.marker, req["envs"]),
    }


def marker(req):
    try:
        m = Marker(req["s"])
    except Exception as e:
        return {"valid": False, "error": error(e)}
    return {"valid": True, "str": str(m), "evaluations": evaluations(m, req["envs"])}


def name(req):
    s = req["s"]
    try:
        r = Requirement(s)
        valid = r.name == s and not r.extras and not r.specifier and r.url is None and r.marker is None
    except Exception:
        valid = False
    return {"normalized": canonicalize_name(s), "valid": valid}


def filename(req):
    s = req["s"]
    try:
        if s.endswith(".whl"):
            n, v, build, tags = parse_wheel_filename(s)
            return {"valid": True, "name": n, "version": str(v),
                    "build": list(build) if build else None,
                    "tags": sorted(str(t) for t in tags)}
        n, v = parse_sdist_filename(s)
        return {"valid": True, "name": n, "version": str(v)}
    except Exception as e:
        return {"valid": False, "error": error(e)}


def metadata_bytes(path):
    """The core metadata file of a wheel or sdist, found independently of the Java reader."""
    if path.endswith(".whl") or path.endswith(".zip"):
        with zipfile.ZipFile(path) as z:
            names = [n for n in z.namelist()
                     if (path.endswith(".whl") and n.count("/") == 1 and n.endswith(".dist-info/METADATA"))
                     or (path.endswith(".zip") and n.count("/") == 1 and n.endswith("/PKG-INFO"))]
            assert len(names) == 1, names
            return names[0], z.read(names[0])
    with tarfile.open(path) as t:
        members = [m for m in t.getmembers() if m.name.count("/") == 1 and m.name.endswith("/PKG-INFO")]
        assert len(members) == 1, members
        return members[0].name, t.extractfile(members[0]).read()


def metadata(req):
    path, raw = metadata_bytes(req["path"])
    msg = email.parser.Parser(policy=email.policy.compat32).parsestr(raw.decode("utf-8"))
    return {
        "path": path,
        "name": msg.get("Name"),
        "version": msg.get("Version"),
        "summary": msg.get("Summary"),
        "requires_python": msg.get("Requires-Python"),
        "requires_dist": msg.get_all("Requires-Dist") or [],
        "body": msg.get_payload(),
    }


def metadata_text(req):
    msg = email.parser.Parser(policy=email.policy.compat32).parsestr(req["text"])
    return {"headers": [[k, v] for k, v in msg.items()], "body": msg.get_payload()}


def compatible_tags(req):
    """The tags a CPython of req["python"] ([3, 11]) installs on req["platforms"], best first (pip's order)."""
    from packaging import tags
    version = tuple(req["python"])
    interpreter = "cp%d%d" % version
    found = list(tags.cpython_tags(version, abis=[interpreter], platforms=req["platforms"]))
    found += list(tags.compatible_tags(version, interpreter, req["platforms"]))
    return [str(t) for t in found]


HANDLERS = {
    "compatible_tags": compatible_tags,
    "version": version,
    "ranks": ranks,
    "compare": compare,
    "specifier": specifier,
    "specifier_set": specifier_set,
    "requirement": requirement,
    "marker": marker,
    "name": name,
    "filename": filename,
    "metadata": metadata,
    "metadata_text": metadata_text,
    "about": lambda req: {"packaging": packaging.__version__, "python": sys.version.split()[0]},
}


def main():
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n")
    for line in io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8"):
        request = json.loads(line)
        out.write(json.dumps(HANDLERS[request["kind"]](request)) + "\n")
    out.flush()


if __name__ == "__main__":
    main()
