import { Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

/** What Reflector reads metadata from: a class or a handler. */
type Target = Parameters<Reflector['get']>[1];

/** Answers by target chain, then by metadata key: plain map lookups, no key strings built per question. */
interface Node {
  readonly next: WeakMap<Target, Node>;
  readonly answers: Map<unknown, unknown>;
}

const newNode = (): Node => ({ next: new WeakMap(), answers: new Map() });

/** Stands for a remembered `undefined`, so a hit takes one map lookup. */
const NO_METADATA = Symbol('no metadata');

/**
 * A Reflector that remembers each answer: route metadata is fixed once the decorators have run, yet guards ask for it
 * on every request, and each `Reflect.getMetadata` walks prototype chains and metadata maps (about 6 µs of a cached
 * request's CPU, most of it @nestjs/throttler's six lookups per throttler). Misses ask Reflector itself. One instance,
 * provided by CommonModule, serves every guard and interceptor that injects it.
 */
@Injectable()
export class MemoizedReflector extends Reflector {
  private readonly single = newNode();
  private readonly overrides = newNode();

  override get<TResult = unknown, TKey = unknown>(metadataKey: TKey, target: Target): TResult {
    return this.remember(this.single, [target], metadataKey, () => super.get<TResult, TKey>(metadataKey, target));
  }

  override getAllAndOverride<TResult = unknown, TKey = unknown>(metadataKey: TKey, targets: Target[]): TResult {
    return this.remember(this.overrides, targets, metadataKey, () => super.getAllAndOverride<TResult, TKey>(metadataKey, targets));
  }

  private remember<T>(root: Node, targets: readonly Target[], metadataKey: unknown, compute: () => T): T {
    let node = root;
    for (const target of targets) {
      if (typeof target !== 'function') {
        return compute();
      }
      let child = node.next.get(target);
      if (child === undefined) {
        child = newNode();
        node.next.set(target, child);
      }
      node = child;
    }
    const known = node.answers.get(metadataKey);
    if (known !== undefined) {
      return (known === NO_METADATA ? undefined : known) as T;
    }
    const answer = compute();
    node.answers.set(metadataKey, answer === undefined ? NO_METADATA : answer);
    return answer;
  }
}
