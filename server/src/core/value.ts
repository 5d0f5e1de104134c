// A fact the analyzer may or may not know. Rules act only on known values; hovers print the reason.

export type Known<T> = { known: true; value: T };
export type Unknown = { known: false; reason: string };
export type Maybe<T> = Known<T> | Unknown;

export function known<T>(value: T): Known<T> {
  return { known: true, value };
}

export function unknown(reason: string): Unknown {
  return { known: false, reason };
}
