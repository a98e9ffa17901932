package io.dbisolation.schema;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.dbisolation.report.RunRecorder;

/**
 * Ready clones of one template, for tests that each need a fresh schema. Clones are made
 * in the background so that a test rarely waits; used ones are recycled (only the tables
 * a test changed are refilled) rather than dropped. The number kept ready follows demand:
 * it grows by one each time a test had to wait, up to a bound.
 */
public final class SchemaPool {

	private static final Log logger = LogFactory.getLog(SchemaPool.class);

	/** The most ready clones kept per template. */
	static final int MAX_READY = 4;

	private final SchemaOwner owner;

	private final Template template;

	private final BlockingQueue<PrivateSchema> ready = new LinkedBlockingQueue<>();

	private final AtomicInteger target = new AtomicInteger(1);

	private final AtomicInteger pending = new AtomicInteger();

	private final ExecutorService background;

	private volatile String templateStructure;

	private volatile boolean closed;

	SchemaPool(SchemaOwner owner, Template template) {
		this.owner = owner;
		this.template = template;
		this.background = Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "dbisolation-pool-" + template.name());
			thread.setDaemon(true);
			return thread;
		});
		refill();
	}

	/**
	 * A fresh clone of the template: a ready one, or, if none is ready, one cloned now.
	 * @return a schema for one test's exclusive use, to be given back
	 */
	public PrivateSchema take() {
		long started = System.nanoTime();
		PrivateSchema schema = this.ready.poll();
		boolean hit = schema != null;
		if (schema == null) {
			this.target.updateAndGet((n) -> Math.min(MAX_READY, n + 1));
			schema = cloneNow();
		}
		refill();
		RunRecorder.poolTake(this.template.name(), schema.name(), hit, started);
		return schema;
	}

	/**
	 * Takes back a used clone: recycled into the pool if there is room and its structure
	 * is unchanged, dropped otherwise.
	 * @param schema a schema from {@link #take()}
	 */
	public void giveBack(PrivateSchema schema) {
		if (this.closed || this.ready.size() >= this.target.get()
				|| !this.owner.recycle(this.template, schema.name(), this.templateStructure)) {
			schema.destroy();
			refill();
			return;
		}
		this.ready.add(schema);
	}

	/**
	 * How many clones are ready now.
	 * @return the number of ready clones
	 */
	public int readyCount() {
		return this.ready.size();
	}

	/**
	 * Stops preparing clones and drops the ready ones.
	 */
	void close() {
		this.closed = true;
		this.background.shutdownNow();
		try {
			this.background.awaitTermination(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		PrivateSchema schema;
		while ((schema = this.ready.poll()) != null) {
			schema.destroy();
		}
	}

	private void refill() {
		while (!this.closed && this.ready.size() + this.pending.get() < this.target.get()) {
			this.pending.incrementAndGet();
			this.background.execute(() -> {
				try {
					if (!this.closed) {
						this.ready.add(cloneNow());
					}
				}
				catch (RuntimeException ex) {
					logger.warn("Could not prepare a clone of '" + this.template.name() + "': " + ex.getMessage());
				}
				finally {
					this.pending.decrementAndGet();
				}
			});
		}
	}

	private PrivateSchema cloneNow() {
		PrivateSchema schema = this.owner.create();
		try {
			schema.cloneFrom(this.template);
			if (this.templateStructure == null) {
				// a fresh clone has the template's structure, without its marker table
				this.templateStructure = this.owner.structure(schema.name());
			}
			return schema;
		}
		catch (RuntimeException ex) {
			schema.destroy();
			throw ex;
		}
	}

}
