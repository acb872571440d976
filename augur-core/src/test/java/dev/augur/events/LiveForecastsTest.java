package dev.augur.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LiveForecastsTest {
    private static double metric(String page, String name) {
        return Arrays.stream(page.split("\n"))
                .filter(l -> l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " missing from\n" + page));
    }

    @Test
    void latencyPercentilesCoverTheLastMinuteOfFrames() {
        LiveForecasts live = new LiveForecasts(10, 0.5);
        assertThat(live.metrics()).contains("augur_forecast_latency_seconds{quantile=\"0.95\"} NaN");
        for (int i = 1; i <= 2000; i++) {
            live.add(new BurstForecaster.Forecast(i, i / 30.0, 0.1, 0.1, false), i / 1000.0, 0);
        }
        String page = live.metrics();
        // the last 1,800 latencies are 0.201 … 2.000 s: NumPy's linear quantiles of those
        assertThat(metric(page, "augur_forecast_latency_seconds{quantile=\"0.5\"}"))
                .isCloseTo(1.1005, offset(1e-9));
        assertThat(metric(page, "augur_forecast_latency_seconds{quantile=\"0.95\"}"))
                .isCloseTo(1.91005, offset(1e-9));
        assertThat(metric(page, "augur_forecast_latency_seconds{quantile=\"0.99\"}"))
                .isCloseTo(1.98201, offset(1e-9));
        assertThat(metric(page, "augur_forecast_latency_seconds_count")).isEqualTo(2000);
        assertThat(metric(page, "augur_forecast_latency_seconds_sum")).isCloseTo(2001.0, offset(1e-6));
    }

    @Test
    void alertsAreCountedForeverButOnlyTheNewestAreKept() {
        LiveForecasts live = new LiveForecasts(10, 0.5);
        int rises = LiveForecasts.ALERTS_KEPT + 205;
        for (int i = 0; i < 2 * rises; i++) {
            boolean alert = i % 2 == 1; // every other frame rises above the threshold: one alert each
            live.add(new BurstForecaster.Forecast(i, i / 30.0, alert ? 0.9 : 0.1, alert ? 0.9 : 0.1, alert), 0.001, 0);
        }
        assertThat(live.alertCount()).isEqualTo(rises);
        assertThat(metric(live.metrics(), "augur_alerts_total")).isEqualTo(rises);
        assertThat(live.alerts()).hasSize(LiveForecasts.ALERTS_KEPT);
        assertThat(live.alerts().get(0).frame()).isEqualTo(2 * 205 + 1);
        assertThat(live.alerts().get(LiveForecasts.ALERTS_KEPT - 1).frame()).isEqualTo(2 * rises - 1);
    }
}
