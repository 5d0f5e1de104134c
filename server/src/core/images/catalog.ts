// The built-in catalog: every family's rows, in match order (first match wins).
// TEMPORARY while the catalog data is being written: a minimal row set.
import type { ImageEntry } from './types';

export const IMAGE_CATALOG: readonly ImageEntry[] = [];
