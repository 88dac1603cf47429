package org.jgdbserver.tracer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The futures a tracer hands out. Waiting for one on the tracer's own thread (an event loop that
 * hosts the tracer, see {@link TracerHost}) would wait for events only that thread can collect:
 * there {@code join} and {@code get} collect and handle tracee events themselves until the
 * future is done. Elsewhere they wait as any future does. Futures derived from one
 * ({@code thenApply}, {@code thenCompose}, ...) are tracer futures too.
 */
final class TracerFuture<T> extends CompletableFuture<T> {
    private final Tracer tracer;

    TracerFuture(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new TracerFuture<>(tracer);
    }

    @Override
    public T join() {
        if (!isDone() && tracer.onTracerThread()) {
            tracer.serveUntil(this, Long.MAX_VALUE);
        }
        return super.join();
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        if (!isDone() && tracer.onTracerThread()) {
            tracer.serveUntil(this, Long.MAX_VALUE);
        }
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        if (!isDone() && tracer.onTracerThread()) {
            tracer.serveUntil(this, System.nanoTime() + unit.toNanos(timeout));
            return super.get(0, TimeUnit.NANOSECONDS);
        }
        return super.get(timeout, unit);
    }
}
