#!/usr/bin/python3
"""Reference matches for a set of DSA-110 files around five calibrators' transits, computed with astropy and scipy.

Run with Debian's python3-astropy and python3-scipy, from the project root:

    /usr/bin/python3 pointing/reference/transit_matches.py > \
        fixtures/src/main/resources/org/dsa110/contimg/fixtures/reference-matches.json

25 five-minute meridian drift files (24 integrations of 12.88 s): for each of 3C286, 3C48, 3C147, J0834+555 and
J2344+824, one on axis and centred on the transit, one 1 deg north, one 1.75 deg south, one starting 30 s after
the transit, and one held 1 deg east of the meridian (hour angle -1 deg). A file's span is its data's: the first
integration's start to the last one's end. Every source of the shipped catalog is tried against every file, so
the expected matches are all of them (a (calibrator, file) pair whose transit lies inside the span with a response
of at least 0.5), none missing and none extra. Conventions as transits.py's.
"""
import csv
import json
import sys

from astropy import units as u
from astropy.coordinates import SkyCoord, TETE
from scipy.optimize import brentq

from transits import SITE, offset, response, time

CATALOG = "pointing/src/main/resources/org/dsa110/contimg/pointing/calibrators/vla-calibrators-20cm.csv"
INTEGRATION_S = 0.134217728 * 96
SPAN_S = 24 * INTEGRATION_S
MIN_RESPONSE = 0.5
TARGETS = [  # catalog name, label, near which MJD its transit is taken
    ("J1331+305", "3C286", 61055.3),
    ("J0137+331", "3C48", 61055.7),
    ("J0542+498", "3C147", 61055.9),
    ("J0834+555", "J0834+555", 61055.1),
    ("J2344+824", "J2344+824", 61055.5),
]


def catalog():
    with open(CATALOG) as f:
        return [(r["name"], float(r["ra_deg"]), float(r["dec_deg"])) for r in csv.DictReader(f)]


def apparent(ra, dec, mjd):
    t = time(mjd)
    c = SkyCoord(ra=ra * u.deg, dec=dec * u.deg, frame="icrs").transform_to(TETE(obstime=t, location=SITE))
    last = t.sidereal_time("apparent", longitude=SITE.lon).deg
    return (last - c.ra.deg + 180.0) % 360.0 - 180.0, c.dec.deg


def transit_near(ra, dec, mjd):
    ha, _ = apparent(ra, dec, mjd)
    guess = mjd - ha / 360.9856
    return brentq(lambda m: apparent(ra, dec, m)[0], guess - 0.01, guess + 0.01, xtol=1e-10)


def files(sources):
    by_name = {name: (ra, dec) for name, ra, dec in sources}
    out = []
    for name, label, near in TARGETS:
        ra, dec = by_name[name]
        t = transit_near(ra, dec, near)
        _, dec_app = apparent(ra, dec, t)
        centred = t - SPAN_S / 2 / 86400.0
        for case, start, dec_p, ha in [
            ("on-axis", centred, dec_app, 0.0),
            ("1deg-north", centred, dec_app + 1.0, 0.0),
            ("1.75deg-south", centred, dec_app - 1.75, 0.0),
            ("after", t + 30 / 86400.0, dec_app, 0.0),
            ("east", centred, dec_app, -1.0),
        ]:
            out.append({
                "file": f"/data/incoming/{label}-{case}_sb00.hdf5",
                "start_mjd": start,
                "end_mjd": start + SPAN_S / 86400.0,
                "ha_deg": ha,
                "dec_app_deg": dec_p,
            })
    return out


def matches(spec, sources):
    found = []
    mid = (spec["start_mjd"] + spec["end_mjd"]) / 2
    lst = time(mid).sidereal_time("apparent", longitude=SITE.lon).deg
    for name, ra, dec in sources:
        # Only a source near the pointing's declination, crossing the meridian within minutes, can match: the
        # beam's response falls to 0.5 at 1.35 deg; precession since J2000 moves a place well under 2 deg here.
        if abs(dec - spec["dec_app_deg"]) > 3.0:
            continue
        if dec < 75 and abs((ra - lst + 180.0) % 360.0 - 180.0) > 5.0:
            continue
        t = transit_near(ra, dec, mid)
        if not spec["start_mjd"] <= t <= spec["end_mjd"]:
            continue
        _, dec_app = apparent(ra, dec, t)
        theta = offset(0.0, dec_app, spec["ha_deg"], spec["dec_app_deg"])
        r = response(theta)
        if r >= MIN_RESPONSE:
            found.append({"calibrator": name, "transit_mjd": t, "offset_deg": theta, "response": r})
    return found


def main():
    sources = catalog()
    cases = []
    for spec in files(sources):
        spec["matches"] = matches(spec, sources)
        cases.append(spec)
    json.dump({"min_response": MIN_RESPONSE, "files": cases}, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
