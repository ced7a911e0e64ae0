#!/usr/bin/python3
"""Reference calibrator transits for the Java TransitFinder, computed with astropy and scipy.

Run with Debian's python3-astropy and python3-scipy, from the project root:

    /usr/bin/python3 pointing/reference/transits.py > \
        pointing/src/test/resources/org/dsa110/contimg/pointing/calibrators/reference-transits.json

Definitions (the README's): a source transits when the hour angle of its apparent place (TETE: true equator and
equinox of date, topocentric) at the site is 0, with UT1 - UTC = 0 and no refraction. The pointing centre at a
time is the file's apparent hour angle and declination then. The offset is the angle between the source's apparent
place at transit and the pointing centre; the response is the Airy pattern (2 J1(x) / x)^2, x = pi D sin(theta) /
lambda, D = 4.65 m, nu = 1.405 GHz.
"""
import json
import math

import numpy as np
from astropy import units as u
from astropy.coordinates import EarthLocation, SkyCoord, TETE
from astropy.time import Time
from astropy.utils import iers
from scipy.optimize import brentq
from scipy.special import j1

iers.conf.auto_download = False
iers.conf.auto_max_age = None

SITE = EarthLocation.from_geodetic(lon=-118.283405115 * u.deg, lat=37.233386982 * u.deg, height=1188.0519 * u.m)
D = 4.65
WAVELENGTH = 299792458.0 / 1.405e9
SOURCES = {  # name: (ra_deg, dec_deg), the shipped catalog's values
    "J1331+305": (202.7845333, 30.5091552),
    "J0137+331": (24.422081, 33.1597592),
    "J0542+498": (85.6505746, 49.8520093),
    "J0834+555": (128.7287672, 55.5725197),
    "J0508+845": (77.1765146, 84.5345956),
}


def time(mjd):
    t = Time(mjd, format="mjd", scale="utc", location=SITE)
    t.delta_ut1_utc = 0.0
    return t


def apparent(name, mjd):
    ra, dec = SOURCES[name]
    t = time(mjd)
    c = SkyCoord(ra=ra * u.deg, dec=dec * u.deg, frame="icrs").transform_to(TETE(obstime=t, location=SITE))
    last = t.sidereal_time("apparent", longitude=SITE.lon).deg
    ha = (last - c.ra.deg + 180.0) % 360.0 - 180.0
    return ha, c.dec.deg, last


def transit_near(name, mjd):
    # The hour angle grows by ~360.9856 deg a day; bracket the zero within a few minutes of the guess.
    ha, _, _ = apparent(name, mjd)
    guess = mjd - ha / 360.9856 
    return brentq(lambda m: apparent(name, m)[0], guess - 0.01, guess + 0.01, xtol=1e-10)


def response(theta_deg):
    x = math.pi * D * math.sin(math.radians(theta_deg)) / WAVELENGTH
    return 1.0 if x == 0 else (2 * j1(x) / x) ** 2


def half_power_radius():
    return brentq(lambda t: response(t) - 0.5, 0.01, 3.0, xtol=1e-12)


def offset(ha_src, dec_src, ha_p, dec_p):
    # The angle between two directions given by hour angle and declination.
    a = SkyCoord(ra=-ha_src * u.deg, dec=dec_src * u.deg)
    b = SkyCoord(ra=-ha_p * u.deg, dec=dec_p * u.deg)
    return a.separation(b).deg


def case(label, name, near_mjd, before_s, after_s, dec_shift_deg=0.0, ha_deg=0.0):
    t = transit_near(name, near_mjd)
    _, dec_app, _ = apparent(name, t)
    start, end = t - before_s / 86400.0, t + after_s / 86400.0
    dec_p = dec_app + dec_shift_deg
    theta = offset(0.0, dec_app, ha_deg, dec_p)
    return {
        "label": label, "source": name, "start_mjd": start, "end_mjd": end, "ha_deg": ha_deg,
        "dec_app_deg": dec_p, "transit_mjd": t, "offset_deg": theta, "response": response(theta),
        "inside_span": start <= t <= end,
    }


def main():
    hpr = half_power_radius()
    base = 61055.0  # 2026-01-15
    cases = [
        case("3C286 mid-file", "J1331+305", base + 0.3, 150, 150),
        case("3C286 a few seconds after the file ends", "J1331+305", base + 0.3, 305, -5),
        case("3C286 just inside the half-power radius", "J1331+305", base + 0.3, 150, 150, hpr - 0.01),
        case("3C286 just outside the half-power radius", "J1331+305", base + 0.3, 150, 150, -(hpr + 0.01)),
        case("3C286 with the file at hour angle 0.5 deg", "J1331+305", base + 0.3, 150, 150, 0.0, 0.5),
        case("3C48 mid-file, 0.4 deg south", "J0137+331", base + 0.7, 150, 150, -0.4),
        case("3C147 mid-file", "J0542+498", base + 0.9, 150, 150, 0.3),
        case("J0834+555 mid-file", "J0834+555", base + 0.1, 100, 200, 0.8),
        case("J0508+845 near the pole", "J0508+845", base + 0.9, 150, 150, 0.5),
    ]
    json.dump({"half_power_radius_deg": hpr, "site": [37.233386982, -118.283405115, 1188.0519], "cases": cases},
              __import__("sys").stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
