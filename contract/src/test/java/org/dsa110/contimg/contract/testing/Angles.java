package org.dsa110.contimg.contract.testing;

/** Angles on the sky as tests compare them: separations and wrapped differences, in arcseconds. */
public final class Angles {

    private Angles() {}

    /** Angle between two directions, arcseconds (Vincenty: well-conditioned at every separation). */
    public static double separationArcsec(double ra1Deg, double dec1Deg, double ra2Deg, double dec2Deg) {
        double ra1 = Math.toRadians(ra1Deg);
        double dec1 = Math.toRadians(dec1Deg);
        double ra2 = Math.toRadians(ra2Deg);
        double dec2 = Math.toRadians(dec2Deg);
        double dra = ra2 - ra1;
        double num1 = Math.cos(dec2) * Math.sin(dra);
        double num2 = Math.cos(dec1) * Math.sin(dec2) - Math.sin(dec1) * Math.cos(dec2) * Math.cos(dra);
        double den = Math.sin(dec1) * Math.sin(dec2) + Math.cos(dec1) * Math.cos(dec2) * Math.cos(dra);
        return Math.toDegrees(Math.atan2(Math.hypot(num1, num2), den)) * 3600.0;
    }

    /** Difference of two angles in degrees, wrapped to (-180, 180], in arcseconds. */
    public static double angleDiffArcsec(double aDeg, double bDeg) {
        double d = ((aDeg - bDeg) % 360.0 + 540.0) % 360.0 - 180.0;
        return d * 3600.0;
    }
}
