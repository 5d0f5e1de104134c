// The built-in catalog: every family's rows, in match order (first match wins).
import type { ImageEntry } from './types';
import { OFFICIAL_IMAGES } from './catalog/official';
import { DEVCONTAINER_IMAGES } from './catalog/devcontainers';
import { VENDOR_IMAGES } from './catalog/vendors';
import { OLDER_DEVCONTAINER_IMAGES } from './catalog/devcontainers-older';

export const IMAGE_CATALOG: readonly ImageEntry[] = [
  ...DEVCONTAINER_IMAGES,
  ...OLDER_DEVCONTAINER_IMAGES,
  ...VENDOR_IMAGES,
  ...OFFICIAL_IMAGES,
];
