#!/usr/bin/env python3
"""Adds name-only projects to a stopped Sluice's SQLite catalog, so that the root list has PyPI's size.

Uploading 600,000 distributions would take hours; the root list only needs names, so these go straight into
the catalog's project table (in normal form, as Sluice keeps them) under one new serial. Everything else in
the data set is uploaded through the API.

Usage: seed_names.py DATA_DIR/sluice.db NAMES_FILE
"""
import sqlite3
import sys
import time


def main(db, names_file):
    with open(names_file) as f:
        names = [line.strip() for line in f if line.strip()]
    c = sqlite3.connect(db)
    serial = c.execute("SELECT value FROM serial_counter WHERE id = 1").fetchone()[0] + 1
    now = int(time.time() * 1_000_000)
    c.executemany("INSERT OR IGNORE INTO project (name, display_name, last_serial, created_micros) VALUES (?, ?, ?, ?)",
                  ((n, n, serial, now) for n in names))
    c.execute("UPDATE serial_counter SET value = ? WHERE id = 1", (serial,))
    c.commit()
    total = c.execute("SELECT COUNT(*) FROM project").fetchone()[0]
    print(f"catalog now lists {total} projects (serial {serial})")


if __name__ == "__main__":
    main(*sys.argv[1:])
