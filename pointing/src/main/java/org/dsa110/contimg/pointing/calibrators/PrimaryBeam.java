package org.dsa110.contimg.pointing.calibrators;

import org.apache.commons.math3.special.BesselJ;

/**
 * A DSA-110 dish's primary beam: the power pattern of a uniformly lit circular aperture (an Airy pattern),
 * {@code A(θ) = (2 J1(x) / x)²} with {@code x = π D sin θ / λ}, for {@code D = 4.65 m} at {@code ν = 1.405 GHz}
 * (λ = 0.2134 m): 1 on axis, 0.5 at θ = 1.353°, its first null at 3.21°.
 */
public final class PrimaryBeam {

    public static final double DISH_DIAMETER_M = 4.65;
    public static final double FREQUENCY_HZ = 1.405e9;
    private static final double SPEED_OF_LIGHT = 299_792_458.0;
    private static final PrimaryBeam DSA110 = new PrimaryBeam(DISH_DIAMETER_M, FREQUENCY_HZ);

    private final double scale;

    private PrimaryBeam(double diameterM, double frequencyHz) {
        this.scale = Math.PI * diameterM / (SPEED_OF_LIGHT / frequencyHz);
    }

    public static PrimaryBeam dsa110() {
        return DSA110;
    }

    /** The response at {@code offsetDeg} from the pointing centre, 1 on axis. */
    public double response(double offsetDeg) {
        double x = scale * Math.sin(Math.toRadians(offsetDeg));
        if (Math.abs(x) < 1e-8) {
            return 1.0;
        }
        double amplitude = 2 * BesselJ.value(1, x) / x;
        return amplitude * amplitude;
    }

    /** The offset (degrees, inside the main lobe) at which the response falls to {@code response}, in (0, 1]. */
    public double radiusDeg(double response) {
        if (!(response > 0 && response <= 1)) {
            throw new IllegalArgumentException("a response must be in (0, 1]: " + response);
        }
        double lo = 0;
        double hi = firstNullDeg();
        for (int i = 0; i < 60; i++) { // bisection: the main lobe falls monotonically
            double mid = (lo + hi) / 2;
            if (response(mid) > response) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** The first null: J1's first zero, x = 3.8317. */
    public double firstNullDeg() {
        return Math.toDegrees(Math.asin(3.8317059702075125 / scale));
    }
}
