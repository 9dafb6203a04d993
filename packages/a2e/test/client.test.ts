import { createA2eClient } from '@mediajobs/a2e';
import { describeVendorClient } from '../../../test-support/vendor-client.js';

describeVendorClient('a2e', {
  packageDir: 'packages/a2e',
  create: createA2eClient,
  call: (client) => client.DELETE('/api/v1/video/{_id}', { params: { path: { _id: '668d0108b3cb5f841f30f8f4' } } }),
  header: 'authorization',
  value: (key) => `Bearer ${key}`,
  envVar: 'A2E_API_KEY',
});
