import { defineVendor } from '@mediajobs/core';
import { TENSORSLAB } from './client.js';
import { connectTensorsLab, DEFAULT_TENSORSLAB_BATCH_SIZE } from './connection.js';
import { image } from './kinds/image.js';
import { video } from './kinds/video.js';

/** TensorsLab for the mediajobs facade: video tasks (the default kind) and image tasks. */
export const tensorslab = defineVendor({
  description: TENSORSLAB,
  ownOptions: {
    batchSize: {
      type: 'number',
      description: `task ids per batch delete call (default ${DEFAULT_TENSORSLAB_BATCH_SIZE})`,
    },
  },
  connect: connectTensorsLab,
  kinds: [video, image],
});
