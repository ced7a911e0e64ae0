#!/usr/bin/env python3
"""The old monitor's approach to a pointing, timed for comparison with `contimg bench extract`.

Per file: open with h5py, read the header values the old monitor read (time_array, phase_center_dec,
ha_phase_center, longitude), then astropy's apparent sidereal time at the mid-time. (The old monitor read the
JD time_array as seconds; this baseline uses it as a JD, so the work done is the right work.)
Run with Debian's python3-h5py and python3-astropy:
    /usr/bin/python3 bench/extract_baseline.py [--repetitions N] [--seconds S] FILE...
Prints the per-file median and p99 in ms, and files per second with one process per core.
"""
import argparse
import multiprocessing
import os
import statistics
import time
import warnings

import h5py
import numpy as np
from astropy import units as u
from astropy.coordinates import EarthLocation, Longitude
from astropy.time import Time
from astropy.utils import iers

iers.conf.auto_download = False  # no network here; astropy's bundled tables are used
iers.conf.iers_degraded_accuracy = "ignore"  # dates past the bundled table: the timing is what matters here
warnings.filterwarnings("ignore")


def pointing(path):
    with h5py.File(path, "r") as f:
        header = f["Header"]
        times = header["time_array"][()]
        mid_jd = (times.min() + times.max()) / 2.0
        extra = header.get("extra_keywords", {})
        dec = float(extra["phase_center_dec"][()]) if "phase_center_dec" in extra else None
        ha = float(extra["ha_phase_center"][()]) if "ha_phase_center" in extra else 0.0
        lon = float(header["longitude"][()]) if "longitude" in header else -118.283405115
        lat = float(header["latitude"][()]) if "latitude" in header else 37.233386982
    location = EarthLocation.from_geodetic(lon * u.deg, lat * u.deg)
    lst = Time(mid_jd, format="jd", scale="utc", location=location).sidereal_time("apparent")
    ra = Longitude(lst - ha * u.rad)
    return ra.deg, dec


def worker(args):
    files, seconds, offset = args
    done, i = 0, offset
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pointing(files[i % len(files)])
        done, i = done + 1, i + 1
    return done


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="+")
    parser.add_argument("--repetitions", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    for path in args.files:  # warm-up: imports, caches, IERS tables
        pointing(path)
    millis = []
    for _ in range(args.repetitions):
        for path in args.files:
            began = time.perf_counter()
            pointing(path)
            millis.append((time.perf_counter() - began) * 1000)
    millis.sort()
    p99 = millis[min(len(millis) - 1, int(np.ceil(0.99 * len(millis))) - 1)]
    cores = os.cpu_count()
    began = time.perf_counter()
    with multiprocessing.Pool(cores) as pool:
        total = sum(pool.map(worker, [(args.files, args.seconds, k) for k in range(cores)]))
    rate = total / (time.perf_counter() - began)
    print(f"old approach (h5py {h5py.__version__}, astropy sidereal_time), {len(args.files)} file(s): per file "
          f"median {statistics.median(millis):.3f} ms, p99 {p99:.3f} ms over {len(millis)} reads; "
          f"{rate:.0f} files/s with {cores} processes")


if __name__ == "__main__":
    main()
