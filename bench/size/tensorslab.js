export { createTensorsLabVideoClient } from '@mediajobs/tensorslab';
