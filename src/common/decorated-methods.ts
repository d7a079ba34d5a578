import type { DiscoveryService, MetadataScanner } from '@nestjs/core';

export interface DecoratedMethod<V> {
  /** What the decorator was given (a job name, an event type). */
  value: V;
  /** `Class.method`, for messages and ordering. */
  where: string;
  /** Calls the method on its provider. */
  call: (...args: unknown[]) => unknown;
}

/** The methods of static providers marked with a DiscoveryService decorator, found at boot. */
export function decoratedMethods<V>(
  discovery: DiscoveryService,
  scanner: MetadataScanner,
  decorator: Parameters<DiscoveryService['getMetadataByDecorator']>[0],
): DecoratedMethod<V>[] {
  return discovery.getProviders().flatMap((wrapper) => {
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) return [];
    return scanner.getAllMethodNames(Object.getPrototypeOf(instance)).flatMap((method): DecoratedMethod<V>[] => {
      const value = discovery.getMetadataByDecorator(decorator, wrapper, method) as V | undefined;
      if (!value) return [];
      const call = (...args: unknown[]) => (instance[method] as (...args: unknown[]) => unknown).apply(instance, args);
      return [{ value, where: `${wrapper.name}.${method}`, call }];
    });
  });
}
