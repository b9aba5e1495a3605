/**
 * Wraps `owner[name]` and returns a function that undoes it. If someone else
 * wrapped the method after us, undoing would drop their wrapper, so ours is
 * left in place and switched off instead.
 */
export function patchMethod<T extends object, K extends keyof T>(
  owner: T,
  name: K,
  wrap: (original: T[K]) => T[K],
): () => void {
  const original = owner[name];
  if (typeof original !== 'function') return () => {};
  let active = true;
  const wrapped = wrap(original);
  const passthrough = function (this: unknown, ...args: unknown[]) {
    const fn = (active ? wrapped : original) as unknown as (...a: unknown[]) => unknown;
    return fn.apply(this, args);
  } as unknown as T[K];
  try {
    owner[name] = passthrough;
  } catch {
    return () => {};
  }
  return () => {
    active = false;
    if (owner[name] === passthrough) owner[name] = original;
  };
}

/** Wraps a property setter on a prototype (e.g. `HTMLInputElement.prototype.value`). */
export function patchSetter(
  proto: object,
  prop: string,
  after: (el: unknown, value: unknown) => void,
): () => void {
  const descriptor = Object.getOwnPropertyDescriptor(proto, prop);
  if (!descriptor?.set || !descriptor.configurable) return () => {};
  const { set, get } = descriptor;
  let active = true;
  const patched: PropertyDescriptor = {
    ...descriptor,
    set(this: unknown, value: unknown) {
      const before = active && get ? get.call(this) : undefined;
      set.call(this, value);
      if (active && before !== value) after(this, value);
    },
  };
  try {
    Object.defineProperty(proto, prop, patched);
  } catch {
    return () => {};
  }
  return () => {
    active = false;
    const now = Object.getOwnPropertyDescriptor(proto, prop);
    if (now?.set === patched.set) Object.defineProperty(proto, prop, descriptor);
  };
}
