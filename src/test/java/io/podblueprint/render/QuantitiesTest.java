package io.podblueprint.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The canonical spellings the API server stores (k8s.io/apimachinery resource.Quantity). */
@Tag("unit")
class QuantitiesTest {
  @ParameterizedTest(name = "{0} is stored as {1}")
  @CsvSource({
    "0.5, 500m",
    "1, 1",
    "1000m, 1",
    "1.5, 1500m",
    "0.1, 100m",
    "250m, 250m",
    "1024Mi, 1Gi",
    "512Mi, 512Mi",
    "1.5Gi, 1536Mi",
    "2048Ki, 2Mi",
    "100M, 100M",
    "1000k, 1M",
    "128974848, 128974848",
    "1e3, 1e3",
    "129e6, 129e6",
    "0, 0",
    "0.5Ki, 512",
    "1500, 1500",
    "1Ki, 1Ki",
    "1024Ei, 1024Ei",
    "1.0001Ki, 1024102400u",
    "not-a-quantity, not-a-quantity"
  })
  void canonical(String written, String stored) {
    assertThat(Quantities.canonical(written)).isEqualTo(stored);
  }
}
