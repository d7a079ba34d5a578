import { Global, Injectable, Module } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, MetadataScanner } from '@nestjs/core';

/**
 * The one way a feature hooks into another's extension point: a decorator on
 * a provider's method (or class), found at boot by the registry that owns the
 * point. Nothing registers itself by calling the registry; a test scans src/
 * for any other way (src/common/hooks.spec.ts).
 */

/** A method decorator whose metadata the registry finds at boot; `F` is the shape the decorated method must have. */
export type MethodHook<V, F> = ((...value: HookValue<V>) => MethodDecoratorOf<F>) & { KEY: string };

/** The decorator's argument, which may be left out when every field of it may. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a test of whether every field of V is optional, not a type of values
type HookValue<V> = {} extends V ? [value?: V] : [value: V];

/** A method decorator that accepts only methods assignable to `F`. */
export type MethodDecoratorOf<F> = <M extends F>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<M>) => void;

/** A class decorator whose metadata the registry finds at boot; `T` is what the decorated class must implement. */
export type ClassHook<V, T> = ((value: V) => (target: abstract new (...args: never[]) => T) => void) & { KEY: string };

export function methodHook<V, F extends (...args: never[]) => unknown>(): MethodHook<V, F> {
  const decorator = DiscoveryService.createDecorator<V>();
  return Object.assign((...value: HookValue<V>) => decorator(value[0] ?? ({} as V)) as MethodDecoratorOf<F>, { KEY: decorator.KEY });
}

export function classHook<V, T>(): ClassHook<V, T> {
  const decorator = DiscoveryService.createDecorator<V>();
  return Object.assign((value: V) => decorator(value) as (target: abstract new (...args: never[]) => T) => void, { KEY: decorator.KEY });
}

type AnyHook = { KEY: string };

export interface DecoratedMethod<V> {
  /** What the decorator was given (a job name, an event type and priority). */
  value: V;
  /** `Class.method`, for messages. */
  where: string;
  /** Calls the method on its provider. */
  call: (...args: unknown[]) => unknown;
}

/**
 * What a class's methods are marked with: each method's own metadata, read
 * once a class (its prototype) for every hook, instead of once a hook.
 */
const marksOf = new WeakMap<object, Array<{ method: string; marks: Map<unknown, unknown> }>>();

function methodMarks(scanner: MetadataScanner, prototype: object): Array<{ method: string; marks: Map<unknown, unknown> }> {
  let found = marksOf.get(prototype);
  if (!found) {
    found = scanner.getAllMethodNames(prototype).flatMap((method) => {
      const fn = (prototype as Record<string, unknown>)[method];
      // A decorator sets its metadata on the method itself (SetMetadata, as DiscoveryService.createDecorator does).
      const keys = typeof fn === 'function' ? Reflect.getOwnMetadataKeys(fn) : [];
      return keys.length ? [{ method, marks: new Map(keys.map((key) => [key, Reflect.getOwnMetadata(key, fn as object)])) }] : [];
    });
    marksOf.set(prototype, found);
  }
  return found;
}

/** The methods of static providers marked with a hook (or any DiscoveryService decorator), found at boot. */
export function decoratedMethods<V>(discovery: DiscoveryService, scanner: MetadataScanner, decorator: AnyHook): DecoratedMethod<V>[] {
  return discovery.getProviders().flatMap((wrapper) => {
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) return [];
    return methodMarks(scanner, Object.getPrototypeOf(instance) as object).flatMap(({ method, marks }): DecoratedMethod<V>[] => {
      const value = marks.get(decorator.KEY) as V | undefined;
      if (!value) return [];
      const call = (...args: unknown[]) => (instance[method] as (...args: unknown[]) => unknown).apply(instance, args);
      return [{ value, where: `${wrapper.name}.${method}`, call }];
    });
  });
}

export interface DecoratedProvider<V, T> {
  value: V;
  /** The class name, for messages. */
  where: string;
  instance: T;
}

/** The static providers whose class is marked with a class hook, found at boot. */
export function decoratedProviders<V, T>(discovery: DiscoveryService, decorator: ClassHook<V, T>): DecoratedProvider<V, T>[] {
  return discovery.getProviders({ metadataKey: decorator.KEY }).flatMap((wrapper) => {
    if (!wrapper.instance || !wrapper.isDependencyTreeStatic()) return [];
    const value = discovery.getMetadataByDecorator(decorator as unknown as Parameters<DiscoveryService['getMetadataByDecorator']>[0], wrapper) as V | undefined;
    return value ? [{ value, where: String(wrapper.name), instance: wrapper.instance as T }] : [];
  });
}

export interface Prioritised {
  /** Lower runs first; 0 when the hook gives none. */
  priority?: number;
  where: string;
}

/**
 * The hooks of one extension point in the order they run: by priority, given
 * in the decorator, never by the names of classes. Two hooks of one group
 * (one event type, say) with the same priority fail the boot, naming both:
 * where order can matter it is written down, not left to chance.
 */
export function inPriorityOrder<T extends Prioritised>(point: string, found: T[], groupOf: (hook: T) => string = () => ''): T[] {
  const seen = new Map<string, T>();
  const ties: string[] = [];
  for (const hook of found) {
    const slot = `${groupOf(hook)}\u0000${hook.priority ?? 0}`;
    const other = seen.get(slot);
    if (other) ties.push(`${other.where} and ${hook.where}${groupOf(hook) ? ` (${groupOf(hook)})` : ''} both have priority ${hook.priority ?? 0}`);
    else seen.set(slot, hook);
  }
  if (ties.length) throw new Error(`${point}: give each a priority of its own, the order they run in:\n  - ${ties.join('\n  - ')}`);
  return [...found].sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));
}

/** What the registries use to find their hooks at boot (in their onModuleInit: every provider exists by then). */
@Injectable()
export class Hooks {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  /** The methods marked with this hook, each with the decorator's value. */
  methods<V>(hook: MethodHook<V, never>): DecoratedMethod<V>[] {
    return decoratedMethods<V>(this.discovery, this.scanner, hook);
  }

  /** The methods marked with a hook whose value is an object: that object, with where the method is and how to call it. */
  found<V extends object>(hook: MethodHook<V, never>): Array<V & Omit<DecoratedMethod<V>, 'value'>> {
    return this.methods(hook).map(({ value, where, call }) => ({ ...value, where, call }));
  }

  /** The providers whose class is marked with this hook. */
  providers<V, T>(hook: ClassHook<V, T>): DecoratedProvider<V, T>[] {
    return decoratedProviders(this.discovery, hook);
  }
}

@Global()
@Module({ imports: [DiscoveryModule], providers: [Hooks], exports: [Hooks] })
export class HooksModule {}
