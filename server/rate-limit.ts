/**
 * A token bucket per key (a school, or a client address): `perMinute` requests
 * at once, refilled at perMinute a minute. In memory, so each receiver process
 * counts on its own. Kept in whole units (one request = 60,000 units, refill =
 * perMinute units a millisecond) so that refills add up exactly.
 */
const REQUEST = 60_000;
/** How often buckets that have refilled are dropped, so that many addresses cannot grow the map for good. */
const SWEEP_EVERY_MS = 60_000;

export class RateLimiter {
  private readonly buckets = new Map<string, { units: number; at: number }>();
  private sweptAt: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number,
  ) {
    this.sweptAt = now();
  }

  /** Takes one request from the key's bucket: 0 when allowed, else the whole seconds until one is. */
  take(key: string): number {
    const now = this.now();
    const full = this.perMinute * REQUEST;
    if (now - this.sweptAt >= SWEEP_EVERY_MS) this.sweep(now, full);
    const bucket = this.buckets.get(key) ?? { units: full, at: now };
    bucket.units = Math.min(full, bucket.units + Math.max(0, now - bucket.at) * this.perMinute);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.units >= REQUEST) {
      bucket.units -= REQUEST;
      return 0;
    }
    return Math.ceil((REQUEST - bucket.units) / this.perMinute / 1000);
  }

  /** A full bucket is the same as none. */
  private sweep(now: number, full: number): void {
    for (const [key, bucket] of this.buckets) if (bucket.units + (now - bucket.at) * this.perMinute >= full) this.buckets.delete(key);
    this.sweptAt = now;
  }
}
