#!/usr/bin/env python3
"""Independent answers for the ward lookup: shapely (GEOS) decides which unit
holds each of a fixed, seeded set of points. core/tests/areas_agreement.rs
checks the Rust index gives the same answer for every one.

Points: 2000 uniform in Hanoi's bounding box, plus 1000 within 0.5–5 m of a
boundary vertex (where an inexact test would disagree first).

Usage: shapely_points.py GEOJSON OUT.csv
"""
import csv
import json
import math
import random
import sys

from shapely.geometry import Point, shape
from shapely.prepared import prep

SEED = 20250701
UNIFORM = 2000
NEAR_BOUNDARY = 1000


def main(geojson_path, out_path):
    with open(geojson_path, encoding="utf-8") as f:
        features = json.load(f)["features"]
    units = [(feat["properties"]["code"], shape(feat["geometry"])) for feat in features]
    prepared = [(code, prep(geom)) for code, geom in units]
    lons = [c for _, g in units for c in (g.bounds[0], g.bounds[2])]
    lats = [c for _, g in units for c in (g.bounds[1], g.bounds[3])]
    rng = random.Random(SEED)
    points = []
    for _ in range(UNIFORM):
        points.append(("uniform", rng.uniform(min(lats), max(lats)), rng.uniform(min(lons), max(lons))))
    vertices = [
        (y, x)
        for _, g in units
        for poly in getattr(g, "geoms", [g])
        for (x, y) in poly.exterior.coords
    ]
    for _ in range(NEAR_BOUNDARY):
        lat, lon = rng.choice(vertices)
        dist = rng.uniform(0.5, 5.0)
        bearing = rng.uniform(0, 2 * math.pi)
        dlat = dist * math.cos(bearing) / 110_740.0
        dlon = dist * math.sin(bearing) / (111_320.0 * math.cos(math.radians(lat)))
        points.append(("near_boundary", lat + dlat, lon + dlon))
    with open(out_path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["kind", "lat", "lon", "codes"])
        for kind, lat, lon in points:
            p = Point(lon, lat)
            codes = [code for code, g in prepared if g.contains(p)]
            w.writerow([kind, repr(lat), repr(lon), ";".join(sorted(codes))])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
