export { createBifrostClient } from '@mediajobs/bifrost';
