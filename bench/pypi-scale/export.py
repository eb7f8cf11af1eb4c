#!/usr/bin/env python3
"""Writes a static PEP 503/691 tree of what a running Sluice serves, for nginx to serve the same bytes:

  OUT/simple/index.html, index.json            the root list (and .gz: Sluice's own gzip bytes, for gzip_static)
  OUT/simple/P/index.html, index.json (+ .gz)  each uploaded project's page
  OUT/simple/P/FILE                            the distribution (a hard link to the uploaded file)
  OUT/simple/P/FILE.metadata                   its PEP 658 core metadata
  OUT/simple/U/index.html (+ .gz), OUT/simple/U/FILE   projects only the upstream has (UPSTREAM_DIR), as a
                                               plain PEP 503 mirror would list them, for Sluice to proxy

Usage: export.py BASE_URL DIST_DIR UPSTREAM_DIR OUT
"""
import gzip
import hashlib
import http.client
import os
import sys
import urllib.parse

HTML = "text/html"
JSON = "application/vnd.pypi.simple.v1+json"


def fetch(conn, path, accept, gzip):
    headers = {"Accept": accept}
    if gzip:
        headers["Accept-Encoding"] = "gzip"
    conn.request("GET", path, headers=headers)
    r = conn.getresponse()
    body = r.read()
    if r.status != 200:
        raise SystemExit(f"GET {path} ({accept}): {r.status}")
    if gzip and r.getheader("Content-Encoding") != "gzip":
        raise SystemExit(f"GET {path}: no gzip answer")
    return body


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def page(conn, url_path, out_dir):
    for accept, name in ((HTML, "index.html"), (JSON, "index.json")):
        write(os.path.join(out_dir, name), fetch(conn, url_path, accept, False))
        write(os.path.join(out_dir, name + ".gz"), fetch(conn, url_path, accept, True))


def upstream_only(upstream, simple):
    projects = {}
    for f in sorted(os.listdir(upstream)):
        projects.setdefault(f.split("-")[0].replace("_", "-"), []).append(f)
    for project, files in projects.items():
        project_dir = os.path.join(simple, project)
        os.makedirs(project_dir, exist_ok=True)
        links = []
        for f in files:
            source = os.path.join(upstream, f)
            with open(source, "rb") as fh:
                digest = hashlib.sha256(fh.read()).hexdigest()
            target = os.path.join(project_dir, f)
            if not os.path.exists(target):
                os.link(source, target)
            links.append(f'    <a href="{f}#sha256={digest}">{f}</a><br />\n')
        html = f"<!DOCTYPE html>\n<html>\n  <body>\n    <h1>Links for {project}</h1>\n{''.join(links)}  </body>\n</html>\n"
        write(os.path.join(project_dir, "index.html"), html.encode())
        write(os.path.join(project_dir, "index.html.gz"), gzip.compress(html.encode()))


def main(base, dist, upstream, out):
    url = urllib.parse.urlparse(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=600)
    simple = os.path.join(out, "simple")
    page(conn, "/simple/", simple)
    projects = {}
    for f in sorted(os.listdir(dist)):
        projects.setdefault(f.split("-")[0].replace("_", "-"), []).append(f)
    for project, files in projects.items():
        project_dir = os.path.join(simple, project)
        page(conn, f"/simple/{project}/", project_dir)
        for f in files:
            target = os.path.join(project_dir, f)
            if not os.path.exists(target):
                os.link(os.path.join(dist, f), target)
            write(target + ".metadata", fetch(conn, f"/simple/{project}/{f}.metadata", "*/*", False))
    upstream_only(upstream, simple)
    for root, dirs, names in os.walk(out):  # nginx's worker runs as nobody
        os.chmod(root, 0o755)
        for n in names:
            os.chmod(os.path.join(root, n), 0o644)
    print(f"exported {len(projects)} projects and the root list to {out}")


if __name__ == "__main__":
    main(*sys.argv[1:])
