package io.podblueprint.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs independent API calls of one reconcile at the same time (a blueprint's children are
 * independent objects), so a reconcile waits for the slowest call instead of the sum of them. The
 * first item runs on the calling thread; the others on a shared pool of daemon threads.
 */
final class Parallel {
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final ExecutorService POOL =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "podblueprint-apply-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          });

  private Parallel() {}

  /** One call's outcome: its value, or what it threw. */
  record Result<R>(R value, RuntimeException error) {
    boolean failed() {
      return error != null;
    }
  }

  /** Applies {@code call} to every item at once; the results are in the order of the items. */
  static <T, R> List<Result<R>> map(List<T> items, Function<T, R> call) {
    List<CompletableFuture<Result<R>>> others = new ArrayList<>();
    for (T item : items.subList(Math.min(1, items.size()), items.size())) {
      others.add(CompletableFuture.supplyAsync(() -> run(call, item), POOL));
    }
    List<Result<R>> results = new ArrayList<>();
    if (!items.isEmpty()) {
      results.add(run(call, items.get(0)));
    }
    others.forEach(future -> results.add(future.join()));
    return results;
  }

  private static <T, R> Result<R> run(Function<T, R> call, T item) {
    try {
      return new Result<>(call.apply(item), null);
    } catch (RuntimeException e) {
      return new Result<>(null, e);
    }
  }
}
