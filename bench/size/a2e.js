export { createA2eClient } from '@mediajobs/a2e';
