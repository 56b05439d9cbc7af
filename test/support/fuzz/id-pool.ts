import fc from 'fast-check';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_IDS_PER_COLLECTION = 50;

/** The collection an operation's ids belong to: its path up to the first parameter (`/v1/models/{id}/variants` → `/v1/models`). */
const collectionOf = (template: string): string => template.split('/{')[0]!;

/**
 * Ids of resources that exist, gathered from the answers of earlier requests, so that fuzzed requests reach the
 * routes behind a lookup (update, delete, rotate, download) and not only their 404. Which id a request takes is
 * chosen by the seed; the ids themselves are the database's, so a replay may pick a different resource.
 */
export class IdPool {
  private readonly ids = new Map<string, string[]>();
  private readonly protectedIds = new Set<string>();

  /** Keeps the `id` of a JSON answer to an operation of `template`, and of each of its `items`. */
  harvest(template: string, body: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return;
    }
    const collection = collectionOf(template);
    const ids = this.ids.get(collection) ?? [];
    this.ids.set(collection, ids);
    const records = [parsed, ...((parsed as { items?: unknown[] } | null)?.items ?? [])];
    for (const record of records) {
      const id = (record as { id?: unknown } | null)?.id;
      if (typeof id === 'string' && UUID.test(id) && !this.protectedIds.has(id) && !ids.includes(id) && ids.length < MAX_IDS_PER_COLLECTION) {
        ids.push(id);
      }
    }
  }

  /** Keeps the ids of a JSON answer (a list of the run's own credentials) out of the pool for good. */
  protect(template: string, body: string): void {
    this.harvest(template, body);
    this.ids.get(collectionOf(template))?.splice(0).forEach((id) => this.protectedIds.add(id));
  }

  /** An id seen so far in the collection of `template`, or a random UUID while none has been. */
  arbitrary(template: string): fc.Arbitrary<string> {
    return fc.tuple(fc.nat(), fc.uuid()).map(([index, fallback]) => {
      const ids = this.ids.get(collectionOf(template)) ?? [];
      return ids.length > 0 ? ids[index % ids.length]! : fallback;
    });
  }
}
