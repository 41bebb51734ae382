/**
 * A token bucket per key (a school): `perMinute` requests at once, refilled
 * at perMinute a minute. In memory, so each receiver process counts on its own.
 * Kept in whole units (one request = 60,000 units, refill = perMinute units a
 * millisecond) so that refills add up exactly.
 */
const REQUEST = 60_000;

export class RateLimiter {
  private readonly buckets = new Map<string, { units: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number,
  ) {}

  /** Takes one request from the key's bucket: 0 when allowed, else the whole seconds until one is. */
  take(key: string): number {
    const now = this.now();
    const full = this.perMinute * REQUEST;
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
}
