export { createTensorsLabAdapter, DEFAULT_TENSORSLAB_BATCH_SIZE, type TensorsLabAdapterOptions } from './adapter.js';
export {
  createTensorsLabImagesClient,
  createTensorsLabVideoClient,
  TENSORSLAB,
  type TensorsLabClientOptions,
  type TensorsLabImagesClient,
  type TensorsLabVideoClient,
} from './client.js';
export type {
  components as TensorsLabImagesComponents,
  operations as TensorsLabImagesOperations,
  paths as TensorsLabImagesPaths,
} from './generated/images.js';
export type {
  components as TensorsLabVideoComponents,
  operations as TensorsLabVideoOperations,
  paths as TensorsLabVideoPaths,
} from './generated/video.js';
