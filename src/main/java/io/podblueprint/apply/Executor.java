package io.podblueprint.apply;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.podblueprint.config.WriteFence;
import io.podblueprint.status.ApplyReport;
import io.podblueprint.status.Reasons;
import java.util.ArrayList;
import java.util.List;

/**
 * Performs a plan and nothing else: dry runs, server-side applies under one field manager, deletes
 * (the creates first resolved by {@link Lookup}). Every API error goes through {@link #failed}:
 * transient (rethrown, the reconcile is retried), immutable (reported), or a refusal (reported;
 * checked again later when the cluster can clear it). The Events it asks for are returned, to be
 * sent once the status is written.
 */
public final class Executor {
  public static final String FIELD_MANAGER = "podblueprint-operator";
  private static final int MAX_PREFIX = 50;

  private final KubernetesClient client;
  private final Lookup lookup;

  public Executor(KubernetesClient client) {
    this.client = client;
    this.lookup = new Lookup(client);
  }

  /** Stops at the first refusal; see {@link Planner} for the order of the steps. */
  public Outcome execute(List<Step> plan, Prior prior, Written written) {
    Run run = new Run(prior, written);
    try {
      return run.all(plan);
    } catch (Refusal refusal) {
      // Every occurrence is reported; a repeat of the last one adds to its Event's count.
      String message = refusal.message;
      run.warn(message);
      return new Outcome(
          new ApplyReport.Refused(Reasons.CHILD_REFUSED, message, refusal.recheck), run.notices);
    }
  }

  private final class Run {
    final Prior prior;
    final Written written;
    final List<Notice> notices = new ArrayList<>();
    final List<String> created = new ArrayList<>();
    final List<String> updated = new ArrayList<>();

    Run(Prior prior, Written written) {
      this.prior = prior;
      this.written = written;
    }

    Outcome all(List<Step> plan) {
      for (Step step : plan) {
        if (step instanceof Step.Refuse refuse) {
          throw new Refusal(refuse.message(), true);
        }
      }
      List<Step> writes = lookup.writes(plan);
      String replacing = null;
      try {
        if (createOnly(writes, prior)) {
          createInOrder(writes);
        } else {
          // All or nothing: the writes after the first are tried with a dry run before the first
          // is made. The first needs none: if it is refused, nothing has been written.
          for (Step step : writes.subList(Math.min(1, writes.size()), writes.size())) {
            write(step, true);
          }
          for (Step step : writes) {
            String replaced = write(step, false);
            replacing = replacing == null ? replaced : replacing;
          }
        }
      } finally {
        announce("Created", created);
        announce("Updated", updated);
      }
      for (Step step : plan) {
        if (step instanceof Step.Skip skip && skip.why() == Step.Why.BEING_DELETED) {
          replacing = replacing == null ? describe(skip.child()) : replacing;
        }
      }
      if (replacing != null) {
        return new Outcome(ApplyReport.replacing(replacing), notices); // deletes wait for it
      }
      for (Step step : plan) {
        if (step instanceof Step.Delete delete) {
          delete(delete.live(), DeletionPropagation.BACKGROUND);
          notices.add(
              new Notice(
                  false,
                  "Deleted",
                  "Deleted " + describe(delete.live()) + ": the spec no longer asks for it"));
        }
      }
      for (Step step : plan) {
        if (step instanceof Step.Skip skip && skip.why() == Step.Why.ALREADY_RAN) {
          return new Outcome(new ApplyReport.AlreadyRan(describe(skip.child())), notices);
        }
      }
      return new Outcome(ApplyReport.APPLIED, notices);
    }

    /**
     * Every write is a create, and the last status reports no refusal: a blueprint that is still
     * refused takes the dry-run path, so it is not created and deleted again on every reconcile
     * (the deletion's own watch event would start the next one).
     */
    static boolean createOnly(List<Step> writes, Prior prior) {
      return prior.refusal() == null
          && writes.size() > 1
          && writes.stream().allMatch(Step.Create.class::isInstance);
    }

    /**
     * Nothing of the blueprint exists yet (every write is a create): the children are created in
     * the plan's order, the Service first, without dry runs. All or nothing is kept by undoing: if
     * a later create is refused, the ones made before it are deleted again before the refusal is
     * reported. The workload comes last, so a refused Service (a nodePort only the real write
     * checks) never lets a Pod or Job run for nothing, and a refused workload costs the Service's
     * delete. This makes a new blueprint's first reconcile, and its first status, one round trip
     * per dry run shorter.
     */
    void createInOrder(List<Step> creates) {
      List<HasMetadata> made = new ArrayList<>();
      try {
        for (Step step : creates) {
          made.add(apply(Planner.desiredOf(step), step, false));
        }
      } catch (Refusal refusal) {
        made.forEach(Executor.this::undo);
        made.clear();
        throw refusal;
      } finally {
        for (int i = 0; i < made.size(); i++) {
          written.created(made.get(i));
          created.add(describe(Planner.desiredOf(creates.get(i))));
        }
      }
    }

    /** Performs one write (or its dry run); returns the child being replaced, if it is. */
    String write(Step step, boolean dryRun) {
      HasMetadata desired = Planner.desiredOf(step);
      WriteFence.check();
      try {
        if (step instanceof Step.Replace replace) {
          client.resource(dryRunCopy(desired)).dryRun().create();
          if (dryRun) {
            return null;
          }
          delete(replace.live(), DeletionPropagation.FOREGROUND);
          String what = describe(replace.live());
          notices.add(
              new Notice(
                  false,
                  "Replacing",
                  "Replacing " + what + ": the change to its spec cannot be made in place"));
          return what;
        }
        boolean create = step instanceof Step.Create;
        HasMetadata applied = apply(desired, step, dryRun);
        if (!dryRun) {
          if (create) {
            written.created(applied);
            created.add(describe(desired));
          } else {
            written.updated(applied, ((Step.Update) step).live());
            updated.add(describe(desired));
          }
        }
        return null;
      } catch (KubernetesClientException e) {
        throw failed(e, step, desired);
      }
    }

    /** One server-side apply (or its dry run): a create without force, an update with it. */
    HasMetadata apply(HasMetadata desired, Step step, boolean dryRun) {
      WriteFence.check();
      try {
        var apply = client.resource(desired).dryRun(dryRun).fieldManager(FIELD_MANAGER);
        return step instanceof Step.Create
            ? apply.serverSideApply()
            : apply.forceConflicts().serverSideApply();
      } catch (KubernetesClientException e) {
        throw failed(e, step, desired);
      }
    }

    /** The one error path: transient, immutable, or a refusal. */
    RuntimeException failed(KubernetesClientException e, Step step, HasMetadata desired) {
      if (Transient.is(e)) {
        return e;
      }
      if (step instanceof Step.Update && Immutability.refusedAsImmutable(e, desired)) {
        return new Refusal(
            describe(desired)
                + " differs from the blueprint in a field that cannot change in place, although it"
                + " was created from this spec (a webhook or another writer changes it); it is not"
                + " replaced again for this generation: "
                + Refusals.describe(desired, e),
            false);
      }
      return new Refusal(Refusals.describe(desired, e), Refusals.dependsOnCluster(e));
    }

    void warn(String message) {
      notices.add(new Notice(true, Reasons.CHILD_REFUSED, message));
    }

    /** One Event for the children a reconcile wrote: "Created Service web and Deployment web". */
    void announce(String verb, List<String> children) {
      if (!children.isEmpty()) {
        notices.add(new Notice(false, verb, verb + " " + String.join(" and ", children)));
      }
    }
  }

  /** Deletes a child this reconcile created, after another was refused; gone already is fine. */
  private void undo(HasMetadata child) {
    try {
      delete(child, DeletionPropagation.BACKGROUND);
    } catch (KubernetesClientException e) {
      if (e.getCode() != NOT_FOUND) {
        throw e;
      }
    }
  }

  private static final int NOT_FOUND = 404;

  private void delete(HasMetadata child, DeletionPropagation propagation) {
    WriteFence.check();
    client.resource(child).withPropagationPolicy(propagation).delete();
  }

  /** The new child under a generated name, for a dry run while the old one still holds the name. */
  private HasMetadata dryRunCopy(HasMetadata desired) {
    HasMetadata copy = client.getKubernetesSerialization().clone(desired);
    String name = desired.getMetadata().getName();
    copy.getMetadata().setName(null);
    copy.getMetadata()
        .setGenerateName(name.substring(0, Math.min(name.length(), MAX_PREFIX)) + "-");
    copy.getMetadata().setOwnerReferences(null);
    return copy;
  }

  static String describe(HasMetadata child) {
    return child.getKind() + " " + child.getMetadata().getName();
  }
}
