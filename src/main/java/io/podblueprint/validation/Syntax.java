package io.podblueprint.validation;

import java.util.regex.Pattern;

/** The name and value syntaxes of Kubernetes' apimachinery validation, as plain predicates. */
final class Syntax {
  private static final Pattern DNS_1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern QUALIFIED_NAME_PART =
      Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern QUANTITY = Pattern.compile(PodRules.QUANTITY);
  static final int MAX_LABEL = 63;
  static final int MAX_SUBDOMAIN = 253;

  private Syntax() {}

  static boolean dnsSubdomain(String value) {
    return value.length() <= MAX_SUBDOMAIN && DNS_1123_SUBDOMAIN.matcher(value).matches();
  }

  static boolean dns1035Label(String value) {
    return value.length() <= MAX_LABEL && DNS_1035_LABEL.matcher(value).matches();
  }

  /** A label or annotation key: an optional DNS subdomain prefix and '/', then a name part. */
  static boolean qualifiedName(String value) {
    int slash = value.indexOf('/');
    String name = slash < 0 ? value : value.substring(slash + 1);
    if (slash >= 0 && !dnsSubdomain(value.substring(0, slash))) {
      return false;
    }
    return name.length() <= MAX_LABEL && QUALIFIED_NAME_PART.matcher(name).matches();
  }

  /** A label value: empty, or at most 63 characters shaped like a qualified name's name part. */
  static boolean labelValue(String value) {
    return value.isEmpty()
        || (value.length() <= MAX_LABEL && QUALIFIED_NAME_PART.matcher(value).matches());
  }

  static boolean quantity(String value) {
    return QUANTITY.matcher(value).matches();
  }
}
