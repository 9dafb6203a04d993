import { defineVendor } from '@mediajobs/core';
import { TENSORSLAB } from './client.js';
import { connectTensorsLab } from './connection.js';
import { image } from './kinds/image.js';
import { video } from './kinds/video.js';

/** TensorsLab for the mediajobs facade: video tasks (the default kind) and image tasks. */
export const tensorslab = /* @__PURE__ */ defineVendor({
  description: TENSORSLAB,
  ownOptions: {
    // Literal text, not a template: the module then stays removable when only a client is imported.
    batchSize: { type: 'number', description: 'task ids per batch delete call (default 100)' },
  },
  connect: connectTensorsLab,
  kinds: [video, image],
});
