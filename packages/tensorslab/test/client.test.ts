import { createTensorsLabImagesClient, createTensorsLabVideoClient } from '@mediajobs/tensorslab';
import { describeVendorClient } from '../../../test-support/vendor-client.js';

describeVendorClient('tensorslab video', {
  packageDir: 'packages/tensorslab',
  create: createTensorsLabVideoClient,
  call: (client) => client.POST('/v1/video/deletevideotask', { body: { taskids: ['t1'] } }),
  header: 'authorization',
  value: (key) => `Bearer ${key}`,
  envVar: 'TENSORSLAB_API_KEY',
});

describeVendorClient('tensorslab images', {
  packageDir: 'packages/tensorslab',
  create: createTensorsLabImagesClient,
  call: (client) => client.POST('/v1/images/deleteimagestask', { body: { taskids: ['t1'] } }),
  header: 'authorization',
  value: (key) => `Bearer ${key}`,
  envVar: 'TENSORSLAB_API_KEY',
});
