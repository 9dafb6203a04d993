import { createBifrostClient } from '@mediajobs/bifrost';
import { describeVendorClient } from '../../../test-support/vendor-client.js';

describeVendorClient('bifrost', {
  packageDir: 'packages/bifrost',
  create: createBifrostClient,
  call: (client) => client.DELETE('/v1/videos/{video_id}', { params: { path: { video_id: 'video_1:openai' } } }),
  header: 'authorization',
  value: (key) => `Bearer ${key}`,
  envVar: 'BIFROST_API_KEY',
});
