import { createTavusClient } from '@mediajobs/tavus';
import { describeVendorClient } from '../../../test-support/vendor-client.js';

describeVendorClient('tavus', {
  packageDir: 'packages/tavus',
  create: createTavusClient,
  call: (client) => client.DELETE('/v2/videos/{video_id}', { params: { path: { video_id: 'v1' } } }),
  header: 'x-api-key',
  value: (key) => key,
  envVar: 'TAVUS_API_KEY',
});
