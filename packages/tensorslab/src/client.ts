import { createVendorClient, type VendorClientOptions, type VendorDescription } from '@mediajobs/core';
import type { Client } from 'openapi-fetch';
import type { paths as ImagesPaths } from './generated/images.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './generated/version.js';
import type { paths as VideoPaths } from './generated/video.js';

/**
 * How mediajobs talks to TensorsLab (video and images share it): `Authorization: Bearer <key>`, key
 * from TENSORSLAB_API_KEY by default. specs/tensorslab-video.yaml records why Bearer.
 */
export const TENSORSLAB: VendorDescription & { provider: 'tensorslab' } = {
  provider: 'tensorslab',
  packageName: PACKAGE_NAME,
  version: PACKAGE_VERSION,
  defaultBaseUrl: 'https://api.tensorslab.com',
  auth: { header: 'authorization', prefix: 'Bearer', envVar: 'TENSORSLAB_API_KEY' },
};

export type TensorsLabVideoClient = Client<VideoPaths>;
export type TensorsLabImagesClient = Client<ImagesPaths>;
export type TensorsLabClientOptions = VendorClientOptions;

/**
 * A typed client for TensorsLab's video tasks (batch delete, status by task id).
 * TensorsLab answers HTTP 200 even for failures: read the body's `code` (1000 is success).
 */
export function createTensorsLabVideoClient(options: TensorsLabClientOptions = {}): TensorsLabVideoClient {
  return createVendorClient<VideoPaths>(TENSORSLAB, options);
}

/** A typed client for TensorsLab's image tasks (batch delete, status by task id). */
export function createTensorsLabImagesClient(options: TensorsLabClientOptions = {}): TensorsLabImagesClient {
  return createVendorClient<ImagesPaths>(TENSORSLAB, options);
}
