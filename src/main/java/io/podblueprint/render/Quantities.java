package io.podblueprint.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes resource quantities the way the API server stores them (resource.Quantity's canonical
 * form: 0.5 is 500m, 1024Mi is 1Gi, 1000m is 1). The operator's apply matcher compares what it
 * would write with what is stored; a quantity in another spelling never matched, so every reconcile
 * of a Pod, Job or CronJob sent a write that changed nothing.
 */
public final class Quantities {
  private static final Pattern QUANTITY =
      Pattern.compile("([+-]?[0-9.]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?");
  private static final List<String> BINARY = List.of("", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei");
  private static final Map<Integer, String> DECIMAL =
      Map.of(-9, "n", -6, "u", -3, "m", 0, "", 3, "k", 6, "M", 9, "G", 12, "T", 15, "P", 18, "E");
  private static final BigInteger KIBI = BigInteger.valueOf(1024);
  private static final BigInteger THOUSAND = BigInteger.valueOf(1000);

  private Quantities() {}

  /** The pod spec's container resources and emptyDir size limits, in canonical form. */
  static void canonicalize(PodSpec spec) {
    for (List<Container> containers : List.of(spec.getContainers(), spec.getInitContainers())) {
      if (containers == null) {
        continue;
      }
      for (Container container : containers) {
        var resources = container.getResources();
        if (resources != null) {
          resources.setLimits(canonical(resources.getLimits()));
          resources.setRequests(canonical(resources.getRequests()));
        }
      }
    }
    if (spec.getVolumes() != null) {
      spec.getVolumes().stream()
          .filter(v -> v.getEmptyDir() != null && v.getEmptyDir().getSizeLimit() != null)
          .forEach(v -> v.getEmptyDir().setSizeLimit(canonical(v.getEmptyDir().getSizeLimit())));
    }
  }

  private static Map<String, Quantity> canonical(Map<String, Quantity> quantities) {
    if (quantities == null) {
      return null;
    }
    Map<String, Quantity> out = new TreeMap<>();
    quantities.forEach((name, q) -> out.put(name, canonical(q)));
    return out;
  }

  private static Quantity canonical(Quantity quantity) {
    return quantity == null ? null : new Quantity(canonical(quantity.toString()));
  }

  /** The canonical spelling, or the input unchanged when it is not a quantity (validation says). */
  public static String canonical(String text) {
    Matcher m = QUANTITY.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      return text;
    }
    String suffix = m.group(2) == null ? "" : m.group(2);
    BigDecimal value;
    try {
      value = new BigDecimal(m.group(1)).multiply(multiplier(suffix));
    } catch (NumberFormatException e) {
      return text;
    }
    boolean exponent = suffix.startsWith("e") || suffix.startsWith("E");
    boolean binary = BINARY.contains(suffix) && !suffix.isEmpty();
    if (binary && value.abs().compareTo(BigDecimal.valueOf(1024)) >= 0 && isInteger(value)) {
      BigInteger n = value.toBigIntegerExact();
      int power = 0;
      while (power < BINARY.size() - 1 && n.mod(KIBI).signum() == 0) {
        n = n.divide(KIBI);
        power++;
      }
      return n + BINARY.get(power);
    }
    // Decimal: nano precision, rounded up as the API server does, then the largest power of 1000.
    BigInteger n = value.movePointRight(9).setScale(0, RoundingMode.CEILING).toBigIntegerExact();
    if (n.signum() == 0) {
      return "0";
    }
    int exp = -9;
    while (exp < 18 && n.mod(THOUSAND).signum() == 0) {
      n = n.divide(THOUSAND);
      exp += 3;
    }
    if (exponent) {
      return exp == 0 ? n.toString() : n + "e" + exp;
    }
    return n + DECIMAL.get(exp);
  }

  private static boolean isInteger(BigDecimal value) {
    return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
  }

  private static BigDecimal multiplier(String suffix) {
    int binary = BINARY.indexOf(suffix);
    if (binary > 0) {
      return new BigDecimal(KIBI.pow(binary));
    }
    if (suffix.startsWith("e") || suffix.startsWith("E")) {
      return BigDecimal.ONE.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
    }
    for (var entry : DECIMAL.entrySet()) {
      if (entry.getValue().equals(suffix)) {
        return BigDecimal.ONE.scaleByPowerOfTen(entry.getKey());
      }
    }
    throw new NumberFormatException(suffix);
  }
}
