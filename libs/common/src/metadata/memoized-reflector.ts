import { Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import { getOrCreate } from '../collections/get-or-create.js';

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
 * request's CPU, most of it @nestjs/throttler's six lookups per throttler). Misses ask Reflector itself; a hit allocates
 * nothing (no closure, no target array). One instance, provided by CommonModule, serves every guard and interceptor
 * that injects it.
 */
@Injectable()
export class MemoizedReflector extends Reflector {
  private readonly single = newNode();
  private readonly overrides = newNode();

  override get<TResult = unknown, TKey = unknown>(metadataKey: TKey, target: Target): TResult {
    const answers = typeof target === 'function' ? childOf(this.single, target).answers : undefined;
    const known = answers?.get(metadataKey);
    if (known !== undefined) {
      return (known === NO_METADATA ? undefined : known) as TResult;
    }
    return remember(answers, metadataKey, super.get<TResult, TKey>(metadataKey, target));
  }

  override getAllAndOverride<TResult = unknown, TKey = unknown>(metadataKey: TKey, targets: Target[]): TResult {
    const answers = answersFor(this.overrides, targets);
    const known = answers?.get(metadataKey);
    if (known !== undefined) {
      return (known === NO_METADATA ? undefined : known) as TResult;
    }
    return remember(answers, metadataKey, super.getAllAndOverride<TResult, TKey>(metadataKey, targets));
  }
}

function childOf(node: Node, target: Target): Node {
  return getOrCreate(node.next, target, newNode);
}

/** The answers remembered for this chain of targets; undefined when one is not a class or function (not cacheable). */
function answersFor(root: Node, targets: readonly Target[]): Map<unknown, unknown> | undefined {
  let node = root;
  for (let index = 0; index < targets.length; index++) {
    const target = targets[index];
    if (typeof target !== 'function') {
      return undefined;
    }
    node = childOf(node, target);
  }
  return node.answers;
}

function remember<T>(answers: Map<unknown, unknown> | undefined, metadataKey: unknown, answer: T): T {
  answers?.set(metadataKey, answer === undefined ? NO_METADATA : answer);
  return answer;
}
