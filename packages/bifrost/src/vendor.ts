import { defineVendor } from '@mediajobs/core';
import { BIFROST } from './client.js';
import { connectBifrost } from './connection.js';
import { container } from './kinds/container.js';
import { file } from './kinds/file.js';
import { log } from './kinds/log.js';
import { response } from './kinds/response.js';
import { video } from './kinds/video.js';

/** A Bifrost gateway for the mediajobs facade: its kinds of resource, and how to reach them. */
export const bifrost = /* @__PURE__ */ defineVendor({
  description: BIFROST,
  ownOptions: {
    keyHeader: {
      type: 'string',
      // Literal text, not computed: the module then stays removable when only a client is imported.
      description: 'the header the key goes in: authorization (default, as Bearer), x-bf-vk or x-api-key',
    },
    adminAuth: {
      type: 'string',
      description:
        'the credential of the management routes (logs), default BIFROST_ADMIN_AUTH: user:password (admin, as Basic) or a session token (as Bearer); none when auth is off',
      example: 'admin:password',
      envVar: 'BIFROST_ADMIN_AUTH',
      secret: true,
    },
  },
  connect: connectBifrost,
  kinds: [video, log, file, response, container],
});
