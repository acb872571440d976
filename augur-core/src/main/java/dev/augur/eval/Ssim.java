package dev.augur.eval;

/**
 * Structural similarity (Wang, Bovik, Sheikh and Simoncelli 2004, Eq. 13) with their reference settings: an
 * 11×11 Gaussian window (σ = 1.5), K1 = 0.01, K2 = 0.03, dynamic range 1, averaged over the 'valid' positions
 * of the window and over channels. Frames smaller than the window use a window cut to the frame.
 */
public final class Ssim {
    private static final double C1 = 0.01 * 0.01;
    private static final double C2 = 0.03 * 0.03;
    private static final double[] WINDOW = gaussian(11, 1.5);

    private Ssim() {}

    /** SSIM of two [C, H, W] frames stored row-major from {@code offset}. */
    public static double of(float[] a, int aOffset, float[] b, int bOffset, int channels, int height, int width) {
        double total = 0;
        for (int c = 0; c < channels; c++) {
            int plane = height * width;
            total += plane(a, aOffset + c * plane, b, bOffset + c * plane, height, width);
        }
        return total / channels;
    }

    private static double plane(float[] a, int ao, float[] b, int bo, int h, int w) {
        int k = Math.min(WINDOW.length, Math.min(h, w));
        double[] win = k == WINDOW.length ? WINDOW : gaussian(k, 1.5);
        int oh = h - k + 1;
        int ow = w - k + 1;
        // separable filtering: rows first, then columns, of x, y, x², y², xy
        double[][] rows = new double[5][h * ow];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < ow; x++) {
                double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
                for (int i = 0; i < k; i++) {
                    double g = win[i];
                    double p = a[ao + y * w + x + i];
                    double q = b[bo + y * w + x + i];
                    sx += g * p;
                    sy += g * q;
                    sxx += g * p * p;
                    syy += g * q * q;
                    sxy += g * p * q;
                }
                int idx = y * ow + x;
                rows[0][idx] = sx;
                rows[1][idx] = sy;
                rows[2][idx] = sxx;
                rows[3][idx] = syy;
                rows[4][idx] = sxy;
            }
        }
        double sum = 0;
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                double mx = 0, my = 0, mxx = 0, myy = 0, mxy = 0;
                for (int i = 0; i < k; i++) {
                    double g = win[i];
                    int idx = (y + i) * ow + x;
                    mx += g * rows[0][idx];
                    my += g * rows[1][idx];
                    mxx += g * rows[2][idx];
                    myy += g * rows[3][idx];
                    mxy += g * rows[4][idx];
                }
                double vx = mxx - mx * mx;
                double vy = myy - my * my;
                double cov = mxy - mx * my;
                sum += ((2 * mx * my + C1) * (2 * cov + C2)) / ((mx * mx + my * my + C1) * (vx + vy + C2));
            }
        }
        return sum / (oh * ow);
    }

    private static double[] gaussian(int size, double sigma) {
        double[] g = new double[size];
        double c = (size - 1) / 2.0;
        double s = 0;
        for (int i = 0; i < size; i++) {
            g[i] = Math.exp(-((i - c) * (i - c)) / (2 * sigma * sigma));
            s += g[i];
        }
        for (int i = 0; i < size; i++) {
            g[i] /= s;
        }
        return g;
    }
}
