#!/usr/bin/env python3
"""Writes a larger region made of copies of samples/data/region-north.json's workplaces, for measuring scale.

Each of the sample's workplaces is copied COPIES times (ids suffixed -1, -2, ...; each copy of the petrol station and
depot in its own enterprise), and each copy's workers and task hours are multiplied by FACTOR. Current assignments are
dropped. Usage: scale_region.py COPIES FACTOR OUT.json
"""
import json
import pathlib
import sys

copies, factor, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
root = pathlib.Path(__file__).resolve().parents[2] / "samples" / "data"
north = json.loads((root / "region-north.json").read_text())
entries = []
for copy in range(1, copies + 1):
    for entry in north["workplaces"]:
        workplace = json.loads((root / entry["file"]).read_text())
        suffix = f"-{copy}"
        workplace["id"] += suffix
        workplace.pop("format", None)
        for task in workplace["tasks"]:
            task["hours"] *= factor
        workplace["workers"] = [
            {k: v for k, v in dict(worker, id=f"{worker['id']}{suffix}-{n}").items() if k != "current"}
            for worker in workplace["workers"] for n in range(factor)
        ]
        new = {"workplace": workplace}
        if "enterprise" in entry:
            new["enterprise"] = entry["enterprise"] + suffix
        entries.append(new)
region = dict(north, workplaces=entries, id=north["id"])
pathlib.Path(out).write_text(json.dumps(region, indent=1) + "\n")
workers = sum(len(e["workplace"]["workers"]) for e in entries)
tasks = sum(len(e["workplace"]["tasks"]) for e in entries)
print(f"{len(entries)} workplaces, {workers} workers, {tasks} tasks -> {out}", file=sys.stderr)
