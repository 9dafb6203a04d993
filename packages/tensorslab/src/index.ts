export {
  createTensorsLabImagesClient,
  createTensorsLabVideoClient,
  TENSORSLAB,
  type TensorsLabClientOptions,
  type TensorsLabImagesClient,
  type TensorsLabVideoClient,
} from './client.js';
export { DEFAULT_TENSORSLAB_BATCH_SIZE, type TensorsLabConnectOptions } from './connection.js';
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
export { tensorslab } from './vendor.js';
