import { defineVendor } from '@mediajobs/core';
import { BIFROST, BIFROST_KEY_HEADERS } from './client.js';
import { connectBifrost } from './connection.js';
import { video } from './kinds/video.js';

/** A Bifrost gateway for the mediajobs facade: its kinds of resource, and how to reach them. */
export const bifrost = defineVendor({
  description: BIFROST,
  ownOptions: {
    keyHeader: {
      type: 'string',
      description: `the header the key goes in: ${BIFROST_KEY_HEADERS.join(', ')} (default authorization, as Bearer)`,
    },
  },
  connect: connectBifrost,
  kinds: [video],
});
