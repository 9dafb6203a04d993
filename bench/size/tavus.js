export { createTavusClient } from '@mediajobs/tavus';
